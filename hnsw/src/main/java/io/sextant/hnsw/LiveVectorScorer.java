package io.sextant.hnsw;

import io.sextant.core.index.LiveVectors;
import io.sextant.core.vector.Similarity;
import io.sextant.core.vector.VectorKernels;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * {@link QueryScorer} over the write buffer's chunked {@link LiveVectors}, one vector at a time
 * through the core kernels. (The batch kernels want one contiguous block; the buffer is small and
 * short-lived, so it does without them.) Not thread-safe: one per thread.
 */
final class LiveVectorScorer implements QueryScorer {
  private static final ValueLayout.OfFloat FLOAT_LE =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private final LiveVectors vectors;
  private final Similarity similarity;
  private final VectorKernels kernels;
  private final float[] nodeQuery;
  private float[] query;

  LiveVectorScorer(LiveVectors vectors, Similarity similarity, VectorKernels kernels) {
    this.vectors = vectors;
    this.similarity = similarity;
    this.kernels = kernels;
    this.nodeQuery = new float[vectors.dimension()];
  }

  @Override
  public LiveVectorScorer setQuery(float[] q) {
    if (q.length != vectors.dimension()) {
      throw new IllegalArgumentException("query has dimension " + q.length + ", expected " + vectors.dimension());
    }
    query = q;
    return this;
  }

  @Override
  public LiveVectorScorer setQueryToNode(int node) {
    MemorySegment.copy(vectors.chunkOf(node), FLOAT_LE, vectors.offsetInChunk(node), nodeQuery, 0, nodeQuery.length);
    query = nodeQuery;
    return this;
  }

  @Override
  public float score(int node) {
    return similarity.raw(kernels, query, vectors.chunkOf(node), vectors.offsetInChunk(node));
  }
}
