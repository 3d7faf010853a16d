package io.sextant.hnsw;

/** Probe only: how early a partial L2 sum would exceed the floor. */
final class PruneProbe {
  static final boolean ON = Boolean.getBoolean("sextant.probe.prune");
  static final int CK = 16;
  static float floor = Float.NEGATIVE_INFINITY;
  static int phase; // 0 greedy, 1 base
  static final long[][] hist = new long[2][CK + 1];
  static final long[] all = new long[2];
  static {
    if (ON) Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      for (int p = 0; p < 2; p++) {
        long tot = 0; for (long h : hist[p]) tot += h;
        double read = 0;
        StringBuilder sb = new StringBuilder(p == 0 ? "greedy" : "base").append(" scored=").append(all[p]).append(" withFloor=").append(tot).append(" firstCross:");
        for (int c = 0; c <= CK; c++) { sb.append(' ').append(hist[p][c]); read += hist[p][c] * (c == CK ? 1.0 : (c + 1) / (double) CK); }
        double saved = tot - read;
        System.err.printf("%s%n  ideal fraction of vector bytes saved: %.3f of all scored%n", sb, saved / all[p]);
      }
    }));
  }
  static void record(float[] q, java.lang.foreign.MemorySegment data, io.sextant.core.vector.FloatVectors v, int[] nodes, int count) {
    int p = phase;
    all[p] += count;
    if (floor == Float.NEGATIVE_INFINITY) return;
    double tau = -floor;
    int dim = q.length;
    for (int i = 0; i < count; i++) {
      long off = v.offset(nodes[i]);
      double s = 0;
      int c = CK;
      for (int d = 0; d < dim; d++) {
        double x = q[d] - data.get(java.lang.foreign.ValueLayout.JAVA_FLOAT_UNALIGNED, off + 4L * d);
        s += x * x;
        if ((d + 1) % (dim / CK) == 0 && s > tau) { c = Math.min(CK - 1, (d + 1) / (dim / CK) - 1); break; }
      }
      hist[p][c]++;
    }
  }
}
