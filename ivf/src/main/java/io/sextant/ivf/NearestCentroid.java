package io.sextant.ivf;

import io.sextant.core.vector.VectorKernels;

/**
 * Finds the nearest of k centroids to a point: squared Euclidean distance, or {@code 1 - x·c}
 * for the spherical variant (unit points and centroids). Ties go to the lowest centroid index.
 *
 * <p>Two strategies, chosen by dimension. Wide vectors are scored pair by pair with the SIMD
 * {@link VectorKernels}. Narrow ones (PQ sub-spaces, typically 4–16 floats) are too short for a
 * SIMD kernel call to pay off, so the centroids are kept transposed (dimension-major) and one
 * point is scored against all centroids at once in a loop over centroids that the JIT vectorizes.
 *
 * <p>Results are packed in a {@code long} ({@link #index(long)}, {@link #distance(long)}) so the
 * hot loop allocates nothing. Thread-safe; each caller passes its own scratch array.
 */
final class NearestCentroid {
  /** Dimensions up to this use the transposed layout. */
  static final int TRANSPOSED_MAX_DIM = 24;

  private final float[][] centroids;
  private final int k;
  private final int dim;
  private final boolean spherical;
  private final VectorKernels kernels;
  private final float[] transposed;

  NearestCentroid(float[][] centroids, int dim, boolean spherical, VectorKernels kernels) {
    this(centroids, dim, spherical, kernels, dim <= TRANSPOSED_MAX_DIM);
  }

  NearestCentroid(float[][] centroids, int dim, boolean spherical, VectorKernels kernels, boolean transpose) {
    this.centroids = centroids;
    this.k = centroids.length;
    this.dim = dim;
    this.spherical = spherical;
    this.kernels = kernels;
    if (transpose) {
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

  /** A scratch array of the size {@link #nearest} needs. */
  float[] newScratch() {
    return new float[transposed == null ? 0 : k];
  }

  /** Distance from {@code x} to centroid {@code c} in this quantizer's metric. */
  float distance(float[] x, int c) {
    return spherical ? 1f - kernels.dot(x, centroids[c]) : kernels.squareDistance(x, centroids[c]);
  }

  /** Nearest centroid of {@code x}, packed as index and distance. */
  long nearest(float[] x, float[] scratch) {
    return transposed == null ? nearestPairwise(x) : nearestTransposed(x, scratch);
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

  private long nearestPairwise(float[] x) {
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

  private long nearestTransposed(float[] x, float[] acc) {
    java.util.Arrays.fill(acc, 0, k, 0f);
    float[] t = transposed;
    if (spherical) {
      for (int d = 0; d < dim; d++) {
        float xd = x[d];
        int base = d * k;
        for (int c = 0; c < k; c++) acc[c] += xd * t[base + c];
      }
      int best = 0;
      float bestD = Float.POSITIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        float dd = 1f - acc[c];
        if (dd < bestD) {
          bestD = dd;
          best = c;
        }
      }
      return pack(best, bestD);
    }
    for (int d = 0; d < dim; d++) {
      float xd = x[d];
      int base = d * k;
      for (int c = 0; c < k; c++) {
        float diff = xd - t[base + c];
        acc[c] += diff * diff;
      }
    }
    int best = 0;
    float bestD = Float.POSITIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      if (acc[c] < bestD) {
        bestD = acc[c];
        best = c;
      }
    }
    return pack(best, bestD);
  }
}
