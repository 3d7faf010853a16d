package io.sextant.core.vector;

import io.sextant.core.testing.KernelAssertions;
import io.sextant.core.testing.RandomVectors;
import java.lang.foreign.Arena;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** int8 dot / squared distance and Hamming are integer arithmetic: both implementations must be exact. */
class IntegerKernelExactnessTest {

  static Stream<VectorKernels> implementations() {
    return KernelImplementations.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("implementations")
  void int8KernelsAreExactOnRandomAndExtremeBytes(VectorKernels k) {
    Random r = new Random(11);
    try (Arena arena = Arena.ofConfined()) {
      for (int n : KernelImplementations.LENGTHS) {
        long offset = n % 8;
        KernelAssertions.int8Kernels(k, RandomVectors.int8(r, n), RandomVectors.int8(r, n), offset, arena, "random");
        byte[] min = filled(n, Byte.MIN_VALUE), max = filled(n, Byte.MAX_VALUE);
        // -128·-128 = 2¹⁴ per term: the largest product, which a 16-bit signed multiply must not overflow.
        KernelAssertions.int8Kernels(k, min, min, offset, arena, "all -128");
        // (127 − (−128))² = 65025 per term: does not fit a signed short.
        KernelAssertions.int8Kernels(k, max, min, offset, arena, "127 vs -128");
        KernelAssertions.int8Kernels(k, min, max, offset, arena, "-128 vs 127");
        KernelAssertions.int8Kernels(k, new byte[n], RandomVectors.int8(r, n), offset, arena, "zeros");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("implementations")
  void hammingIsExact(VectorKernels k) {
    Random r = new Random(12);
    try (Arena arena = Arena.ofConfined()) {
      for (int words : KernelImplementations.LENGTHS) {
        long offset = words % 8;
        long[] a = RandomVectors.bits(r, words);
        KernelAssertions.hamming(k, a, RandomVectors.bits(r, words), offset, arena, "random");
        KernelAssertions.hamming(k, a, a.clone(), offset, arena, "identical");
        long[] ones = new long[words];
        Arrays.fill(ones, -1L);
        KernelAssertions.hamming(k, new long[words], ones, offset, arena, "all bits differ");
        long[] sparse = new long[words];
        sparse[words - 1] = Long.MIN_VALUE; // only the very last bit: catches a dropped tail
        KernelAssertions.hamming(k, new long[words], sparse, offset, arena, "last bit only");
      }
    }
  }

  private static byte[] filled(int n, byte value) {
    byte[] b = new byte[n];
    Arrays.fill(b, value);
    return b;
  }
}
