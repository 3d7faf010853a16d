package io.sextant.hnsw;

import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.SegmentViews;
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
    // The kernel view keeps the JDK's segment-load profiles to one native class (see SegmentViews): a mapped
    // segment loaded from as itself, next to core's views and heap segments, left every load a call and made
    // searches from a Collection ~25 % slower (docs/bench/hnsw.md, "Session 14").
    return new PanamaSegmentKernel(SegmentViews.kernelView(vectors.data()), vectors.offset(0), vectors.dimension(),
        similarity);
  }
}
