package io.sextant.ivf;

/**
 * Assigns points to one of a fixed set of centroids: exactly ({@link NearestCentroid}) or through
 * a two-level hierarchy ({@link TwoLevelAssigner}). Thread-safe.
 */
interface CentroidAssigner {
  /**
   * Centroid of each of {@code count} points stored row-major in {@code tile} into {@code best},
   * its distance (squared Euclidean, or {@code 1 - x·c} when spherical) into {@code dist}.
   */
  void assign(float[] tile, int count, int[] best, float[] dist);

  /**
   * As {@link #assign(float[], int, int[], float[])}, for rows {@code first .. first+count} of the
   * training sample the assigner was made for: an assigner that already knows something about those
   * rows (the top clusters {@link TwoLevelKMeans} scored them against) can skip that work.
   */
  default void assignSampleRows(int first, float[] tile, int count, int[] best, float[] dist) {
    assign(tile, count, best, dist);
  }

  /** The exact nearest centroid, ties to the lowest index. */
  static CentroidAssigner exact(NearestCentroid nearest) {
    return (tile, count, best, dist) -> nearest.nearestAll(tile, count, best, dist, nearest.newScratch());
  }
}
