package io.sextant.hnsw;

/**
 * How {@link HnswIndex#search(float[], int, int, org.roaringbitmap.RoaringBitmap, FilterStrategy)}
 * serves a filtered query. {@link #AUTO} is what every caller should use; the other two exist to
 * measure the two paths the automatic choice picks between.
 */
public enum FilterStrategy {
  /** Scan small accepted sets exactly, search the graph for larger ones (falling back to the scan). */
  AUTO,
  /** Always the filtered graph search, with no fallback: results may be fewer than k or miss some. */
  GRAPH,
  /** Always score every accepted node. */
  SCAN
}
