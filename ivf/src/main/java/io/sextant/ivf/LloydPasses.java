package io.sextant.ivf;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The assignment and update steps of Lloyd's k-means over one training sample, with their state:
 * the cluster of each point, its distance, and (for a small sample run for several passes) the
 * points' rows kept after the first pass.
 */
final class LloydPasses {
  static final int ASSIGN_CHUNK = 256;
  /**
   * A sample of at most this many floats is kept as row-major copies after the first assignment
   * pass (32 MB), so later passes and the updates do not read and copy every point out of the
   * segment again: in the two-level k-means (2,048-point top level, sub-problems of ~1,300
   * points) that re-reading was ~7 % of a warm IVF build's CPU (session 8 profile).
   */
  static final long KEEP_ROWS_FLOATS = 8L << 20;

  private final TrainingPoints points;
  private final int k;
  private final int dim;
  private final boolean spherical;
  private final ParallelChunks par;
  private final SplittableRandom rng;
  private final int[] assign;
  private final float[] dist;
  private final ThreadLocal<float[]> buffers;
  /** Chunk {@code c}'s points (rows {@code c·ASSIGN_CHUNK ..}) row-major once read, when kept; else null. */
  private final float[][] rows;

  /** Passes over {@code points} for a k-means of at most {@code maxIterations} assignments. */
  static LloydPasses over(TrainingPoints points, int k, boolean spherical, ParallelChunks par, SplittableRandom rng,
                          int maxIterations) {
    boolean keep = maxIterations > 1 && (long) points.size() * points.dimension() <= KEEP_ROWS_FLOATS;
    return new LloydPasses(points, k, spherical, par, rng, keep);
  }

  private LloydPasses(TrainingPoints points, int k, boolean spherical, ParallelChunks par, SplittableRandom rng,
                      boolean keepRows) {
    this.points = points;
    this.k = k;
    this.dim = points.dimension();
    this.spherical = spherical;
    this.par = par;
    this.rng = rng;
    this.assign = new int[points.size()];
    Arrays.fill(assign, -1);
    this.dist = new float[points.size()];
    this.buffers = ThreadLocal.withInitial(() -> new float[dim]);
    this.rows = keepRows ? new float[(points.size() + ASSIGN_CHUNK - 1) / ASSIGN_CHUNK][] : null;
  }

  /** Points {@code from .. to} (one chunk) row-major: the kept copy, or read now (and kept when keeping). */
  private float[] chunkRows(int from, int to) {
    int c = from / ASSIGN_CHUNK;
    if (rows != null && rows[c] != null) return rows[c];
    float[] tile = new float[(to - from) * dim];
    points.readRows(from, to, tile, 0);
    if (rows != null) rows[c] = tile;
    return tile;
  }

  /** Assigns every point to its nearest centroid; returns how many changed cluster. */
  int assign(CentroidAssigner nearest) {
    int n = points.size();
    int[] changed = new int[(n + ASSIGN_CHUNK - 1) / ASSIGN_CHUNK];
    par.forEach(n, ASSIGN_CHUNK, (from, to) -> {
      int[] best = new int[ASSIGN_CHUNK];
      float[] d = new float[ASSIGN_CHUNK];
      int moved = 0;
      // One chunk at a time even when given a longer range (one thread), so kept rows line up by chunk.
      for (int t = from; t < to; t += ASSIGN_CHUNK) {
        int end = Math.min(to, t + ASSIGN_CHUNK);
        nearest.assignSampleRows(t, chunkRows(t, end), end - t, best, d);
        for (int i = t; i < end; i++) {
          int c = best[i - t];
          if (c != assign[i]) moved++;
          assign[i] = c;
          dist[i] = Math.max(0f, d[i - t]);
        }
      }
      changed[from / ASSIGN_CHUNK] = moved;
    });
    int total = 0;
    for (int m : changed) total += m;
    return total;
  }

  /** Sum of point-to-centroid distances after the last assignment, added in point order. */
  double objective() {
    double s = 0;
    for (float d : dist) s += d;
    return s;
  }

  int[] assignment() {
    return assign.clone();
  }

  /** New centroids: member means (normalized when spherical), then empty clusters repaired. */
  float[][] update(float[][] old) {
    int n = points.size();
    int[] start = new int[k + 1];
    for (int a : assign) start[a + 1]++;
    for (int c = 0; c < k; c++) start[c + 1] += start[c];
    int[] members = new int[n];
    int[] fill = Arrays.copyOf(start, k);
    for (int i = 0; i < n; i++) members[fill[assign[i]]++] = i;
    int[] count = new int[k];
    for (int c = 0; c < k; c++) count[c] = start[c + 1] - start[c];

    float[][] next = new float[k][];
    par.forEach(k, 8, (from, to) -> {
      float[] x = buffers.get();
      double[] sum = new double[dim];
      for (int c = from; c < to; c++) {
        if (count[c] == 0) continue;
        memberSum(members, start[c], start[c + 1], x, sum);
        float[] centre = new float[dim];
        if (spherical) {
          double norm = 0;
          for (double v : sum) norm += v * v;
          if (norm == 0) {
            next[c] = old[c];
            continue;
          }
          double inv = 1.0 / Math.sqrt(norm);
          for (int d = 0; d < dim; d++) centre[d] = (float) (sum[d] * inv);
        } else {
          double inv = 1.0 / count[c];
          for (int d = 0; d < dim; d++) centre[d] = (float) (sum[d] * inv);
        }
        next[c] = centre;
      }
    });
    repairEmpty(next, start, members, count);
    return next;
  }

  /**
   * Sum of the points {@code members[from..to)} in member order. A method of its own so the JIT
   * compiles it early instead of on-stack-replacing the whole update loop.
   */
  private void memberSum(int[] members, int from, int to, float[] x, double[] sum) {
    Arrays.fill(sum, 0);
    for (int j = from; j < to; j++) {
      int i = members[j];
      float[] src = x;
      int at = 0;
      if (rows != null) { // filled by the assignment pass that precedes every update
        src = rows[i / ASSIGN_CHUNK];
        at = (i % ASSIGN_CHUNK) * dim;
      } else {
        points.read(i, x);
      }
      for (int d = 0; d < dim; d++) sum[d] += src[at + d];
    }
  }

  private void repairEmpty(float[][] next, int[] start, int[] members, int[] count) {
    for (int e = 0; e < k; e++) {
      if (count[e] != 0) continue;
      int largest = 0;
      for (int c = 1; c < k; c++) if (count[c] > count[largest]) largest = c;
      // Members of `largest` live in members[start[largest] .. start[largest] + count[largest]).
      int pos = start[largest] + rng.nextInt(count[largest]);
      int last = start[largest] + count[largest] - 1;
      int point = members[pos];
      members[pos] = members[last];
      members[last] = point;
      count[largest]--;
      count[e] = 1;
      assign[point] = e;
      float[] centre = new float[dim];
      points.read(point, centre);
      next[e] = centre;
    }
  }
}
