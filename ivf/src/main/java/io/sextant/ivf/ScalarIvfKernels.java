package io.sextant.ivf;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Plain loops. The ADC loop keeps 32 independent sums (one per vector of a block) to give the JIT room. */
final class ScalarIvfKernels implements IvfKernels {
  static final ScalarIvfKernels INSTANCE = new ScalarIvfKernels();

  private ScalarIvfKernels() {}

  @Override public String name() { return "scalar"; }

  @Override
  public void adcBlock(float[] table, int m, MemorySegment seg, long codes, float[] out) {
    final int b = BlockLayout.BLOCK;
    java.util.Arrays.fill(out, 0, b, 0f);
    for (int j = 0; j < m; j++) {
      int t = j << 8;
      long row = codes + (long) j * b;
      for (int v = 0; v < b; v++) out[v] += table[t + (seg.get(ValueLayout.JAVA_BYTE, row + v) & 0xFF)];
    }
  }

  @Override
  public void sq8Block(float[] w, MemorySegment seg, long codes, int count, float[] out) {
    int dim = w.length;
    for (int v = 0; v < count; v++) {
      long base = codes + (long) v * dim;
      float s = 0f;
      for (int i = 0; i < dim; i++) s += w[i] * seg.get(ValueLayout.JAVA_BYTE, base + i);
      out[v] = s;
    }
  }

  @Override
  public void lookupTable(float[] q, int from, int len, MemorySegment seg, long cbOffset, float[] table, int tableOffset) {
    java.util.Arrays.fill(table, tableOffset, tableOffset + CODEBOOK, 0f);
    for (int d = 0; d < len; d++) {
      float qd = q[from + d];
      long row = cbOffset + (long) d * CODEBOOK * Float.BYTES;
      for (int c = 0; c < CODEBOOK; c++) table[tableOffset + c] += qd * seg.get(BlockLayout.FLOAT_LE, row + 4L * c);
    }
  }

  @Override
  public void nearestBatch(float[] points, int count, int dim, float[][] centroids, float[] bias, int[] best, float[] score) {
    int k = centroids.length;
    for (int i = 0; i < count; i++) {
      int base = i * dim;
      int b = 0;
      float bs = Float.NEGATIVE_INFINITY;
      // One fused multiply-add per dimension in order, then -bias: the Panama kernel's arithmetic
      // lane for lane, so both give the same winner and score (IvfKernelsTest).
      // Four centroids at a time only to overlap their dependency chains.
      int c = 0;
      for (; c + 4 <= k; c += 4) {
        float[] r0 = centroids[c], r1 = centroids[c + 1], r2 = centroids[c + 2], r3 = centroids[c + 3];
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
        for (int d = 0; d < dim; d++) {
          float x = points[base + d];
          s0 = Math.fma(x, r0[d], s0);
          s1 = Math.fma(x, r1[d], s1);
          s2 = Math.fma(x, r2[d], s2);
          s3 = Math.fma(x, r3[d], s3);
        }
        s0 -= bias[c];
        s1 -= bias[c + 1];
        s2 -= bias[c + 2];
        s3 -= bias[c + 3];
        if (s0 > bs) { bs = s0; b = c; }
        if (s1 > bs) { bs = s1; b = c + 1; }
        if (s2 > bs) { bs = s2; b = c + 2; }
        if (s3 > bs) { bs = s3; b = c + 3; }
      }
      for (; c < k; c++) {
        float[] r = centroids[c];
        float s = 0f;
        for (int d = 0; d < dim; d++) s = Math.fma(points[base + d], r[d], s);
        s -= bias[c];
        if (s > bs) { bs = s; b = c; }
      }
      best[i] = b;
      score[i] = bs;
    }
  }

  @Override
  public long nearestTransposed(float[] x, int from, int dim, float[] ct, int k, boolean spherical, float[] acc) {
    java.util.Arrays.fill(acc, 0, k, 0f);
    for (int d = 0; d < dim; d++) {
      float xd = x[from + d];
      int base = d * k;
      if (spherical) {
        for (int c = 0; c < k; c++) acc[c] += xd * ct[base + c];
      } else {
        for (int c = 0; c < k; c++) {
          float diff = xd - ct[base + c];
          acc[c] += diff * diff;
        }
      }
    }
    int best = 0;
    float bestD = Float.POSITIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      float dd = spherical ? 1f - acc[c] : acc[c];
      if (dd < bestD) {
        bestD = dd;
        best = c;
      }
    }
    return ((long) best << 32) | (Float.floatToRawIntBits(bestD) & 0xFFFF_FFFFL);
  }

  @Override
  public void nearestTransposedBatch(float[] points, int count, int dim, float[] ct, float[] bias, int k, int[] best) {
    for (int i = 0; i < count; i++) best[i] = nearestTransposedOne(points, i * dim, 1, dim, ct, bias, k);
  }

  /**
   * The codeword maximizing {@code x·c - bias[c]} for the point whose component d is
   * {@code xs[from + d·step]}: -bias, then one fused multiply-add per dimension in order, ties to
   * the lowest index (the Panama kernels' arithmetic, lane for lane).
   */
  private static int nearestTransposedOne(float[] xs, int from, int step, int dim, float[] ct, float[] bias, int k) {
    int b = 0;
    float bs = Float.NEGATIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      float s = -bias[c];
      for (int d = 0; d < dim; d++) s = Math.fma(xs[from + d * step], ct[d * k + c], s);
      if (s > bs) {
        bs = s;
        b = c;
      }
    }
    return b;
  }

  /** Any width works here; 8 is what AVX2 uses, so the layout matches the common Panama case. */
  @Override
  public int laneWidth() {
    return 8;
  }

  @Override
  public void nearestTransposedLanes(float[] lanes, int at, int width, int dim, float[] ct, float[] bias, int k, int[] best) {
    for (int p = 0; p < width; p++) best[p] = nearestTransposedOne(lanes, at + p, width, dim, ct, bias, k);
  }

  @Override
  public void dots(float[] rows, int from, int count, int dim, float[] c, float[] out) {
    for (int i = 0; i < count; i++) {
      int base = (from + i) * dim;
      float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
      int d = 0;
      for (; d + 4 <= dim; d += 4) {
        s0 += rows[base + d] * c[d];
        s1 += rows[base + d + 1] * c[d + 1];
        s2 += rows[base + d + 2] * c[d + 2];
        s3 += rows[base + d + 3] * c[d + 3];
      }
      for (; d < dim; d++) s0 += rows[base + d] * c[d];
      out[i] = (s0 + s1) + (s2 + s3);
    }
  }
}
