package io.sextant.ivf;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Not a test: a measurement to run by hand, comparing the two PQ scan loops over the same
 * transposed blocks, alternated in one JVM so machine noise hits both alike: the scalar loop the
 * JIT compiles ({@link ScalarIvfKernels#adcBlock}) and the Vector API gather
 * ({@link PanamaIvfKernels#adcBlockGather}). Usage (after {@code ./mvnw -pl ivf -am test-compile}):
 * <pre>
 *   java --add-modules jdk.incubator.vector -cp core/target/classes:ivf/target/classes:ivf/target/test-classes \
 *       io.sextant.ivf.AdcScanComparison [m] [blocks]
 * </pre>
 */
public final class AdcScanComparison {
  private AdcScanComparison() {}

  public static void main(String[] args) {
    int m = args.length > 0 ? Integer.parseInt(args[0]) : 98;
    int blocks = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    SplittableRandom rng = new SplittableRandom(1);
    float[] table = new float[m * 256];
    for (int i = 0; i < table.length; i++) table[i] = (float) rng.nextDouble();
    long blockBytes = (long) m * BlockLayout.BLOCK;
    MemorySegment seg = Arena.ofAuto().allocate(blockBytes * blocks, 64);
    for (long i = 0; i < seg.byteSize(); i++) seg.set(java.lang.foreign.ValueLayout.JAVA_BYTE, i, (byte) rng.nextInt(256));
    float[] a = new float[BlockLayout.BLOCK];
    float[] b = new float[BlockLayout.BLOCK];
    ScalarIvfKernels.INSTANCE.adcBlock(table, m, seg, 0, a);
    PanamaIvfKernels.adcBlockGather(table, m, seg, 0, b);
    if (!Arrays.equals(a, b)) throw new AssertionError("the two scans disagree");
    long[] best = {Long.MAX_VALUE, Long.MAX_VALUE};
    float sink = 0;
    for (int rep = 0; rep < 40; rep++) {
      for (int mode = 0; mode < 2; mode++) {
        long t = System.nanoTime();
        for (int blk = 0; blk < blocks; blk++) {
          if (mode == 0) {
            ScalarIvfKernels.INSTANCE.adcBlock(table, m, seg, blk * blockBytes, a);
          } else {
            PanamaIvfKernels.adcBlockGather(table, m, seg, blk * blockBytes, a);
          }
          sink += a[blk & 31];
        }
        best[mode] = Math.min(best[mode], System.nanoTime() - t);
      }
    }
    double codes = (double) blocks * BlockLayout.BLOCK;
    System.out.printf("m=%d, %d codes per pass, best of 40: JIT scalar %.1f ns/code, Vector API gather %.1f ns/code (%s)%n",
        m, (long) codes, best[0] / codes, best[1] / codes, sink == 42 ? "" : "ok");
  }
}
