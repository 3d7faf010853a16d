package io.sextant.ivf;

import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.VectorKernels;
import java.util.SplittableRandom;

/**
 * k-means for many clusters in two levels: {@code k1 = round(√k)} top clusters, then each top
 * cluster's points split into a share of the k clusters proportional to its size, then
 * {@code refine} Lloyd passes over the whole sample starting from those centroids, ending with an
 * exact assignment. A flat Lloyd pass costs {@code n·k·dim}; the two levels cost about
 * {@code 2·n·√k·dim} per pass, so for k = 1024 training is ~16 times cheaper and the build is
 * dominated by the final exact passes. The partition is slightly less tight than flat k-means
 * (one refine pass recovers most of it; see the IVF README for measurements).
 *
 * <p>Deterministic for a seed: each sub-problem has its own seed and runs on one thread, the
 * sub-problems run in parallel, and their centroids are concatenated in top-cluster order.
 */
final class TwoLevelKMeans {
  private TwoLevelKMeans() {}

  static KMeans.Result train(FloatVectors data, KMeans.Options o, int refine, VectorKernels vk, IvfKernels ik) {
    int n = data.size();
    int k = o.clusters();
    if (n < k) throw new IllegalArgumentException("k-means with " + k + " clusters needs at least " + k + " points, got " + n);
    int dim = data.dimension();
    SplittableRandom rng = new SplittableRandom(o.seed());
    int[] sample = TrainingPoints.sampleSorted(n, (int) Math.min(n, (long) k * o.samplePerCentroid()), rng);
    int k1 = (int) Math.max(1, Math.min(k, Math.round(Math.sqrt(k))));

    KMeans.Result top = KMeans.train(data, sample, KMeans.options(k1).spherical(o.spherical()).seed(o.seed())
        .threads(o.threads()).maxIterations(o.maxIterations()).tolerance(o.tolerance()).build(), vk, ik);

    // Top cluster of every sampled point (the top-level k-means saw only a sub-sample).
    int[] topOf = new int[sample.length];
    NearestCentroid nearestTop = new NearestCentroid(top.centroidRows(), dim, o.spherical(), vk, ik);
    TrainingPoints points = new TrainingPoints(data, sample, o.spherical());
    try (ParallelChunks par = new ParallelChunks(o.threads())) {
      par.forEach(sample.length, 256, (from, to) -> {
        float[] tile = new float[(to - from) * dim];
        float[] x = new float[dim];
        for (int i = from; i < to; i++) {
          points.read(i, x);
          System.arraycopy(x, 0, tile, (i - from) * dim, dim);
        }
        int[] best = new int[to - from];
        nearestTop.nearestAll(tile, to - from, best, new float[to - from], nearestTop.newScratch());
        System.arraycopy(best, 0, topOf, from, to - from);
      });
      int[] size = new int[k1];
      for (int t : topOf) size[t]++;
      int[] share = shares(size, k);
      int[][] members = new int[k1][];
      int[] fill = new int[k1];
      for (int t = 0; t < k1; t++) members[t] = new int[size[t]];
      for (int i = 0; i < sample.length; i++) members[topOf[i]][fill[topOf[i]]++] = sample[i];

      float[][][] sub = new float[k1][][];
      par.forEach(k1, 1, (from, to) -> {
        for (int t = from; t < to; t++) {
          if (share[t] == 0) {
            sub[t] = new float[0][];
            continue;
          }
          KMeans.Result r = KMeans.train(data, members[t], KMeans.options(share[t]).spherical(o.spherical())
              .seed(o.seed() + 1 + t).threads(1).maxIterations(o.maxIterations()).tolerance(o.tolerance())
              .samplePerCentroid(o.samplePerCentroid()).initSamplePerCentroid(o.initSamplePerCentroid()).build(), vk, ik);
          sub[t] = r.centroidRows();
        }
      });
      float[][] initial = new float[k][];
      int c = 0;
      for (float[][] s : sub) for (float[] centroid : s) initial[c++] = centroid;
      return KMeans.trainFrom(data, sample, initial, KMeans.options(k).spherical(o.spherical()).seed(o.seed())
          .threads(o.threads()).maxIterations(1 + refine).tolerance(0).build(), vk, ik);
    }
  }

  /**
   * Splits {@code k} clusters among top clusters of the given sizes, proportionally (largest
   * remainder), never more than a top cluster has points, at least one for a non-empty one.
   */
  static int[] shares(int[] size, int k) {
    int total = 0;
    for (int s : size) total += s;
    int[] share = new int[size.length];
    double[] exact = new double[size.length];
    int given = 0;
    for (int t = 0; t < size.length; t++) {
      exact[t] = (double) k * size[t] / total;
      share[t] = size[t] == 0 ? 0 : Math.min(size[t], Math.max(1, (int) Math.floor(exact[t])));
      given += share[t];
    }
    while (given < k) { // add where the shortfall against the exact share is largest
      int best = -1;
      for (int t = 0; t < size.length; t++) {
        if (share[t] < size[t] && (best < 0 || exact[t] - share[t] > exact[best] - share[best])) best = t;
      }
      if (best < 0) throw new IllegalStateException("cannot place " + k + " clusters in " + total + " points");
      share[best]++;
      given++;
    }
    while (given > k) { // the at-least-one rule overshot: take from where the excess is largest
      int best = -1;
      for (int t = 0; t < size.length; t++) {
        if (share[t] > 1 && (best < 0 || share[t] - exact[t] > share[best] - exact[best])) best = t;
      }
      share[best]--;
      given--;
    }
    return share;
  }
}
