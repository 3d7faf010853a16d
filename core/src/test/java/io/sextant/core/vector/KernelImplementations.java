package io.sextant.core.vector;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.stream.IntStream;

/** The implementations under test and the lengths every kernel is checked at. */
final class KernelImplementations {
  private KernelImplementations() {}

  /** 1..130 (every tail length for 4-way unrolled 512-bit loops and more), around 256, and real embedding sizes. */
  static final int[] LENGTHS = IntStream.concat(IntStream.rangeClosed(1, 130),
      IntStream.of(255, 256, 257, 768, 1536, 4096)).toArray();

  /**
   * Scalar and Panama. The build machine and CI have AVX2/AVX-512 and the tests run with the
   * incubator module, so Panama must be available; a null here is a failure, not a skip.
   */
  static List<VectorKernels> all() {
    VectorKernels panama = PanamaKernels.createIfUseful();
    assertNotNull(panama, "Panama kernels unavailable: tests expect --add-modules jdk.incubator.vector and >128-bit vectors");
    return List.of(ScalarKernels.INSTANCE, panama);
  }
}
