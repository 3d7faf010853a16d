package io.sextant.ivf;

import io.sextant.core.vector.FloatVectors;
import java.util.SplittableRandom;

/** Synthetic data for tests: Gaussian blobs around planted centres, with the truth kept. */
final class ClusteredData {
  final float[][] centres;
  final float[][] rows;
  final int[] label;

  private ClusteredData(float[][] centres, float[][] rows, int[] label) {
    this.centres = centres;
    this.rows = rows;
    this.label = label;
  }

  /**
   * {@code n} points in {@code dim} dimensions around {@code clusters} centres drawn uniformly in
   * {@code [-spread, spread]^dim}, each point a centre plus N(0, sigma²) per coordinate.
   */
  static ClusteredData gaussian(int n, int dim, int clusters, double spread, double sigma, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[][] centres = new float[clusters][dim];
    for (float[] c : centres) {
      for (int d = 0; d < dim; d++) c[d] = (float) ((rng.nextDouble() * 2 - 1) * spread);
    }
    float[][] rows = new float[n][dim];
    int[] label = new int[n];
    for (int i = 0; i < n; i++) {
      int c = rng.nextInt(clusters);
      label[i] = c;
      for (int d = 0; d < dim; d++) rows[i][d] = (float) (centres[c][d] + gaussian(rng) * sigma);
    }
    return new ClusteredData(centres, rows, label);
  }

  /**
   * Embedding-like data: {@code clusters} blobs in {@code [-1, 1]^dim}, each spread along its own
   * random {@code latent}-dimensional subspace (scale {@code spread}) plus isotropic noise
   * {@code noise}. Low intrinsic dimension and overlapping blobs make the nearest lists of a query
   * matter, as with real embeddings.
   */
  static ClusteredData embedded(int n, int dim, int clusters, int latent, double spread, double noise, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[][] centres = new float[clusters][dim];
    float[][][] basis = new float[clusters][latent][dim];
    for (int c = 0; c < clusters; c++) {
      for (int d = 0; d < dim; d++) centres[c][d] = (float) (rng.nextDouble() * 2 - 1);
      for (int l = 0; l < latent; l++) {
        for (int d = 0; d < dim; d++) basis[c][l][d] = (float) (gaussian(rng) / Math.sqrt(dim));
      }
    }
    float[][] rows = new float[n][dim];
    int[] label = new int[n];
    for (int i = 0; i < n; i++) {
      int c = rng.nextInt(clusters);
      label[i] = c;
      double[] x = new double[dim];
      for (int d = 0; d < dim; d++) x[d] = centres[c][d] + gaussian(rng) * noise;
      for (int l = 0; l < latent; l++) {
        double z = gaussian(rng) * spread;
        for (int d = 0; d < dim; d++) x[d] += z * basis[c][l][d];
      }
      for (int d = 0; d < dim; d++) rows[i][d] = (float) x[d];
    }
    return new ClusteredData(centres, rows, label);
  }

  FloatVectors vectors() {
    return FloatVectors.copyOf(rows, rows[0].length);
  }

  static double gaussian(SplittableRandom rng) {
    // Box–Muller; SplittableRandom has no nextGaussian of its own state in older JDKs.
    double u = 1 - rng.nextDouble();
    double v = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  static double squareDistance(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double d = (double) a[i] - b[i];
      s += d * d;
    }
    return s;
  }

  static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += (double) a[i] * b[i];
    return s;
  }

  static float[] unit(float[] v) {
    double n = Math.sqrt(dot(v, v));
    float[] u = new float[v.length];
    for (int i = 0; i < v.length; i++) u[i] = (float) (v[i] / n);
    return u;
  }
}
