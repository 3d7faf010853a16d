package io.sextant.core.testing;

import java.util.Random;

/** Seeded random vectors for tests: Gaussian, clustered (a Gaussian mixture), int8 and bit vectors. */
public final class RandomVectors {
  private RandomVectors() {}

  /** Components drawn from N(0, scale²). */
  public static float[] gaussian(Random r, int dim, double scale) {
    float[] v = new float[dim];
    for (int i = 0; i < dim; i++) v[i] = (float) (r.nextGaussian() * scale);
    return v;
  }

  public static float[][] gaussianRows(Random r, int n, int dim) {
    float[][] m = new float[n][];
    for (int i = 0; i < n; i++) m[i] = gaussian(r, dim, 1);
    return m;
  }

  /** Components uniform in [lo, hi). */
  public static float[] uniform(Random r, int dim, float lo, float hi) {
    float[] v = new float[dim];
    for (int i = 0; i < dim; i++) v[i] = lo + (hi - lo) * r.nextFloat();
    return v;
  }

  /**
   * {@code n} points of a Gaussian mixture that imitates embedding sets: {@code clusters} centres
   * drawn from N(0, 1) per dimension, each point a centre plus N(0, spread²) noise.
   */
  public static float[][] clustered(Random r, int n, int dim, int clusters, double spread) {
    float[][] centres = gaussianRows(r, clusters, dim);
    float[][] m = new float[n][dim];
    for (int i = 0; i < n; i++) {
      float[] c = centres[r.nextInt(clusters)];
      for (int j = 0; j < dim; j++) m[i][j] = (float) (c[j] + r.nextGaussian() * spread);
    }
    return m;
  }

  /** Scales {@code v} in place to unit length (left alone when zero); returns it. */
  public static float[] normalize(float[] v) {
    double norm = ReferenceKernels.norm(v);
    if (norm > 0) {
      for (int i = 0; i < v.length; i++) v[i] = (float) (v[i] / norm);
    }
    return v;
  }

  public static float[][] normalizeAll(float[][] m) {
    for (float[] v : m) normalize(v);
    return m;
  }

  /** Bytes uniform over the whole int8 range, -128..127. */
  public static byte[] int8(Random r, int dim) {
    byte[] v = new byte[dim];
    r.nextBytes(v);
    return v;
  }

  /** Random packed bits. */
  public static long[] bits(Random r, int words) {
    long[] v = new long[words];
    for (int i = 0; i < words; i++) v[i] = r.nextLong();
    return v;
  }
}
