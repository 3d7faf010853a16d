package io.sextant.core.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.core.testing.FloatErrorBounds;
import io.sextant.core.testing.KernelAssertions;
import io.sextant.core.testing.RandomVectors;
import io.sextant.core.testing.ReferenceKernels;
import io.sextant.core.testing.SegmentPlacement;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link VectorKernels#rawScores}: one query against a contiguous block, every similarity. */
class BatchScoresTest {

  static Stream<Arguments> cases() {
    return KernelImplementations.all().stream().flatMap(k -> Stream.of(Similarity.values())
        .flatMap(sim -> Stream.of(SegmentPlacement.values()).map(p -> Arguments.of(k, sim, p))));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void scoresEveryVectorOfTheBlockWithinTheBound(VectorKernels k, Similarity sim, SegmentPlacement placement) {
    Random r = new Random(sim.ordinal() * 7L + placement.ordinal());
    try (Arena arena = Arena.ofConfined()) {
      for (int dim : new int[] {1, 3, 16, 17, 100, 128, 257, 768}) {
        int count = 1 + r.nextInt(40);
        float[] q = RandomVectors.gaussian(r, dim, 1);
        float[][] block = new float[count][];
        for (int i = 0; i < count; i++) block[i] = RandomVectors.gaussian(r, dim, 1);
        block[count / 2] = new float[dim]; // a zero vector in the middle: cosine 0, not NaN
        long at = placement.effectiveOffset(1 + dim % 7);
        MemorySegment s = placement.allocate(arena, at + 4L * dim * count);
        for (int i = 0; i < count; i++) {
          for (int j = 0; j < dim; j++) s.set(SegmentPlacement.FLOAT_LE, at + 4L * (i * dim + j), block[i][j]);
        }
        float[] out = new float[count + 2];
        Arrays.fill(out, Float.NaN);
        k.rawScores(sim, q, s, at, count, out);
        for (int i = 0; i < count; i++) {
          KernelAssertions.within(out[i], ReferenceKernels.raw(sim, q, block[i]), FloatErrorBounds.raw(sim, q, block[i]),
              sim + " rawScores[" + i + "] of " + count + ", dim " + dim + ", " + placement + " at byte " + at + ", " + k);
        }
        assertThat(out[count]).as("rawScores wrote past count").isNaN();
      }
    }
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void aBlockPastTheEndOfTheMemoryIsRejected(VectorKernels k, Similarity sim, SegmentPlacement placement) {
    try (Arena arena = Arena.ofConfined()) {
      int dim = 20;
      MemorySegment s = placement.allocate(arena, 4L * dim * 3);
      float[] q = new float[dim];
      assertThatThrownBy(() -> k.rawScores(sim, q, s, 4, 3, new float[3]))
          .isInstanceOf(IndexOutOfBoundsException.class);
      assertThatThrownBy(() -> k.rawScores(sim, q, s, 0, 3, new float[2]))
          .isInstanceOf(IndexOutOfBoundsException.class);
    }
  }

  @org.junit.jupiter.api.Test
  void aStrideThatOverflowsAnIntIsRejectedByTheRangeCheck() {
    int n = PanamaFloatKernels.F.length();
    // 3 · stride overflows an int: the check must still see that the four vectors overrun the array.
    assertThatThrownBy(() -> PanamaBlockKernels.dot4(new float[n], new float[100], 0, 1_000_000_000, new float[4], 0))
        .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("overrun an array of 100");
    assertThatThrownBy(() -> PanamaBlockKernels.squareDistance4(new float[n], new float[100], 0, 1_000_000_000, new float[4], 0))
        .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("overrun an array of 100");
  }
}
