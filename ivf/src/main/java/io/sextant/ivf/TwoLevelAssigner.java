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
 * <p>Points are grouped by the top clusters they probe, and each group is scored against that
 * cluster's children with the blocked {@link IvfKernels#nearestBatch} (each child read once per
 * tile of points). Ties go to the lowest centroid index; a point's result does not depend on the
 * other points of its tile (the kernel's sums have a fixed order) or on the thread count.
 */
final class TwoLevelAssigner implements CentroidAssigner {
  private final int dim;
  private final int k1;
  private final int probes;
  private final boolean spherical;
  private final float[] top;
  private final float[] topBias;
  private final float[][][] childArrays;
  private final int[][] childIds;
  private final float[][] childBias;
  private final float[][] fine;
  private final VectorKernels kernels;
  private final IvfKernels ivfKernels;
  /** For {@link #assignSampleRows}: the probed top clusters of each training-sample row, or null. */
  private final int[] sampleProbes;

  /**
   * @param topCentroids the k1 top centroids
   * @param parent       for each fine centroid, the index of its top centroid
   * @param fine         the k fine centroids
   */
  TwoLevelAssigner(float[][] topCentroids, int[] parent, float[][] fine, int dim, boolean spherical, int probes,
                   VectorKernels kernels, IvfKernels ivfKernels) {
    this(topCentroids, parent, fine, dim, spherical, probes, kernels, ivfKernels, null);
  }

  /**
   * @param sampleProbes for each row of the training sample, its {@code probes} top clusters
   *                     ({@link #probeTops} of the same top centroids), best first; used by
   *                     {@link #assignSampleRows} instead of scoring the top level again
   */
  TwoLevelAssigner(float[][] topCentroids, int[] parent, float[][] fine, int dim, boolean spherical, int probes,
                   VectorKernels kernels, IvfKernels ivfKernels, int[] sampleProbes) {
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
    this.sampleProbes = sampleProbes;
    this.top = new float[k1 * dim];
    this.topBias = new float[k1];
    for (int t = 0; t < k1; t++) {
      System.arraycopy(topCentroids[t], 0, top, t * dim, dim);
      topBias[t] = spherical ? 0f : halfSquareNorm(topCentroids[t]);
    }
    int[] size = new int[k1];
    for (int p : parent) size[p]++;
    childArrays = new float[k1][][];
    childIds = new int[k1][];
    childBias = new float[k1][];
    for (int t = 0; t < k1; t++) {
      childArrays[t] = new float[size[t]][];
      childIds[t] = new int[size[t]];
      childBias[t] = new float[size[t]];
    }
    int[] fill = new int[k1];
    for (int c = 0; c < fine.length; c++) { // ascending c: children are in index order within a block
      int t = parent[c];
      int j = fill[t]++;
      childArrays[t][j] = fine[c];
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
    int[] probed = new int[count * probes];
    probeTops(tile, count, probed, 0);
    assignProbed(tile, count, probed, 0, best, dist);
  }

  @Override
  public void assignSampleRows(int first, float[] tile, int count, int[] best, float[] dist) {
    if (sampleProbes == null) {
      assign(tile, count, best, dist);
    } else {
      assignProbed(tile, count, sampleProbes, first * probes, best, dist);
    }
  }

  int probes() {
    return probes;
  }

  /** An assigner over the top level only, for {@link #probeTops} before the fine centroids exist. */
  static TwoLevelAssigner topLevelOnly(float[][] topCentroids, int dim, boolean spherical, int probes,
                                       VectorKernels kernels, IvfKernels ivfKernels) {
    return new TwoLevelAssigner(topCentroids, new int[0], new float[0][], dim, spherical, probes, kernels, ivfKernels);
  }

  /**
   * The {@link #probes()} best top clusters of each of {@code count} points, best first, into
   * {@code probed[at + i·probes ..]}.
   */
  void probeTops(float[] tile, int count, int[] probed, int at) {
    float[] x = new float[dim];
    float[] topScore = new float[k1];
    int[] chosen = new int[probes];
    for (int i = 0; i < count; i++) {
      System.arraycopy(tile, i * dim, x, 0, dim);
      ivfKernels.dots(top, 0, k1, dim, x, topScore);
      for (int t = 0; t < k1; t++) topScore[t] -= topBias[t];
      bestTop(topScore, chosen);
      System.arraycopy(chosen, 0, probed, at + i * probes, probes);
    }
  }

  /** Each point's best child over its probed top clusters ({@code probed[at + i·probes ..]}). */
  private void assignProbed(float[] tile, int count, int[] probed, int at, int[] best, float[] dist) {
    int[] load = new int[k1];
    for (int i = 0; i < count * probes; i++) load[probed[at + i]]++;
    // 2. Per top cluster, the points that probe it against its children in one blocked pass
    // (IvfKernels.nearestBatch reads each child once per tile of points instead of once per
    // point), then each point keeps the best over its probes, ties to the lowest index.
    int[] start = new int[k1 + 1];
    for (int t = 0; t < k1; t++) start[t + 1] = start[t] + load[t];
    int[] members = new int[count * probes];
    int[] fill = java.util.Arrays.copyOf(start, k1);
    for (int i = 0; i < count; i++) {
      for (int p = 0; p < probes; p++) members[fill[probed[at + i * probes + p]]++] = i;
    }
    float[] bestScore = new float[count];
    java.util.Arrays.fill(bestScore, Float.NEGATIVE_INFINITY);
    java.util.Arrays.fill(best, 0, count, -1);
    int maxLoad = 0;
    for (int l : load) maxLoad = Math.max(maxLoad, l);
    float[] rows = new float[maxLoad * dim];
    int[] local = new int[maxLoad];
    float[] localScore = new float[maxLoad];
    for (int t = 0; t < k1; t++) {
      int m = load[t];
      if (m == 0 || childIds[t].length == 0) continue;
      for (int j = 0; j < m; j++) System.arraycopy(tile, members[start[t] + j] * dim, rows, j * dim, dim);
      ivfKernels.nearestBatch(rows, m, dim, childArrays[t], childBias[t], local, localScore);
      int[] ids = childIds[t];
      for (int j = 0; j < m; j++) {
        int i = members[start[t] + j];
        int c = ids[local[j]];
        float s = localScore[j];
        if (s > bestScore[i] || (s == bestScore[i] && c < best[i])) {
          bestScore[i] = s;
          best[i] = c;
        }
      }
    }
    float[] x = new float[dim];
    for (int i = 0; i < count; i++) {
      System.arraycopy(tile, i * dim, x, 0, dim);
      // The winner's distance directly, without the cancellation of the ranking form.
      dist[i] = spherical ? 1f - kernels.dot(x, fine[best[i]]) : kernels.squareDistance(x, fine[best[i]]);
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
