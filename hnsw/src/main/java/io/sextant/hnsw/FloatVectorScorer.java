package io.sextant.hnsw;

import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import io.sextant.core.vector.VectorKernels;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Exact {@link GraphScorer} over float vectors scored in place in their {@link MemorySegment}.
 * The query is either a caller's array ({@link #setQuery}) or a copy of a stored vector
 * ({@link #setQueryToNode}, used while building). Reusable and not thread-safe: one per thread.
 */
public final class FloatVectorScorer implements GraphScorer {
  private static final ValueLayout.OfFloat FLOAT_LE =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private final FloatVectors vectors;
  private final MemorySegment data;
  private final Similarity similarity;
  private final VectorKernels kernels;
  private final int dimension;
  private final float[] nodeQuery;
  private float[] query;

  public FloatVectorScorer(FloatVectors vectors, Similarity similarity, VectorKernels kernels) {
    this.vectors = vectors;
    this.data = vectors.data();
    this.similarity = similarity;
    this.kernels = kernels;
    this.dimension = vectors.dimension();
    this.nodeQuery = new float[dimension];
  }

  /** Scores against {@code q} from now on; the array is used as is, not copied. */
  public FloatVectorScorer setQuery(float[] q) {
    if (q.length != dimension) {
      throw new IllegalArgumentException("query has dimension " + q.length + ", expected " + dimension);
    }
    this.query = q;
    return this;
  }

  /** Scores against stored vector {@code node} from now on (copied once into a reused buffer). */
  public FloatVectorScorer setQueryToNode(int node) {
    MemorySegment.copy(data, FLOAT_LE, vectors.offset(node), nodeQuery, 0, dimension);
    this.query = nodeQuery;
    return this;
  }

  public Similarity similarity() { return similarity; }

  @Override
  public float score(int node) {
    long off = vectors.offset(node);
    return switch (similarity) {
      case EUCLIDEAN -> -kernels.squareDistance(query, data, off);
      case COSINE -> kernels.cosine(query, data, off);
      case DOT_PRODUCT, MAXIMUM_INNER_PRODUCT -> kernels.dot(query, data, off);
    };
  }

  // One switch per batch, then a tight loop with a single (monomorphic) kernel call.
  @Override
  public void score(int[] nodes, int count, float[] out) {
    float[] q = query;
    VectorKernels k = kernels;
    MemorySegment d = data;
    switch (similarity) {
      case EUCLIDEAN -> {
        for (int i = 0; i < count; i++) out[i] = -k.squareDistance(q, d, vectors.offset(nodes[i]));
      }
      case COSINE -> {
        for (int i = 0; i < count; i++) out[i] = k.cosine(q, d, vectors.offset(nodes[i]));
      }
      case DOT_PRODUCT, MAXIMUM_INNER_PRODUCT -> {
        for (int i = 0; i < count; i++) out[i] = k.dot(q, d, vectors.offset(nodes[i]));
      }
    }
  }
}
