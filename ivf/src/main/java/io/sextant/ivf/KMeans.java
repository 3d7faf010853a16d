package io.sextant.ivf;

import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Kernels;
import io.sextant.core.vector.VectorKernels;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Lloyd's k-means, usable on its own and used by IVF for its coarse quantizer (PQ codebooks use the leaner
 * {@link PqCodebookTrainer}).
 *
 * <ul>
 *   <li><b>Sample.</b> At most {@link Options#samplePerCentroid()} × k points (default 256 × k,
 *       FAISS's rule of thumb) drawn uniformly without replacement are clustered.</li>
 *   <li><b>Seeding.</b> k-means++ on a sub-sample of {@link Options#initSamplePerCentroid()} × k
 *       of those points (default 16 × k): seeding costs k passes over its points, so it gets
 *       fewer of them than the Lloyd iterations, which are the ones that refine.</li>
 *   <li><b>Iterations.</b> Assignment is parallel over points, scored with the SIMD kernels
 *       ({@link Kernels#get()}). The update sums each cluster's members in ascending point order,
 *       so the result is bit-for-bit the same for a seed whatever the thread count. It stops
 *       after {@link Options#maxIterations()} assignments, when no point changes cluster, or when
 *       the objective improves by less than {@link Options#tolerance()} (relative).</li>
 *   <li><b>Empty clusters</b> are repaired by splitting the largest cluster: the empty centroid
 *       moves onto a random member of the largest one, which then leaves that cluster. That never
 *       increases the objective, unlike the perturbed-copy split, so the objective recorded per
 *       iteration ({@link Result#objective()}) is non-increasing (up to float rounding).</li>
 *   <li><b>Spherical</b> variant (for cosine, dot product and inner product): points are scaled to
 *       unit length, the distance is {@code 1 - x·c}, and centroids are re-normalized after each
 *       update.</li>
 * </ul>
 */
public final class KMeans {
  private static final System.Logger LOG = System.getLogger(KMeans.class.getName());

  private KMeans() {}

  /** Options for {@code k} clusters; all others have defaults. */
  public static Options.Builder options(int clusters) {
    return new Options.Builder(clusters);
  }

  /** Clusters {@code data} (all rows) with {@code options}. */
  public static Result train(FloatVectors data, Options options) {
    return train(data, options, Kernels.get(), IvfKernels.get());
  }

  static Result train(FloatVectors data, Options o, VectorKernels kernels, IvfKernels ivfKernels) {
    return train(data, null, o, kernels, ivfKernels);
  }

  /** Clusters the rows {@code rows} of {@code data} (ascending; null for all rows). */
  static Result train(FloatVectors data, int[] rows, Options o, VectorKernels kernels, IvfKernels ivfKernels) {
    int n = rows == null ? data.size() : rows.length;
    int dim = data.dimension();
    int k = o.clusters();
    if (n < k) {
      throw new IllegalArgumentException("k-means with " + k + " clusters needs at least " + k + " points, got " + n);
    }
    long t0 = System.nanoTime();
    SplittableRandom rng = new SplittableRandom(o.seed());
    int sampleSize = (int) Math.min(n, (long) k * o.samplePerCentroid());
    int[] sample = select(rows, TrainingPoints.sampleSorted(n, sampleSize, rng));
    TrainingPoints points = new TrainingPoints(data, sample, o.spherical());
    int initSize = (int) Math.min(sampleSize, Math.max(k, (long) k * o.initSamplePerCentroid()));
    TrainingPoints initPoints = new TrainingPoints(data, select(sample, TrainingPoints.sampleSorted(sampleSize, initSize, rng)),
        o.spherical());

    try (ParallelChunks par = new ParallelChunks(o.threads())) {
      float[][] initial = KMeansPlusPlus.seed(initPoints, k, o.spherical(), ivfKernels, rng, par);
      Result r = iterate(points, initial, o, exactAssigner(o, points.dimension(), kernels, ivfKernels), rng, par);
      LOG.log(System.Logger.Level.DEBUG, () -> String.format("k-means: %d points x %d dims -> %d clusters, %d iterations, %.1f ms",
          points.size(), dim, k, r.iterations(), (System.nanoTime() - t0) / 1e6));
      return r;
    }
  }

  /** {@code rows[idx[i]]}, or {@code idx} itself when rows is null. */
  private static int[] select(int[] rows, int[] idx) {
    if (rows == null) return idx;
    int[] out = new int[idx.length];
    for (int i = 0; i < idx.length; i++) out[i] = rows[idx[i]];
    return out;
  }

  /** Lloyd iterations from given starting centroids (seeding skipped) over all rows of {@code data}. */
  static Result trainFrom(FloatVectors data, float[][] initial, Options o, VectorKernels kernels, IvfKernels ivfKernels) {
    return trainFrom(data, null, initial, o, kernels, ivfKernels);
  }

  /** Lloyd iterations from given starting centroids over exactly the rows {@code rows} (null: all), no sampling. */
  static Result trainFrom(FloatVectors data, int[] rows, float[][] initial, Options o, VectorKernels kernels,
                          IvfKernels ivfKernels) {
    return trainFrom(data, rows, initial, o, exactAssigner(o, data.dimension(), kernels, ivfKernels));
  }

  /**
   * Lloyd iterations from given starting centroids over exactly the rows {@code rows} (null: all),
   * assigning points with the assigner {@code assigners} makes for each iteration's centroids.
   */
  static Result trainFrom(FloatVectors data, int[] rows, float[][] initial, Options o,
                          Function<float[][], CentroidAssigner> assigners) {
    SplittableRandom rng = new SplittableRandom(o.seed());
    int n = rows == null ? data.size() : rows.length;
    TrainingPoints points = new TrainingPoints(data, select(rows, TrainingPoints.sampleSorted(n, n, rng)), o.spherical());
    float[][] copy = new float[initial.length][];
    for (int c = 0; c < initial.length; c++) copy[c] = initial[c].clone();
    try (ParallelChunks par = new ParallelChunks(o.threads())) {
      return iterate(points, copy, o, assigners, rng, par);
    }
  }

  private static Function<float[][], CentroidAssigner> exactAssigner(Options o, int dim, VectorKernels kernels,
                                                                     IvfKernels ivfKernels) {
    return c -> CentroidAssigner.exact(new NearestCentroid(c, dim, o.spherical(), kernels, ivfKernels));
  }

  private static Result iterate(TrainingPoints points, float[][] centroids, Options o,
                                Function<float[][], CentroidAssigner> assigners, SplittableRandom rng,
                                ParallelChunks par) {
    int k = centroids.length;
    int dim = points.dimension();
    LloydPasses lloyd = LloydPasses.over(points, k, o.spherical(), par, rng, o.maxIterations());
    double[] history = new double[o.maxIterations()];
    int iterations = 0;
    CentroidAssigner assigner = null;
    for (int it = 0; it < o.maxIterations(); it++) {
      assigner = assigners.apply(centroids);
      int changed = lloyd.assign(assigner);
      double objective = lloyd.objective();
      history[iterations++] = objective;
      if (it > 0) {
        double prev = history[it - 1];
        if (changed == 0 || prev - objective <= o.tolerance() * Math.abs(prev)) break;
      }
      if (it == o.maxIterations() - 1) break;
      centroids = lloyd.update(centroids);
    }
    float[] flat = new float[k * dim];
    for (int c = 0; c < k; c++) System.arraycopy(centroids[c], 0, flat, c * dim, dim);
    return new Result(k, dim, flat, Arrays.copyOf(history, iterations), points.ordinals(), lloyd.assignment(),
        o.spherical(), assigner);
  }

  /** Immutable k-means options; build with {@link KMeans#options(int)}. */
  public record Options(int clusters, int maxIterations, long seed, int threads, int samplePerCentroid,
                        int initSamplePerCentroid, double tolerance, boolean spherical) {
    public Options {
      if (clusters <= 0) throw new IllegalArgumentException("clusters must be positive, got " + clusters);
      if (maxIterations <= 0) throw new IllegalArgumentException("maxIterations must be positive, got " + maxIterations);
      if (threads <= 0) throw new IllegalArgumentException("threads must be positive, got " + threads);
      if (samplePerCentroid <= 0) throw new IllegalArgumentException("samplePerCentroid must be positive, got " + samplePerCentroid);
      if (initSamplePerCentroid <= 0) {
        throw new IllegalArgumentException("initSamplePerCentroid must be positive, got " + initSamplePerCentroid);
      }
      if (!(tolerance >= 0)) throw new IllegalArgumentException("tolerance must be >= 0, got " + tolerance);
    }

    public static final class Builder {
      private final int clusters;
      private int maxIterations = 20;
      private long seed = 42;
      private int threads = Runtime.getRuntime().availableProcessors();
      private int samplePerCentroid = 256;
      private int initSamplePerCentroid = 16;
      private double tolerance = 1e-4;
      private boolean spherical;

      Builder(int clusters) {
        this.clusters = clusters;
      }

      /** Upper bound on assignment passes (default 20). */
      public Builder maxIterations(int v) { maxIterations = v; return this; }

      /** Random seed for sampling, seeding and repair (default 42). */
      public Builder seed(long v) { seed = v; return this; }

      /** Worker threads for assignment and update (default: available processors). */
      public Builder threads(int v) { threads = v; return this; }

      /** Training sample cap per cluster (default 256). */
      public Builder samplePerCentroid(int v) { samplePerCentroid = v; return this; }

      /** k-means++ seeding sample per cluster (default 16). */
      public Builder initSamplePerCentroid(int v) { initSamplePerCentroid = v; return this; }

      /** Stop when the objective improves by less than this fraction (default 1e-4; 0 runs to convergence). */
      public Builder tolerance(double v) { tolerance = v; return this; }

      /** Spherical k-means: unit points, {@code 1 - x·c}, unit centroids (default false). */
      public Builder spherical(boolean v) { spherical = v; return this; }

      public Options build() {
        return new Options(clusters, maxIterations, seed, threads, samplePerCentroid, initSamplePerCentroid,
            tolerance, spherical);
      }
    }
  }

  /** Centroids and the trace of one k-means run. */
  public static final class Result {
    private final int clusters;
    private final int dimension;
    private final float[] centroids;
    private final double[] objective;
    private final int[] sample;
    private final int[] assignment;
    private final boolean spherical;
    private final CentroidAssigner assigner;

    Result(int clusters, int dimension, float[] centroids, double[] objective, int[] sample, int[] assignment,
           boolean spherical, CentroidAssigner assigner) {
      this.clusters = clusters;
      this.dimension = dimension;
      this.centroids = centroids;
      this.objective = objective;
      this.sample = sample;
      this.assignment = assignment;
      this.spherical = spherical;
      this.assigner = assigner;
    }

    public int clusters() { return clusters; }

    public int dimension() { return dimension; }

    public boolean spherical() { return spherical; }

    /** Number of assignment passes run. */
    public int iterations() { return objective.length; }

    /** Centroid {@code c} (a copy). */
    public float[] centroid(int c) {
      return Arrays.copyOfRange(centroids, c * dimension, (c + 1) * dimension);
    }

    /** All centroids back to back, {@code clusters × dimension} floats (a copy). */
    public float[] centroids() { return centroids.clone(); }

    /**
     * The objective after each assignment pass: sum over sampled points of the squared distance
     * to their centroid ({@code 1 - cos} when spherical).
     */
    public double[] objective() { return objective.clone(); }

    /** Row ordinals of the training sample, ascending (a copy). */
    public int[] sample() { return sample.clone(); }

    /** Cluster of each sampled point after the last pass, parallel to {@link #sample()} (a copy). */
    public int[] assignment() { return assignment.clone(); }

    float[] centroidsRef() { return centroids; }

    int[] sampleRef() { return sample; }

    int[] assignmentRef() { return assignment; }

    /** How the last pass assigned points (exact, or through the two-level hierarchy): use it for the rest of the data. */
    CentroidAssigner assigner() { return assigner; }

    float[][] centroidRows() {
      float[][] rows = new float[clusters][];
      for (int c = 0; c < clusters; c++) rows[c] = centroid(c);
      return rows;
    }
  }
}
