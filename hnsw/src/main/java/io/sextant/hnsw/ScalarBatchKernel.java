package io.sextant.hnsw;

import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import io.sextant.core.vector.VectorKernels;
import java.lang.foreign.MemorySegment;

/** {@link BatchKernel} over the core kernels, one vector at a time: the portable fallback. */
final class ScalarBatchKernel implements BatchKernel {
  private final FloatVectors vectors;
  private final MemorySegment data;
  private final Similarity similarity;
  private final VectorKernels kernels;

  ScalarBatchKernel(FloatVectors vectors, Similarity similarity, VectorKernels kernels) {
    this.vectors = vectors;
    this.data = vectors.data();
    this.similarity = similarity;
    this.kernels = kernels;
  }

  @Override
  public float score(float[] q, int node) {
    long off = vectors.offset(node);
    return switch (similarity) {
      case EUCLIDEAN -> -kernels.squareDistance(q, data, off);
      case COSINE -> kernels.cosine(q, data, off);
      case DOT_PRODUCT, MAXIMUM_INNER_PRODUCT -> kernels.dot(q, data, off);
    };
  }

  // One switch per batch, then a tight loop with a single (monomorphic) kernel call.
  @Override
  public void score(float[] q, int[] nodes, int count, float[] out) {
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
