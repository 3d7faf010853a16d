package io.sextant.hnsw;

import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;

/** Entry point reached reflectively by {@link BatchKernels}; links against {@code jdk.incubator.vector}. */
final class PanamaBatchKernels {
  private PanamaBatchKernels() {}

  static BatchKernel create(FloatVectors vectors, Similarity similarity) {
    if (similarity == Similarity.COSINE && !Boolean.getBoolean("sextant.hnsw.cosineNormCache.disabled")) {
      return new NormCachingCosineKernel(vectors, forMemory(vectors, similarity),
          forMemory(vectors, Similarity.DOT_PRODUCT));
    }
    return forMemory(vectors, similarity);
  }

  /** The generated kernel for the memory kind of {@code vectors}. */
  static BatchKernel forMemory(FloatVectors vectors, Similarity similarity) {
    float[] array = BatchKernels.heapArray(vectors);
    if (array != null) {
      int base = Math.toIntExact((vectors.data().address() + vectors.offset(0)) / Float.BYTES);
      return new PanamaArrayKernel(array, base, vectors.dimension(), similarity);
    }
    return new PanamaSegmentKernel(vectors.data(), vectors.offset(0), vectors.dimension(), similarity);
  }
}
