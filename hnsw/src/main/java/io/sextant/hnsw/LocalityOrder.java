package io.sextant.hnsw;

import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.VectorKernels;
import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * A numbering of vectors under which vectors close in space get close numbers: recursive
 * bisection, each range split at the median of its vectors' projections on the range's main
 * direction of spread (a few power iterations on a sample), down to ranges of {@value #LEAF}.
 *
 * <p>Why: a graph search's cost is memory latency. The nodes one query scores lie in one region of
 * the space; stored in dataset order they are spread over the whole vector block and link table, so
 * nearly every vector is a TLB miss and a DRAM row of its own. Stored in this order they share
 * pages. Measured on fashion-mnist (M=32, efConstruction=200, efSearch 11, the same graph
 * renumbered): 1.08x faster than dataset order, where a breadth-first numbering of layer 0 gave
 * 1.05x and reading dataset-ordered links through a node-to-slot map 1.03x
 * (docs/bench/hnsw-session14/ReorderProbe.java).
 *
 * <p>The result depends only on the vectors (no randomness, independent of the thread count).
 */
final class LocalityOrder {
  private static final System.Logger LOG = System.getLogger(LocalityOrder.class.getName());
  /** Ranges this small are left in their order: a 784-d vector is most of a 4 KiB page already. */
  static final int LEAF = 16;
  /** Vectors of a range the power iteration looks at: enough for a stable main direction. */
  static final int SAMPLE = 256;
  static final int POWER_ITERATIONS = 4;
  /** Ranges below this are split on the calling thread rather than forked. */
  private static final int FORK_BELOW = 4096;

  private LocalityOrder() {}

  /**
   * For each position {@code p} of the new numbering, the ordinal of the vector placed there
   * (a permutation of {@code 0..size-1}).
   */
  static int[] compute(FloatVectors vectors, VectorKernels kernels, int threads) {
    return compute(vectors, kernels, threads, LEAF, SAMPLE);
  }

  /** {@link #compute} with another leaf size and sample size (probes measure what they cost and buy). */
  static int[] compute(FloatVectors vectors, VectorKernels kernels, int threads, int leaf, int sample) {
    if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    long start = System.nanoTime();
    int n = vectors.size();
    int[] ords = new int[n];
    for (int i = 0; i < n; i++) ords[i] = i;
    Split root = new Split(vectors, kernels, ords, 0, n, leaf, sample);
    if (threads == 1 || n < FORK_BELOW) {
      root.compute();
    } else {
      try (ForkJoinPool pool = new ForkJoinPool(threads)) {
        pool.invoke(root);
      }
    }
    LOG.log(System.Logger.Level.DEBUG, () -> String.format(java.util.Locale.ROOT,
        "locality order of %d x %d vectors on %d threads in %.1f ms", n, vectors.dimension(), threads,
        (System.nanoTime() - start) / 1e6));
    return ords;
  }

  /** The inverse permutation: {@code inverse(p)[p[i]] == i}. */
  static int[] inverse(int[] permutation) {
    int[] inv = new int[permutation.length];
    for (int i = 0; i < permutation.length; i++) inv[permutation[i]] = i;
    return inv;
  }

  private static final class Split extends RecursiveAction {
    private final FloatVectors vectors;
    private final VectorKernels kernels;
    private final int[] ords;
    private final int from;
    private final int to;
    private final int leaf;
    private final int sample;

    Split(FloatVectors vectors, VectorKernels kernels, int[] ords, int from, int to, int leaf, int sample) {
      this.vectors = vectors;
      this.kernels = kernels;
      this.ords = ords;
      this.from = from;
      this.to = to;
      this.leaf = leaf;
      this.sample = sample;
    }

    @Override
    protected void compute() {
      int len = to - from;
      if (len <= leaf) return;
      float[] direction = mainDirection();
      long[] keys = new long[len];
      for (int i = 0; i < len; i++) {
        int ord = ords[from + i];
        float p = kernels.dot(direction, vectors.data(), vectors.offset(ord));
        keys[i] = ((long) sortable(p) << 32) | (ord & 0xFFFFFFFFL);
      }
      Arrays.sort(keys); // ties broken by ordinal, so the split never depends on the order it found
      for (int i = 0; i < len; i++) ords[from + i] = (int) keys[i];
      int mid = from + len / 2;
      Split low = new Split(vectors, kernels, ords, from, mid, leaf, sample);
      Split high = new Split(vectors, kernels, ords, mid, to, leaf, sample);
      if (len < FORK_BELOW || getPool() == null) {
        low.compute();
        high.compute();
      } else {
        invokeAll(low, high);
      }
    }

    /**
     * Power iteration on the covariance of up to {@value #SAMPLE} of the range's vectors, spread
     * evenly over it, starting from the first sampled vector's offset to the sample mean.
     */
    private float[] mainDirection() {
      int len = to - from;
      int s = Math.min(len, sample);
      int dim = vectors.dimension();
      float[][] rows = new float[s][];
      float[] mean = new float[dim];
      for (int i = 0; i < s; i++) {
        rows[i] = vectors.get(ords[from + (int) ((long) i * len / s)]);
        for (int j = 0; j < dim; j++) mean[j] += rows[i][j];
      }
      for (int j = 0; j < dim; j++) mean[j] /= s;
      for (float[] r : rows) for (int j = 0; j < dim; j++) r[j] -= mean[j];
      float[] v = rows[0].clone();
      if (!normalize(v)) v[0] = 1; // the first sample sits on the mean: any start does
      float[] w = new float[dim];
      for (int it = 0; it < POWER_ITERATIONS; it++) {
        Arrays.fill(w, 0);
        for (float[] r : rows) {
          float t = kernels.dot(r, v);
          for (int j = 0; j < dim; j++) w[j] += t * r[j];
        }
        if (!normalize(w)) break; // no spread left in the sample: keep the last direction
        float[] swap = v;
        v = w;
        w = swap;
      }
      return v;
    }

    private static boolean normalize(float[] v) {
      double sum = 0;
      for (float x : v) sum += (double) x * x;
      if (!(sum > 0) || Double.isInfinite(sum)) return false;
      float inv = (float) (1 / Math.sqrt(sum));
      for (int j = 0; j < v.length; j++) v[j] *= inv;
      return true;
    }

    /** Float bits as an int whose signed order is the float order (NaN never occurs: vectors are finite). */
    private static int sortable(float f) {
      int bits = Float.floatToIntBits(f + 0.0f); // -0 and +0 alike
      return bits ^ ((bits >> 31) & 0x7FFFFFFF);
    }
  }
}
