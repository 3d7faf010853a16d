package io.sextant.hnsw;

import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;

/** Entry point reached reflectively by {@link BatchKernels}; links against {@code jdk.incubator.vector}. */
final class PanamaBatchKernels {
  private PanamaBatchKernels() {}

  static BatchKernel create(FloatVectors vectors, Similarity similarity) {
    float[] array = BatchKernels.heapArray(vectors);
    if (array != null) {
      int base = Math.toIntExact((vectors.data().address() + vectors.offset(0)) / Float.BYTES);
      return new PanamaArrayKernel(array, base, vectors.dimension(), similarity);
    }
    return new PanamaSegmentKernel(vectors.data(), vectors.offset(0), vectors.dimension(), similarity);
  }
}
