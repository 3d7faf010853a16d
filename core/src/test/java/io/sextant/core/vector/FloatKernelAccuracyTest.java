package io.sextant.core.vector;

import io.sextant.core.testing.FloatPairs;
import io.sextant.core.testing.KernelAssertions;
import java.lang.foreign.Arena;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every float kernel (dot, squared L2, cosine; array form and segment form on heap float[],
 * heap byte[] and off-heap memory at byte offsets 0..7) of both implementations against the
 * double-precision reference, within the bound stated in
 * {@link io.sextant.core.testing.FloatErrorBounds}: {@code |err| ≤ γₙ·Σ|aᵢbᵢ| + n·2⁻¹⁴⁹} with
 * {@code γₙ = nu/(1−nu)}, {@code u = 2⁻²⁴} (c = 1) for the dot product, {@code γₙ₊₂·‖a−b‖²} for the
 * squared distance, and the derived cosine bound; then Panama against scalar within twice that.
 */
class FloatKernelAccuracyTest {

  static Stream<Arguments> implementationsAndInputs() {
    return KernelImplementations.all().stream()
        .flatMap(k -> Stream.of(FloatPairs.values()).map(kind -> Arguments.of(k, kind)));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("implementationsAndInputs")
  void withinTheRoundingBoundOfTheReference(VectorKernels k, FloatPairs kind) {
    Random r = new Random(31L * kind.ordinal() + 7);
    try (Arena arena = Arena.ofConfined()) {
      for (int n : KernelImplementations.LENGTHS) {
        float[][] p = kind.pair(r, n);
        KernelAssertions.floatKernels(k, p[0], p[1], n % 8, arena, kind.toString());
        KernelAssertions.floatKernels(k, p[1], p[0], (n + 3) % 8, arena, kind + " (swapped)");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(FloatPairs.class)
  void panamaAndScalarAgreeWithinTwiceTheBound(FloatPairs kind) {
    VectorKernels panama = KernelImplementations.all().get(1);
    Random r = new Random(kind.ordinal());
    for (int n : KernelImplementations.LENGTHS) {
      float[][] p = kind.pair(r, n);
      KernelAssertions.agree(panama, ScalarKernels.INSTANCE, p[0], p[1], kind.toString());
    }
  }

  @Test
  void exactCasesAreExact() {
    for (VectorKernels k : KernelImplementations.all()) {
      for (int n : KernelImplementations.LENGTHS) {
        float[] ones = new float[n], twos = new float[n];
        java.util.Arrays.fill(ones, 1f);
        java.util.Arrays.fill(twos, 2f);
        // Small integers: every partial sum is exactly representable, so any order gives the exact value.
        org.assertj.core.api.Assertions.assertThat(k.dot(ones, twos)).as("%s dot n=%d", k, n).isEqualTo(2f * n);
        org.assertj.core.api.Assertions.assertThat(k.squareDistance(ones, twos)).as("%s l2 n=%d", k, n).isEqualTo((float) n);
        org.assertj.core.api.Assertions.assertThat(k.squareDistance(twos, twos)).as("%s l2 self n=%d", k, n).isZero();
        org.assertj.core.api.Assertions.assertThat(k.cosine(new float[n], twos)).as("%s cos zero n=%d", k, n).isZero();
      }
    }
  }
}
