package io.sextant.core.vector;

import io.sextant.core.testing.ColdAndHotRuns;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Prints the bits of every Panama float kernel's results on fixed random data, after computing
 * them {@code args[0]} times (see {@link ColdAndHotRuns}).
 */
public final class ColdScoresProbe {
  static final int[] DIMS = {1, 7, 8, 13, 31, 100, 384, 784};

  public static void main(String[] args) {
    VectorKernels k = PanamaKernels.unconditionally();
    try (Arena arena = Arena.ofConfined()) {
      ColdAndHotRuns.printAfterRounds(args, () -> results(k, arena));
    }
  }

  static List<String> results(VectorKernels k, Arena arena) {
    List<String> out = new ArrayList<>();
    SplittableRandom rnd = new SplittableRandom(11);
    for (int dim : DIMS) {
      int n = 9;
      float[][] v = new float[n][dim];
      for (float[] x : v) for (int d = 0; d < dim; d++) x[d] = (float) rnd.nextGaussian();
      MemorySegment seg = arena.allocate((long) n * dim * Float.BYTES, 64);
      for (int i = 0; i < n; i++) MemorySegment.copy(v[i], 0, seg, ValueLayout.JAVA_FLOAT_UNALIGNED, (long) i * dim * Float.BYTES, dim);
      for (int i = 1; i < n; i++) {
        long off = (long) i * dim * Float.BYTES;
        out.add(line("dot", dim, i, k.dot(v[0], v[i]), k.dot(v[0], seg, off)));
        out.add(line("l2", dim, i, k.squareDistance(v[0], v[i]), k.squareDistance(v[0], seg, off)));
        out.add(line("cos", dim, i, k.cosine(v[0], v[i]), k.cosine(v[0], seg, off)));
      }
      for (Similarity s : Similarity.values()) {
        float[] raw = new float[n];
        k.rawScores(s, v[0], seg, 0, n, raw);
        for (int i = 0; i < n; i++) out.add(line("raw-" + s, dim, i, raw[i]));
      }
    }
    return out;
  }

  private static String line(String kernel, int dim, int i, float... values) {
    return ColdAndHotRuns.line(kernel + " dim=" + dim + " #" + i, values);
  }
}
