// Manual probe (not built by Maven), session 9: nearest-centroid scoring written for C2's auto-vectorizer (superword)
// against the Panama nearestBatch, 60,000 random 784-d points x 32 centroids, rounds in one fresh JVM each.
//   javac --add-modules jdk.incubator.vector -cp ivf/target/classes:core/target/classes -d /tmp/sw docs/bench/ivf-session9/SwProbe.java
//   java --add-modules jdk.incubator.vector -cp /tmp/sw:ivf/target/classes:core/target/classes io.sextant.ivf.SwProbe sw4|sw|sw1|panama 32 60000 4
// Arms: sw (points transposed into one array, 4 accumulator arrays), sw1 (one centroid per pass; its inner loop was
// edited to a plain a0[l] += lanes[o + l] * x0 for the second run), sw4 (one array per dimension), panama.
package io.sextant.ivf;

import java.util.SplittableRandom;

/** Superword (JIT auto-vectorized) nearest-centroid vs the Panama nearestBatch: cold and warm. */
public class SwProbe {
  static final int DIM = 784;

  // points tile transposed: lanes[d*W + l]; 4 centroids per pass, 4 accumulator arrays.
  static void nearestSW(float[] points, int count, int dim, float[][] cents, float[] bias, int[] best, float[] score,
                        float[] lanes, float[] a0, float[] a1, float[] a2, float[] a3) {
    int W = count;
    for (int l = 0; l < W; l++) {
      int from = l * dim;
      for (int d = 0; d < dim; d++) lanes[d * W + l] = points[from + d];
    }
    java.util.Arrays.fill(score, 0, W, Float.NEGATIVE_INFINITY);
    java.util.Arrays.fill(best, 0, W, 0);
    int k = cents.length;
    for (int c = 0; c < k; c += 4) {
      int c1 = Math.min(c + 1, k - 1), c2 = Math.min(c + 2, k - 1), c3 = Math.min(c + 3, k - 1);
      float[] r0 = cents[c], r1 = cents[c1], r2 = cents[c2], r3 = cents[c3];
      java.util.Arrays.fill(a0, 0, W, 0f);
      java.util.Arrays.fill(a1, 0, W, 0f);
      java.util.Arrays.fill(a2, 0, W, 0f);
      java.util.Arrays.fill(a3, 0, W, 0f);
      for (int d = 0; d < dim; d++) {
        float x0 = r0[d], x1 = r1[d], x2 = r2[d], x3 = r3[d];
        int o = d * W;
        for (int l = 0; l < W; l++) {
          float p = lanes[o + l];
          a0[l] = Math.fma(p, x0, a0[l]);
          a1[l] = Math.fma(p, x1, a1[l]);
          a2[l] = Math.fma(p, x2, a2[l]);
          a3[l] = Math.fma(p, x3, a3[l]);
        }
      }
      float b0 = bias[c], b1 = bias[c1], b2 = bias[c2], b3 = bias[c3];
      for (int l = 0; l < W; l++) {
        float s = score[l]; int b = best[l];
        float v = a0[l] - b0; if (v > s) { s = v; b = c; }
        v = a1[l] - b1; if (v > s) { s = v; b = c1; }
        v = a2[l] - b2; if (v > s) { s = v; b = c2; }
        v = a3[l] - b3; if (v > s) { s = v; b = c3; }
        score[l] = s; best[l] = b;
      }
    }
  }


  static void nearestSW1(float[] points, int count, int dim, float[][] cents, float[] bias, int[] best, float[] score,
                        float[] lanes, float[] a0) {
    int W = count;
    for (int l = 0; l < W; l++) {
      int from = l * dim;
      for (int d = 0; d < dim; d++) lanes[d * W + l] = points[from + d];
    }
    java.util.Arrays.fill(score, 0, W, Float.NEGATIVE_INFINITY);
    java.util.Arrays.fill(best, 0, W, 0);
    int k = cents.length;
    for (int c = 0; c < k; c++) {
      float[] r0 = cents[c];
      java.util.Arrays.fill(a0, 0, W, 0f);
      for (int d = 0; d < dim; d++) {
        float x0 = r0[d];
        int o = d * W;
        for (int l = 0; l < W; l++) a0[l] += lanes[o + l] * x0;
      }
      float b0 = bias[c];
      for (int l = 0; l < W; l++) {
        float v = a0[l] - b0; if (v > score[l]) { score[l] = v; best[l] = c; }
      }
    }
  }


