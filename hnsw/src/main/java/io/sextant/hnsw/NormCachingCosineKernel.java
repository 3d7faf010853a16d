package io.sextant.hnsw;

import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.PanamaKernels;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Cosine batches as a dot-product batch plus a per-node cache of squared norms. The cosine batch
 * kernel accumulates {@code a·b} and {@code b·b} for every vector: two FMAs per element. A stored
 * vector never changes under its ordinal, so its {@code b·b} is computed once, on first touch,
 * and later batches run the dot kernel: one FMA per element. On 384-d MiniLM embeddings a search
 * touches the same hub nodes query after query, so the cache is warm after a few queries.
 *
 * <p>Bit-identical to the cosine batch kernel, not merely close: the dot kernel's per-vector
 * accumulator is the cosine kernel's {@code a} accumulator (same lanes, same order, same masked
 * tail), and {@link #selfDot} accumulates {@code b·b} and {@code q·q} exactly as the cosine kernel
 * does (one accumulator, chunk by chunk, masked tail, one lane reduction), so the final
 * {@code ab / sqrt(aa·bb)} sees the same three floats. Single-vector scores are left to the cosine
 * kernel unchanged. Not thread-safe (cache and scratch); one per scorer, like every kernel. Holds
 * one float per node.
 */
final class NormCachingCosineKernel implements BatchKernel {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int FL = F.length();
  private static final boolean FMA = PanamaKernels.usesFma();
  private static final ValueLayout.OfFloat FLOAT_LE =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final float UNKNOWN = -1f; // a squared norm is never negative

  private final FloatVectors vectors;
  private final MemorySegment data;
  private final int dim;
  private final BatchKernel cosine;
  private final BatchKernel dot;
  private final float[] vector;
  private float[] squaredNorms;

  NormCachingCosineKernel(FloatVectors vectors, BatchKernel cosine, BatchKernel dot) {
    this.vectors = vectors;
    this.data = vectors.data();
    this.dim = vectors.dimension();
    this.cosine = cosine;
    this.dot = dot;
    this.vector = new float[dim];
    this.squaredNorms = new float[vectors.size()];
    Arrays.fill(squaredNorms, UNKNOWN);
  }

  @Override
  public float score(float[] q, int node) {
    return cosine.score(q, node);
  }

  @Override
  public void score(float[] q, int[] nodes, int count, float[] out) {
    float[] norms = squaredNorms;
    for (int i = 0; i < count; i++) {
      int n = nodes[i];
      if (n >= norms.length) norms = grow(n);
      if (norms[n] == UNKNOWN) {
        MemorySegment.copy(data, FLOAT_LE, vectors.offset(n), vector, 0, dim);
        norms[n] = selfDot(vector, dim);
      }
    }
    dot.score(q, nodes, count, out);
    float qq = selfDot(q, dim);
    for (int i = 0; i < count; i++) out[i] = cosine(out[i], qq, norms[nodes[i]]);
  }

  private float[] grow(int node) {
    int old = squaredNorms.length;
    squaredNorms = Arrays.copyOf(squaredNorms, Math.max(node + 1, old + (old >> 1) + 16));
    Arrays.fill(squaredNorms, old, squaredNorms.length, UNKNOWN);
    return squaredNorms;
  }

  /** Same as the cosine kernels: the norms' product in double, 0 for a zero norm. */
  private static float cosine(float ab, float aa, float bb) {
    double denom = Math.sqrt((double) aa * (double) bb);
    return denom == 0 ? 0f : (float) (ab / denom);
  }

  /** {@code v·v} accumulated as the cosine batch kernels accumulate each of their norms. */
  static float selfDot(float[] v, int n) {
    FloatVector acc = FloatVector.zero(F);
    int i = 0;
    for (int end = F.loopBound(n); i < end; i += FL) {
      FloatVector x = FloatVector.fromArray(F, v, i);
      acc = FMA ? x.fma(x, acc) : acc.add(x.mul(x));
    }
    if (i < n) {
      VectorMask<Float> m = F.indexInRange(i, n);
      FloatVector x = FloatVector.fromArray(F, v, i, m);
      acc = FMA ? x.fma(x, acc) : acc.add(x.mul(x));
    }
    return acc.reduceLanes(VectorOperators.ADD);
  }
}
