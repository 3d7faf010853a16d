package io.sextant.core.data;

import io.sextant.core.vector.FloatVectors;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A seeded Gaussian mixture that imitates a set of text embeddings, for scale runs at any
 * {@code n × dimension}. Real embedding sets are not isotropic blobs: they share a common offset
 * (all vectors sit in a cone, so unrelated texts still have positive cosine), their variance is
 * concentrated in a minority of directions, they form many topical clusters of uneven size, and
 * each cluster spreads along a few directions of its own. The model has each of those:
 *
 * <pre>
 *   x = mean + center[c] + Σ_r  z_r · axis[c][r] + noise ⊙ scale        (then optionally x / |x|)
 * </pre>
 *
 * <ul>
 *   <li>{@code scale[d]}: a power-law spectrum ({@code (1 + rank)^-0.5}, ranks shuffled over the
 *       dimensions), shared by the mean, the centers and the noise;</li>
 *   <li>{@code mean}: one random offset holding about 30% of the total variance;</li>
 *   <li>{@code center[c]}: cluster centers (about 40%); cluster weights are log-normal, so some
 *       topics are far more common than others;</li>
 *   <li>{@code axis[c][r]}: {@value #AXES} random directions per cluster with decreasing spread
 *       (about 15%), plus isotropic-in-scale noise (about 15%).</li>
 * </ul>
 *
 * <p>The mixture (mean, centers, axes, weights) is fixed by {@link Builder#seed}; each call to
 * {@link #generate} draws a sample from it with its own sample seed, so base vectors and queries
 * come from the same distribution without overlapping. Vector {@code i} depends only on the two
 * seeds and {@code i}, never on the thread count, and is written straight into the output block.
 */
public final class SyntheticDataset {
  /** Spread directions per cluster. */
  static final int AXES = 4;
  private static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final double MEAN_VAR = 0.30;
  private static final double CENTER_VAR = 0.40;
  private static final double AXIS_VAR = 0.15;
  private static final double NOISE_VAR = 0.15;

  private final int dimension;
  private final int clusters;
  private final long seed;
  private final boolean normalize;
  private final float[] scale;
  private final float[] mean;
  private final float[][] centers;
  private final float[][][] axes;
  private final double[] cumulativeWeight;

  private SyntheticDataset(Builder b) {
    this.dimension = b.dimension;
    this.clusters = b.clusters;
    this.seed = b.seed;
    this.normalize = b.normalize;
    SplittableRandom rnd = new SplittableRandom(b.seed);

    scale = new float[dimension];
    int[] rank = shuffledRanks(dimension, rnd);
    double sum = 0;
    for (int d = 0; d < dimension; d++) sum += 1.0 / (1 + rank[d]);
    for (int d = 0; d < dimension; d++) scale[d] = (float) Math.sqrt(dimension / (1.0 + rank[d]) / sum);

    mean = new float[dimension];
    for (int d = 0; d < dimension; d++) mean[d] = (float) (Math.sqrt(MEAN_VAR) * scale[d] * rnd.nextGaussian());

    centers = new float[clusters][dimension];
    axes = new float[clusters][AXES][dimension];
    cumulativeWeight = new double[clusters];
    double total = 0;
    for (int c = 0; c < clusters; c++) {
      for (int d = 0; d < dimension; d++) centers[c][d] = (float) (Math.sqrt(CENTER_VAR) * scale[d] * rnd.nextGaussian());
      for (int r = 0; r < AXES; r++) {
        // Axis r carries a share 2^-r of the cluster's directional spread; the axis is unit length
        // times sqrt(dimension), so its variance is comparable with the per-dimension terms.
        double share = Math.sqrt(AXIS_VAR * Math.pow(0.5, r) / (1 - Math.pow(0.5, AXES)));
        double norm = 0;
        float[] a = axes[c][r];
        for (int d = 0; d < dimension; d++) {
          a[d] = (float) (scale[d] * rnd.nextGaussian());
          norm += (double) a[d] * a[d];
        }
        double f = share * Math.sqrt(dimension / Math.max(norm, Double.MIN_NORMAL));
        for (int d = 0; d < dimension; d++) a[d] = (float) (a[d] * f);
      }
      total += Math.exp(rnd.nextGaussian());
      cumulativeWeight[c] = total;
    }
    for (int c = 0; c < clusters; c++) cumulativeWeight[c] /= total;
  }

  private static int[] shuffledRanks(int n, SplittableRandom rnd) {
    int[] r = new int[n];
    for (int i = 0; i < n; i++) r[i] = i;
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = r[i]; r[i] = r[j]; r[j] = t;
    }
    return r;
  }

  public static Builder builder(int dimension) {
    return new Builder(dimension);
  }

  public int dimension() {
    return dimension;
  }

  public int clusters() {
    return clusters;
  }

  public long seed() {
    return seed;
  }

  public boolean normalized() {
    return normalize;
  }

  /**
   * Draws {@code n} vectors with {@code sampleSeed} into a new block, using {@code threads} threads.
   * The same arguments always give the same vectors.
   */
  public VectorBlock generate(int n, long sampleSeed, int threads) {
    if (threads <= 0) throw new IllegalArgumentException("threads must be positive, got " + threads);
    VectorBlock block = VectorBlock.allocate(n, dimension);
    try {
      fill(block.vectors(), sampleSeed, threads);
      return block;
    } catch (RuntimeException | Error e) {
      block.close();
      throw e;
    }
  }

  private void fill(FloatVectors out, long sampleSeed, int threads) {
    int n = out.size();
    int parts = Math.max(1, Math.min(threads, n / 1024));
    if (parts == 1) {
      fillRange(out, sampleSeed, 0, n);
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(parts, r -> {
      Thread t = new Thread(r, "sextant-synthetic");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int p = 0; p < parts; p++) {
        int from = (int) ((long) n * p / parts);
        int to = (int) ((long) n * (p + 1) / parts);
        fs.add(pool.submit(() -> fillRange(out, sampleSeed, from, to)));
      }
      for (Future<?> f : fs) f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while generating vectors", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) throw re;
      if (e.getCause() instanceof Error err) throw err;
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private void fillRange(FloatVectors out, long sampleSeed, int from, int to) {
    float[] x = new float[dimension];
    double noise = Math.sqrt(NOISE_VAR);
    MemorySegment data = out.data();
    for (int i = from; i < to; i++) {
      SplittableRandom rnd = new SplittableRandom(mix(sampleSeed, i));
      int c = cluster(rnd.nextDouble());
      float[] center = centers[c];
      float[][] ax = axes[c];
      double z0 = rnd.nextGaussian(), z1 = rnd.nextGaussian(), z2 = rnd.nextGaussian(), z3 = rnd.nextGaussian();
      double norm = 0;
      for (int d = 0; d < dimension; d++) {
        double v = mean[d] + center[d] + z0 * ax[0][d] + z1 * ax[1][d] + z2 * ax[2][d] + z3 * ax[3][d]
            + noise * scale[d] * rnd.nextGaussian();
        x[d] = (float) v;
        norm += v * v;
      }
      if (normalize && norm > 0) {
        float inv = (float) (1 / Math.sqrt(norm));
        for (int d = 0; d < dimension; d++) x[d] *= inv;
      }
      MemorySegment.copy(x, 0, data, FLOAT_LE, out.offset(i), dimension);
    }
  }

  private int cluster(double u) {
    int lo = 0, hi = clusters - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulativeWeight[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Stafford's mix13 of the seed and index, so neighbouring indexes get unrelated streams. */
  private static long mix(long seed, long i) {
    long z = seed * 0x9E3779B97F4A7C15L + i;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Options of the mixture; the sample size and sample seed are given to {@link #generate}. */
  public static final class Builder {
    private final int dimension;
    private int clusters = 1000;
    private long seed = 42;
    private boolean normalize;

    private Builder(int dimension) {
      if (dimension <= 0) throw new IllegalArgumentException("dimension must be positive, got " + dimension);
      this.dimension = dimension;
    }

    /** Number of mixture components (topics); default 1000. */
    public Builder clusters(int clusters) {
      if (clusters <= 0) throw new IllegalArgumentException("clusters must be positive, got " + clusters);
      this.clusters = clusters;
      return this;
    }

    /** Seed of the mixture itself; default 42. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Scale every vector to unit length (as embedding models do); default false. */
    public Builder normalize(boolean normalize) {
      this.normalize = normalize;
      return this;
    }

    public SyntheticDataset build() {
      return new SyntheticDataset(this);
    }
  }
}
