package io.sextant.core.vector;

import io.sextant.core.testing.FloatPairs;
import io.sextant.core.testing.KernelAssertions;
import java.lang.foreign.Arena;
import java.util.Random;

/**
 * Run in a child JVM by {@link KernelSelectionTest}: prints the kernels {@link Kernels#get()}
 * chose and whether they fuse multiply-add, then checks them against the reference on a few
 * lengths and inputs (exit status 1 with the failure on stderr).
 */
public final class KernelProbe {
  private KernelProbe() {}

  public static void main(String[] args) {
    VectorKernels k = Kernels.get();
    boolean fma = k instanceof PanamaKernels && PanamaKernels.usesFma();
    System.out.println("kernels=" + k.name() + " fma=" + fma + " describe=" + k);
    try (Arena arena = Arena.ofConfined()) {
      Random r = new Random(5);
      for (FloatPairs kind : FloatPairs.values()) {
        for (int n : new int[] {1, 15, 16, 17, 63, 64, 65, 130, 768}) {
          float[][] p = kind.pair(r, n);
          KernelAssertions.floatKernels(k, p[0], p[1], n % 8, arena, kind.toString());
        }
      }
    } catch (AssertionError e) {
      System.err.println(e.getMessage());
      System.exit(1);
    }
    System.out.println("accuracy=ok");
  }
}
