package io.sextant.bench.filter;

import org.roaringbitmap.RoaringBitmap;

/**
 * One filter of a run, ready to search with: the accept-set over base ordinals and the exact
 * filtered ground truth (row {@code i}: the best accepted ordinals for query {@code i}, best first).
 */
public record FilterCase(FilterSpec spec, RoaringBitmap accept, int[][] truth, int baseSize) {

  /** Fraction of the base the accept-set holds (the measured selectivity, not the requested one). */
  public double selectivity() {
    return (double) accept.getLongCardinality() / baseSize;
  }

  public String label() {
    return spec.text();
  }
}
