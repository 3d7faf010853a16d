package io.sextant.hnsw;

import io.sextant.core.testing.ColdAndHotRuns;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Prints the bits of the Panama batch and int8 kernels' scores on fixed random data, after
 * computing them {@code args[0]} times (see {@link ColdAndHotRuns}).
 */
public final class ColdBatchScoresProbe {
  static final int[] DIMS = {1, 7, 8, 13, 31, 100, 384, 784};
  static final int N = 11;

  public static void main(String[] args) {
    try (Arena arena = Arena.ofConfined()) {
      ColdAndHotRuns.printAfterRounds(args, () -> results(arena));
    }
  }

  static List<String> results(Arena arena) {
    List<String> out = new ArrayList<>();
    SplittableRandom rnd = new SplittableRandom(13);
    int[] nodes = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    for (int dim : DIMS) {
      float[] data = new float[N * dim];
      for (int i = 0; i < data.length; i++) data[i] = (float) rnd.nextGaussian();
      float[] q = java.util.Arrays.copyOf(data, dim);
      MemorySegment nat = arena.allocate((long) data.length * Float.BYTES, 64);
      MemorySegment.copy(data, 0, nat, ValueLayout.JAVA_FLOAT_UNALIGNED, 0, data.length);
      FloatVectors heap = new FloatVectors(MemorySegment.ofArray(data), 0, N, dim);
      FloatVectors mapped = new FloatVectors(nat, 0, N, dim);
      for (Similarity s : Similarity.values()) {
        for (FloatVectors v : List.of(heap, mapped)) {
          BatchKernel k = PanamaBatchKernels.create(v, s);
          float[] batch = new float[nodes.length];
          k.score(q, nodes, nodes.length, batch);
          for (int i = 0; i < nodes.length; i++) {
            out.add(line(k.getClass().getSimpleName() + "-" + s, dim, nodes[i], batch[i], k.score(q, nodes[i])));
          }
        }
      }
      byte[] codes = new byte[N * dim];
      rnd.nextBytes(codes);
      MemorySegment natCodes = arena.allocate(codes.length, 64);
      MemorySegment.copy(codes, 0, natCodes, ValueLayout.JAVA_BYTE, 0, codes.length);
      for (Int8Kernel k : List.of(PanamaInt8ArrayKernel.create(codes, 0, dim, dim), PanamaInt8Kernel.create(natCodes, dim, dim))) {
        float[] batch = new float[nodes.length];
        k.dot(q, nodes, nodes.length, batch);
        for (int i = 0; i < nodes.length; i++) out.add(line(k.getClass().getSimpleName(), dim, nodes[i], batch[i], k.dot(q, nodes[i])));
      }
    }
    return out;
  }

  private static String line(String kernel, int dim, int node, float... values) {
    return ColdAndHotRuns.line(kernel + " dim=" + dim + " node=" + node, values);
  }
}
