package io.sextant.ivf;

import io.sextant.core.vector.VectorKernels;

/**
 * Nearest-centroid search through the hierarchy {@link TwoLevelKMeans} built: each fine centroid
 * belongs to one of {@code k1 ≈ √k} top centroids. A point is scored against the top centroids,
 * then only against the children of its {@code probes} best top centroids, so an assignment costs
 * about {@code (k1 + probes·k/k1)·dim} multiply-adds instead of {@code k·dim} (≈ 8 times fewer
 * for k = 1024 and 3 probes). The result is the nearest of those candidates, not always the
 * nearest of all k: a point near the border of top clusters whose true nearest centroid sits
 * under a fourth top cluster gets its second best list. That is the approximation FAISS makes
 * with a graph or a coarse quantizer over its centroids for large nlist; the IVF README gives
 * the measured share of exact assignments and recall.
 *
 * <p>Children of a top centroid are stored back to back, so scoring them is one pass of
 * {@link IvfKernels#dots} over a contiguous block with the point's row reused for four of them.
 * Ties go to the lowest centroid index; the results do not depend on the other points of a tile
 * or on the thread count.
 */
final class TwoLevelAssigner implements CentroidAssigner {
  private final int dim;
  private final int k1;
  private final int probes;
  private final boolean spherical;
  private final float[] top;
  private final float[] topBias;
  private final float[][] childRows;
  private final int[][] childIds;
  private final float[][] childBias;
  private final float[][] fine;
  private final VectorKernels kernels;
  private final IvfKernels ivfKernels;

  /**
   * @param topCentroids the k1 top centroids
   * @param parent       for each fine centroid, the index of its top centroid
   * @param fine         the k fine centroids
   */
  TwoLevelAssigner(float[][] topCentroids, int[] parent, float[][] fine, int dim, boolean spherical, int probes,
                   VectorKernels kernels, IvfKernels ivfKernels) {
    if (parent.length != fine.length) {
      throw new IllegalArgumentException("parent has " + parent.length + " entries for " + fine.length + " centroids");
    }
    this.dim = dim;
    this.k1 = topCentroids.length;
    this.probes = Math.max(1, Math.min(probes, k1));
    this.spherical = spherical;
    this.fine = fine;
    this.kernels = kernels;
    this.ivfKernels = ivfKernels;
    this.top = new float[k1 * dim];
    this.topBias = new float[k1];
    for (int t = 0; t < k1; t++) {
      System.arraycopy(topCentroids[t], 0, top, t * dim, dim);
      topBias[t] = spherical ? 0f : halfSquareNorm(topCentroids[t]);
    }
    int[] size = new int[k1];
    for (int p : parent) size[p]++;
    childRows = new float[k1][];
    childIds = new int[k1][];
    childBias = new float[k1][];
    for (int t = 0; t < k1; t++) {
      childRows[t] = new float[size[t] * dim];
      childIds[t] = new int[size[t]];
      childBias[t] = new float[size[t]];
    }
    int[] fill = new int[k1];
    for (int c = 0; c < fine.length; c++) { // ascending c: children are in index order within a block
      int t = parent[c];
      int j = fill[t]++;
      System.arraycopy(fine[c], 0, childRows[t], j * dim, dim);
      childIds[t][j] = c;
      childBias[t][j] = spherical ? 0f : halfSquareNorm(fine[c]);
    }
  }

  private static float halfSquareNorm(float[] v) {
    double s = 0;
    for (float x : v) s += (double) x * x;
    return (float) (s / 2);
  }

  @Override
  public void assign(float[] tile, int count, int[] best, float[] dist) {
    float[] x = new float[dim];
    float[] topScore = new float[k1];
    int[] chosen = new int[probes];
    int maxChildren = 0;
    for (int[] ids : childIds) maxChildren = Math.max(maxChildren, ids.length);
    float[] scores = new float[Math.max(1, maxChildren)];
    for (int i = 0; i < count; i++) {
      System.arraycopy(tile, i * dim, x, 0, dim);
      ivfKernels.dots(top, 0, k1, dim, x, topScore);
      for (int t = 0; t < k1; t++) topScore[t] -= topBias[t];
      bestTop(topScore, chosen);
      int b = -1;
      float bs = Float.NEGATIVE_INFINITY;
      for (int t : chosen) {
        int[] ids = childIds[t];
        if (ids.length == 0) continue;
        ivfKernels.dots(childRows[t], 0, ids.length, dim, x, scores);
        float[] bias = childBias[t];
        for (int j = 0; j < ids.length; j++) {
          float s = scores[j] - bias[j];
          if (s > bs || (s == bs && ids[j] < b)) {
            bs = s;
            b = ids[j];
          }
        }
      }
      best[i] = b;
      // The winner's distance directly, without the cancellation of the ranking form.
      dist[i] = spherical ? 1f - kernels.dot(x, fine[b]) : kernels.squareDistance(x, fine[b]);
    }
  }

  /** Indexes of the {@code chosen.length} highest scores, best first, ties to the lower index. */
  private static void bestTop(float[] score, int[] chosen) {
    int p = chosen.length;
    int filled = 0;
    for (int t = 0; t < score.length; t++) {
      float s = score[t];
      if (filled == p && !(s > score[chosen[p - 1]])) continue;
      int at = filled < p ? filled++ : p - 1;
      while (at > 0 && s > score[chosen[at - 1]]) {
        chosen[at] = chosen[at - 1];
        at--;
      }
      chosen[at] = t;
    }
  }
}
