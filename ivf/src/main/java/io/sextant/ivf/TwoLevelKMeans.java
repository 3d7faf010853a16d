package io.sextant.ivf;

import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.VectorKernels;
import java.util.SplittableRandom;

/**
 * k-means for many clusters in two levels: {@code k1 = round(√k)} top clusters, then each top
 * cluster's points split into a share of the k clusters proportional to its size, then
 * {@code refine} Lloyd passes over the whole sample starting from those centroids, ending with an
 * assignment. A flat Lloyd pass costs {@code n·k·dim}; the two levels cost about
 * {@code 2·n·√k·dim} per pass, so for k = 1024 training is ~16 times cheaper. The refine passes
 * and the final assignment go through the same hierarchy ({@link TwoLevelAssigner}): each point
 * is compared with the children of its {@link #PROBES} nearest top centroids only, so they cost
 * {@code n·(k1 + PROBES·k/k1)·dim} instead of {@code n·k·dim}. The partition is slightly less
 * tight than flat k-means; see the IVF README for measurements.
 *
 * <p>Deterministic for a seed: each sub-problem has its own seed and runs on one thread, the
 * sub-problems run in parallel, and their centroids are concatenated in top-cluster order.
 */
final class TwoLevelKMeans {
  private static final System.Logger LOG = System.getLogger(TwoLevelKMeans.class.getName());
  /**
   * Top clusters whose children a point is compared with ({@link TwoLevelAssigner}). Fashion-MNIST,
   * nlist 1024: recall@10 at nprobe 8 0.955 with 3, 0.948 with 2, against 0.9555 with the exact
   * assignment it replaces (ivf README).
   */
  static final int PROBES = 3;
  /**
   * Lloyd passes cap for the top level and for each sub-problem. The sub-problems are the largest
   * cost of the training ({@code n·(k/k1)·dim} per pass); 5 passes instead of 10 cost 0.003 of
   * recall@10 at nprobe 8 on Fashion-MNIST (ivf README).
   */
  static final int LEVEL_ITERATIONS = 5;
  /** Training points per top cluster for the top level (FAISS warns below 39). */
  static final int TOP_SAMPLE_PER_CENTROID = 64;
  /**
   * Training points per cluster inside a sub-problem, at most: FAISS's lower rule of thumb. The
   * points left out are placed by the final assignment.
   */
  static final int SUB_SAMPLE_PER_CENTROID = 40;

  private TwoLevelKMeans() {}

  static KMeans.Result train(FloatVectors data, KMeans.Options o, int refine, VectorKernels vk, IvfKernels ik) {
    int n = data.size();
    int k = o.clusters();
    if (n < k) throw new IllegalArgumentException("k-means with " + k + " clusters needs at least " + k + " points, got " + n);
    int dim = data.dimension();
    long t0 = System.nanoTime();
    SplittableRandom rng = new SplittableRandom(o.seed());
    int[] sample = TrainingPoints.sampleSorted(n, (int) Math.min(n, (long) k * o.samplePerCentroid()), rng);
    int k1 = (int) Math.max(1, Math.min(k, Math.round(Math.sqrt(k))));

    KMeans.Result top = KMeans.train(data, sample, KMeans.options(k1).spherical(o.spherical()).seed(o.seed())
        .threads(o.threads()).maxIterations(Math.min(o.maxIterations(), LEVEL_ITERATIONS)).tolerance(o.tolerance())
        .samplePerCentroid(TOP_SAMPLE_PER_CENTROID).build(), vk, ik);

    // Top clusters of every sampled point (the top-level k-means saw only a sub-sample): the
    // nearest one partitions the sample, and all PROBES of them are kept for the final assignment,
    // whose top-level scores would be the same (the top centroids do not change after this).
    int[] topOf = new int[sample.length];
    TwoLevelAssigner topLevel = TwoLevelAssigner.topLevelOnly(top.centroidRows(), dim, o.spherical(), PROBES, vk, ik);
    int probes = topLevel.probes();
    int[] sampleProbes = new int[Math.multiplyExact(sample.length, probes)];
    TrainingPoints points = new TrainingPoints(data, sample, o.spherical());
    try (ParallelChunks par = new ParallelChunks(o.threads())) {
      par.forEach(sample.length, 256, (from, to) -> {
        float[] tile = new float[(to - from) * dim];
        points.readRows(from, to, tile, 0);
        topLevel.probeTops(tile, to - from, sampleProbes, from * probes);
      });
      for (int i = 0; i < sample.length; i++) topOf[i] = sampleProbes[i * probes];
      long t1 = System.nanoTime();
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
              .seed(o.seed() + 1 + t).threads(1).maxIterations(Math.min(o.maxIterations(), LEVEL_ITERATIONS)).tolerance(o.tolerance())
              .samplePerCentroid(Math.min(o.samplePerCentroid(), SUB_SAMPLE_PER_CENTROID))
              .initSamplePerCentroid(o.initSamplePerCentroid()).build(), vk, ik);
          sub[t] = r.centroidRows();
        }
      });
      float[][] initial = new float[k][];
      int[] parent = new int[k];
      int c = 0;
      for (int t = 0; t < k1; t++) {
        for (float[] centroid : sub[t]) {
          parent[c] = t;
          initial[c++] = centroid;
        }
      }
      long t2 = System.nanoTime();
      float[][] topRows = top.centroidRows();
      KMeans.Result r = KMeans.trainFrom(data, sample, initial, KMeans.options(k).spherical(o.spherical()).seed(o.seed())
          .threads(o.threads()).maxIterations(1 + refine).tolerance(0).build(),
          cents -> new TwoLevelAssigner(topRows, parent, cents, dim, o.spherical(), PROBES, vk, ik, sampleProbes));
      long t3 = System.nanoTime();
      LOG.log(System.Logger.Level.DEBUG, () -> String.format(
          "two-level k-means: %d points, %d x %d clusters: top %.0f ms, sub %.0f ms, refine+assign %.0f ms",
          sample.length, k1, k, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6));
      return r;
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
