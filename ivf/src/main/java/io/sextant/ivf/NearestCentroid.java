package io.sextant.ivf;

import io.sextant.core.vector.VectorKernels;
import java.util.Arrays;

/**
 * Finds the nearest of k centroids to points: squared Euclidean distance, or {@code 1 - x·c}
 * for the spherical variant (unit points and centroids). Ties go to the lowest centroid index.
 *
 * <p>Two strategies, chosen by dimension:
 * <ul>
 *   <li>{@link Strategy#BATCH} (wide vectors): points are scored in tiles by
 *       {@link IvfKernels#nearestBatch}, which reads each centroid once per tile of points instead
 *       of once per point; with k·dim floats of centroids far larger than the caches, reading the
 *       centroids is what bounds a point-at-a-time scan. The Euclidean form ranks by
 *       {@code x·c - ‖c‖²/2}; the distance reported for the winner is then recomputed directly
 *       with the core SIMD kernels, so it has no cancellation error.</li>
 *   <li>{@link Strategy#TRANSPOSED} (narrow vectors: PQ sub-spaces of 4–16 floats): the
 *       centroids are kept dimension-major; {@link IvfKernels#nearestTransposedBatch} scores a
 *       vector's width of points at a time (one per lane) against all of them, each centroid
 *       component broadcast once for those points.</li>
 * </ul>
 * Results for a point do not depend on the other points of its tile. Thread-safe; callers pass
 * their own scratch arrays.
 */
final class NearestCentroid {
  /** Dimensions up to this use {@link Strategy#TRANSPOSED}. */
  static final int TRANSPOSED_MAX_DIM = 24;

  enum Strategy { BATCH, TRANSPOSED }

  private final float[][] centroids;
  private final int k;
  private final int dim;
  private final boolean spherical;
  private final VectorKernels kernels;
  private final IvfKernels ivfKernels;
  private final float[] bias;
  private final float[] transposed;

  NearestCentroid(float[][] centroids, int dim, boolean spherical, VectorKernels kernels, IvfKernels ivfKernels) {
    this(centroids, dim, spherical, kernels, ivfKernels,
        dim <= TRANSPOSED_MAX_DIM ? Strategy.TRANSPOSED : Strategy.BATCH);
  }

  NearestCentroid(float[][] centroids, int dim, boolean spherical, VectorKernels kernels, IvfKernels ivfKernels,
                  Strategy strategy) {
    this.centroids = centroids;
    this.k = centroids.length;
    this.dim = dim;
    this.spherical = spherical;
    this.kernels = kernels;
    this.ivfKernels = ivfKernels;
    this.bias = new float[k];
    if (!spherical) {
      for (int c = 0; c < k; c++) {
        double s = 0;
        for (float v : centroids[c]) s += (double) v * v;
        bias[c] = (float) (s / 2);
      }
    }
    if (strategy == Strategy.TRANSPOSED) {
      transposed = new float[k * dim];
      for (int c = 0; c < k; c++) {
        for (int d = 0; d < dim; d++) transposed[d * k + c] = centroids[c][d];
      }
    } else {
      transposed = null;
    }
  }

  int clusters() {
    return k;
  }

  /** A scratch array of the size {@link #nearest} and {@link #nearestAll} need. */
  float[] newScratch() {
    return new float[transposed == null ? 0 : Math.max(k, 64)];
  }

  /** Distance from {@code x} to centroid {@code c} in this quantizer's metric. */
  float distance(float[] x, int c) {
    return spherical ? 1f - kernels.dot(x, centroids[c]) : kernels.squareDistance(x, centroids[c]);
  }

  /** Nearest centroid of one point, packed as index and distance ({@link #index}, {@link #distance(long)}). */
  long nearest(float[] x, float[] scratch) {
    if (transposed != null) return nearestTransposed(x, 0, scratch);
    int best = 0;
    float bestD = Float.POSITIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      float d = distance(x, c);
      if (d < bestD) {
        bestD = d;
        best = c;
      }
    }
    return pack(best, bestD);
  }

  /**
   * Nearest centroids of {@code count} points stored row-major in {@code tile}: indexes into
   * {@code best}, distances into {@code dist}.
   */
  void nearestAll(float[] tile, int count, int[] best, float[] dist, float[] scratch) {
    if (transposed != null) {
      // Ranked in the inner-product form, a vector's width of points per pass over the centroids;
      // the winner's distance is then computed directly (a few floats), without the form's cancellation.
      ivfKernels.nearestTransposedBatch(tile, count, dim, transposed, bias, k, best);
      for (int i = 0; i < count; i++) {
        float[] c = centroids[best[i]];
        int base = i * dim;
        float s = 0f;
        if (spherical) {
          for (int d = 0; d < dim; d++) s += tile[base + d] * c[d];
          dist[i] = 1f - s;
        } else {
          for (int d = 0; d < dim; d++) {
            float diff = tile[base + d] - c[d];
            s += diff * diff;
          }
          dist[i] = s;
        }
      }
      return;
    }
    ivfKernels.nearestBatch(tile, count, dim, centroids, bias, best, dist);
    if (spherical) {
      for (int i = 0; i < count; i++) dist[i] = 1f - dist[i];
    } else {
      // Array kernels on a copied row: a float[]-backed segment here would make the core kernels'
      // segment loads see two segment classes, and the JIT then stops intrinsifying them.
      float[] row = new float[dim];
      for (int i = 0; i < count; i++) {
        System.arraycopy(tile, i * dim, row, 0, dim);
        dist[i] = kernels.squareDistance(centroids[best[i]], row);
      }
    }
  }

  /**
   * Nearest centroid indexes only, for the narrow-vector strategy (PQ encoding): the distances
   * {@link #nearestAll} also reports are not needed there.
   */
  void nearestIndexes(float[] tile, int count, int[] best) {
    if (transposed == null) {
      nearestAll(tile, count, best, new float[count], newScratch());
    } else {
      ivfKernels.nearestTransposedBatch(tile, count, dim, transposed, bias, k, best);
    }
  }

  /**
   * {@link #nearestIndexes} for one group of points already in lanes (see
   * {@link IvfKernels#nearestTransposedLanes}); narrow-vector strategy only.
   */
  void nearestIndexesInLanes(float[] lanes, int at, int width, int[] best) {
    ivfKernels.nearestTransposedLanes(lanes, at, width, dim, transposed, bias, k, best);
  }

  /** Centroid {@code c} (the caller's array, not a copy). */
  float[] centroidRef(int c) {
    return centroids[c];
  }

  static int index(long packed) {
    return (int) (packed >>> 32);
  }

  static float distance(long packed) {
    return Float.intBitsToFloat((int) packed);
  }

  private static long pack(int index, float distance) {
    return ((long) index << 32) | (Float.floatToRawIntBits(distance) & 0xFFFF_FFFFL);
  }

  private long nearestTransposed(float[] x, int from, float[] scratch) {
    return ivfKernels.nearestTransposed(x, from, dim, transposed, k, spherical, scratch);
  }
}
