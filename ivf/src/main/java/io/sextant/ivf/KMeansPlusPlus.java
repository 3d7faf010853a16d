package io.sextant.ivf;

import java.util.SplittableRandom;

/**
 * k-means++ seeding (Arthur &amp; Vassilvitskii 2007): the first centroid is a uniformly random
 * point, each next one a point drawn with probability proportional to its distance to the
 * nearest centroid chosen so far. Run on a sample of the training points (see
 * {@link KMeans.Options#initSamplePerCentroid()}), copied once into one array, because each of
 * the k rounds touches every sampled point. The per-round distance update is parallel and uses
 * fixed-order sums; the draw and the total it needs run in index order, so the seeds depend on
 * the random seed only, not on the thread count or on JIT warm-up.
 */
final class KMeansPlusPlus {
  private static final int CHUNK = 1024;

  private KMeansPlusPlus() {}

  static float[][] seed(TrainingPoints points, int k, boolean spherical, IvfKernels kernels, SplittableRandom rng,
                        ParallelChunks par) {
    int n = points.size();
    int dim = points.dimension();
    float[] rows = new float[Math.multiplyExact(n, dim)];
    float[] norms = new float[n];
    par.forEach(n, CHUNK, (from, to) -> {
      points.readRows(from, to, rows, from * dim);
      for (int i = from; i < to; i++) {
        double s = 0;
        for (int d = i * dim; d < (i + 1) * dim; d++) s += (double) rows[d] * rows[d];
        norms[i] = (float) s;
      }
    });
    float[][] centroids = new float[k][];
    float[] minDist = new float[n];
    java.util.Arrays.fill(minDist, Float.POSITIVE_INFINITY);
    int pick = rng.nextInt(n);
    for (int c = 0; ; c++) {
      float[] centre = java.util.Arrays.copyOfRange(rows, pick * dim, (pick + 1) * dim);
      centroids[c] = centre;
      double cc = 0;
      for (float v : centre) cc += (double) v * v;
      float centreNorm = (float) cc;
      par.forEach(n, CHUNK, (from, to) -> {
        float[] dots = new float[to - from];
        kernels.dots(rows, from, to - from, dim, centre, dots);
        for (int i = from; i < to; i++) {
          float dot = dots[i - from];
          float d = spherical ? 1f - dot : norms[i] + centreNorm - 2f * dot;
          if (d < 0f) d = 0f;
          if (d < minDist[i]) minDist[i] = d;
        }
      });
      if (c == k - 1) break;
      double total = 0;
      for (float d : minDist) total += d;
      if (total <= 0 || Double.isNaN(total)) {
        pick = rng.nextInt(n); // every point coincides with a centroid: nothing better to draw from
      } else {
        double r = rng.nextDouble() * total;
        pick = n - 1;
        double acc = 0;
        for (int i = 0; i < n; i++) {
          acc += minDist[i];
          if (acc > r && minDist[i] > 0) {
            pick = i;
            break;
          }
        }
      }
    }
    return centroids;
  }
}
