package io.sextant.hnsw;

import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import io.sextant.core.vector.VectorKernels;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Exact {@link GraphScorer} over float vectors scored in place in their {@link MemorySegment},
 * batches of nodes at a time when the Panama kernels are in use (see {@link BatchKernels}).
 * The query is either a caller's array ({@link #setQuery}) or a copy of a stored vector
 * ({@link #setQueryToNode}, used while building). Reusable and not thread-safe: one per thread.
 */
public final class FloatVectorScorer implements QueryScorer {
  private static final ValueLayout.OfFloat FLOAT_LE =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private final FloatVectors vectors;
  private final MemorySegment data;
  private final Similarity similarity;
  private final BatchKernel kernel;
  private final int dimension;
  private final float[] nodeQuery;
  private float[] query;

  public FloatVectorScorer(FloatVectors vectors, Similarity similarity, VectorKernels kernels) {
    this.vectors = vectors;
    this.data = vectors.data();
    this.similarity = similarity;
    this.kernel = BatchKernels.create(vectors, similarity, kernels);
    this.dimension = vectors.dimension();
    this.nodeQuery = new float[dimension];
  }

  /** Scorers over {@code vectors}, one per calling thread. */
  public static ScorerFactory factory(FloatVectors vectors, Similarity similarity, VectorKernels kernels) {
    return () -> new FloatVectorScorer(vectors, similarity, kernels);
  }

  @Override
  public FloatVectorScorer setQuery(float[] q) {
    if (q.length != dimension) {
      throw new IllegalArgumentException("query has dimension " + q.length + ", expected " + dimension);
    }
    this.query = q;
    return this;
  }

  /** Copies stored vector {@code node} once into a reused buffer and scores against it. */
  @Override
  public FloatVectorScorer setQueryToNode(int node) {
    MemorySegment.copy(data, FLOAT_LE, vectors.offset(node), nodeQuery, 0, dimension);
    this.query = nodeQuery;
    return this;
  }

  public Similarity similarity() { return similarity; }

  @Override
  public float score(int node) {
    return kernel.score(query, node);
  }

  @Override
  public void score(int[] nodes, int count, float[] out) {
    kernel.score(query, nodes, count, out);
  }

  @Override
  public int batchWidth() {
    return kernel.batchWidth();
  }
}