  static float[][] rowsOf(int dim, int W) { return new float[dim][W]; }
  static void nearestSW4(float[] points, int count, int dim, float[][] cents, float[] bias, int[] best, float[] score,
                        float[][] rows, float[] a0, float[] a1, float[] a2, float[] a3) {
    int W = count;
    for (int l = 0; l < W; l++) {
      int from = l * dim;
      for (int d = 0; d < dim; d++) rows[d][l] = points[from + d];
    }
    java.util.Arrays.fill(score, 0, W, Float.NEGATIVE_INFINITY);
    java.util.Arrays.fill(best, 0, W, 0);
    int k = cents.length;
    for (int c = 0; c < k; c += 4) {
      int c1 = Math.min(c + 1, k - 1), c2 = Math.min(c + 2, k - 1), c3 = Math.min(c + 3, k - 1);
      float[] r0 = cents[c], r1 = cents[c1], r2 = cents[c2], r3 = cents[c3];
      java.util.Arrays.fill(a0, 0, W, 0f);
      java.util.Arrays.fill(a1, 0, W, 0f);
      java.util.Arrays.fill(a2, 0, W, 0f);
      java.util.Arrays.fill(a3, 0, W, 0f);
      for (int d = 0; d < dim; d++) {
        float x0 = r0[d], x1 = r1[d], x2 = r2[d], x3 = r3[d];
        float[] p = rows[d];
        for (int l = 0; l < W; l++) {
          float pl = p[l];
          a0[l] = Math.fma(pl, x0, a0[l]);
          a1[l] = Math.fma(pl, x1, a1[l]);
          a2[l] = Math.fma(pl, x2, a2[l]);
          a3[l] = Math.fma(pl, x3, a3[l]);
        }
      }
      float b0 = bias[c], b1 = bias[c1], b2 = bias[c2], b3 = bias[c3];
      for (int l = 0; l < W; l++) {
        float s = score[l]; int b = best[l];
        float v = a0[l] - b0; if (v > s) { s = v; b = c; }
        v = a1[l] - b1; if (v > s) { s = v; b = c1; }
        v = a2[l] - b2; if (v > s) { s = v; b = c2; }
        v = a3[l] - b3; if (v > s) { s = v; b = c3; }
        score[l] = s; best[l] = b;
      }
    }
  }

  public static void main(String[] args) {
    String arm = args[0];
    int k = Integer.parseInt(args[1]);
    int n = Integer.parseInt(args[2]);
    int tile = 256;
    SplittableRandom r = new SplittableRandom(1);
    float[] pts = new float[n * DIM];
    for (int i = 0; i < pts.length; i++) pts[i] = (float) r.nextDouble();
    float[][] cents = new float[k][DIM];
    float[] bias = new float[k];
    for (int c = 0; c < k; c++) { for (int d = 0; d < DIM; d++) { cents[c][d] = (float) r.nextDouble(); bias[c] += cents[c][d] * cents[c][d] / 2; } }
    IvfKernels pan = IvfKernels.get();
    int[] best = new int[tile]; float[] score = new float[tile];
    float[] lanes = new float[tile * DIM], a0 = new float[tile], a1 = new float[tile], a2 = new float[tile], a3 = new float[tile];
    float[] chunk = new float[tile * DIM];
    float[][] rows = rowsOf(DIM, tile);
    int[] bestAll = new int[n];
    for (int round = 0; round < Integer.parseInt(args[3]); round++) {
      long t0 = System.nanoTime();
      for (int s = 0; s < n; s += tile) {
        int cnt = Math.min(tile, n - s);
        System.arraycopy(pts, s * DIM, chunk, 0, cnt * DIM);
        if (arm.equals("sw4")) nearestSW4(chunk, cnt, DIM, cents, bias, best, score, rows, a0, a1, a2, a3);
        else if (arm.equals("sw1")) nearestSW1(chunk, cnt, DIM, cents, bias, best, score, lanes, a0);
        else if (arm.equals("sw")) nearestSW(chunk, cnt, DIM, cents, bias, best, score, lanes, a0, a1, a2, a3);
        else pan.nearestBatch(chunk, cnt, DIM, cents, bias, best, score);
        System.arraycopy(best, 0, bestAll, s, cnt);
      }
      long t1 = System.nanoTime();
      long h = 0; for (int b : bestAll) h = h * 31 + b;
      System.out.printf("%s k=%d n=%d round %d: %.1f ms, %.2f FMA-lanes/ns (hash %d)%n", arm, k, n, round, (t1 - t0) / 1e6,
          (double) n * k * DIM / (t1 - t0), h);
    }
  }
}
