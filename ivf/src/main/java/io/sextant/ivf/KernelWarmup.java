package io.sextant.ivf;

import java.lang.foreign.MemorySegment;

/**
 * The nearest-codeword kernel of a PQ build, compiled before the build needs it. A Vector API
 * kernel runs thousands of times slower interpreted or in C1 code than once C2 has compiled it
 * (measured here: ~1 ms for 4 points against 256 codewords of 8 floats, against well under a
 * microsecond compiled), and C2 compiles it only after some hundred calls and a fraction of a
 * second of compiler time: on a cold JVM the PQ codebooks and encoding spent most of their CPU
 * time in that window. So a daemon thread started with the build calls the Vector API kernel on a
 * tiny input until a call is fast (or a cap is reached), while the coarse k-means runs; until then
 * this class answers {@link #nearestTransposedBatch} with the scalar loop, which the JIT makes
 * fast within a few calls. Both compute each sum as {@code -bias} plus one fused multiply-add per
 * dimension in dimension order and keep the lowest index among ties, so their results are
 * bit-identical (IvfKernelsTest checks it): the index does not depend on when the switch happens.
 * Every other method goes to the Vector API kernels directly.
 */
final class KernelWarmup implements IvfKernels {
  /** A compiled call on the warm-up input takes well under this; an interpreted or C1 one far longer. */
  private static final long FAST_NANOS = 20_000;
  /** Consecutive fast calls that count as compiled. */
  private static final int FAST_STREAK = 8;
  /** Give up waiting (and use the Vector API kernel anyway) after this many calls. */
  private static final int MAX_CALLS = 20_000;
  /** Codewords in the warm-up input: few keep each slow call short; a multiple of 2·L (AVX-512) like 256, so the same loops run. */
  private static final int WARM_CODEWORDS = 32;

  private final IvfKernels fast;
  private volatile boolean ready;

  private KernelWarmup(IvfKernels fast) {
    this.fast = fast;
  }

  /**
   * Kernels for a PQ build with sub-spaces of about {@code dsub} floats: {@code kernels} itself when
   * it is the scalar implementation, else a wrapper whose warm-up thread has been started.
   */
  static IvfKernels start(IvfKernels kernels, int dsub) {
    if (kernels instanceof ScalarIvfKernels || kernels instanceof KernelWarmup) return kernels;
    KernelWarmup w = new KernelWarmup(kernels);
    Thread t = new Thread(() -> w.warm(Math.max(1, dsub)), "sextant-ivf-kernel-warmup");
    t.setDaemon(true);
    t.start();
    return w;
  }

  boolean ready() {
    return ready;
  }

  private void warm(int dsub) {
    try {
      int k = WARM_CODEWORDS;
      float[] points = new float[4 * dsub];
      float[] ct = new float[dsub * k];
      float[] bias = new float[k];
      for (int i = 0; i < points.length; i++) points[i] = (i % 7) * 0.25f;
      for (int i = 0; i < ct.length; i++) ct[i] = ((i * 31) % 17) * 0.125f;
      for (int c = 0; c < k; c++) bias[c] = (c % 5) * 0.5f;
      int[] best = new int[4];
      int streak = 0;
      for (int call = 0; call < MAX_CALLS && streak < FAST_STREAK; call++) {
        long t0 = System.nanoTime();
        fast.nearestTransposedBatch(points, 4, dsub, ct, bias, k, best);
        streak = System.nanoTime() - t0 < FAST_NANOS ? streak + 1 : 0;
      }
    } finally {
      ready = true;
    }
  }

  @Override
  public void nearestTransposedBatch(float[] points, int count, int dim, float[] ct, float[] bias, int k, int[] best) {
    (ready ? fast : ScalarIvfKernels.INSTANCE).nearestTransposedBatch(points, count, dim, ct, bias, k, best);
  }

  @Override
  public int laneWidth() {
    return fast.laneWidth();
  }

  @Override
  public void nearestTransposedLanes(float[] lanes, int at, int width, int dim, float[] ct, float[] bias, int k, int[] best) {
    (ready ? fast : ScalarIvfKernels.INSTANCE).nearestTransposedLanes(lanes, at, width, dim, ct, bias, k, best);
  }

  @Override public String name() { return fast.name(); }

  @Override
  public void adcBlock(float[] table, int m, MemorySegment seg, long codes, float[] out) {
    fast.adcBlock(table, m, seg, codes, out);
  }

  @Override
  public void sq8Block(float[] w, MemorySegment seg, long codes, int count, float[] out) {
    fast.sq8Block(w, seg, codes, count, out);
  }

  @Override
  public void lookupTable(float[] q, int from, int len, MemorySegment seg, long cbOffset, float[] table, int tableOffset) {
    fast.lookupTable(q, from, len, seg, cbOffset, table, tableOffset);
  }

  @Override
  public void nearestBatch(float[] points, int count, int dim, float[][] centroids, float[] bias, int[] best, float[] score) {
    fast.nearestBatch(points, count, dim, centroids, bias, best, score);
  }

  @Override
  public long nearestTransposed(float[] x, int from, int dim, float[] ct, int k, boolean spherical, float[] scratch) {
    return fast.nearestTransposed(x, from, dim, ct, k, spherical, scratch);
  }

  @Override
  public void dots(float[] rows, int from, int count, int dim, float[] c, float[] out) {
    fast.dots(rows, from, count, dim, c, out);
  }
}
