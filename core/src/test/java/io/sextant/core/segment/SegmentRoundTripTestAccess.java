package io.sextant.core.segment;

import io.sextant.core.vector.Similarity;

/** Exposes the double-precision reference score to tests in other packages. */
public final class SegmentRoundTripTestAccess {
  private SegmentRoundTripTestAccess() {}

  public static double refScore(Similarity sim, float[] a, float[] b) {
    return SegmentRoundTripTest.refScore(sim, a, b);
  }
}
