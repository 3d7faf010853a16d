package io.sextant.core.vector.lanes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/** The vector sum is the halving tree {@link LaneSum#sumOf} spells out, bit for bit, and not the lane-order sum. */
class LaneSumTest {
  @Test
  void vectorSumIsTheHalvingTreeBitForBit() {
    int l = FloatVector.SPECIES_PREFERRED.length();
    SplittableRandom r = new SplittableRandom(3);
    int differsFromLaneOrder = 0;
    for (int t = 0; t < 20_000; t++) {
      float[] lanes = new float[l];
      // Mixed magnitudes, so the order of the additions shows in the last bits.
      for (int i = 0; i < l; i++) lanes[i] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(-3, 4)));
      float tree = LaneSum.sumOf(lanes);
      assertThat(Float.floatToRawIntBits(LaneSum.sum(FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, lanes, 0))))
          .as("lanes %s", java.util.Arrays.toString(lanes)).isEqualTo(Float.floatToRawIntBits(tree));
      float sequential = 0f;
      for (float x : lanes) sequential += x;
      if (Float.floatToRawIntBits(sequential) != Float.floatToRawIntBits(tree)) differsFromLaneOrder++;
    }
    assertThat(differsFromLaneOrder).as("cases where the order matters (else this test shows nothing)").isGreaterThan(1000);
  }

  /** The documented blend tree over 16 accumulators gives, in lane j, accumulator j's sum (16-lane species only). */
  @Test
  void sixteenAccumulatorsSummedInOneTreeMatchSumLaneForLane() {
    org.junit.jupiter.api.Assumptions.assumeTrue(FloatVector.SPECIES_PREFERRED.length() == 16, "needs 16 float lanes");
    SplittableRandom r = new SplittableRandom(3);
    for (int round = 0; round < 200; round++) {
      FloatVector[] v = new FloatVector[16];
      for (int j = 0; j < 16; j++) {
        float[] lanes = new float[16];
        for (int i = 0; i < 16; i++) lanes[i] = (float) ((r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-3, 4)));
        v[j] = FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, lanes, 0);
      }
      FloatVector[] level = v;
      int[] bits = {8, 4, 2, 1};
      for (int b : bits) {
        var mask = b == 8 ? LaneSum.BIT8 : b == 4 ? LaneSum.BIT4 : b == 2 ? LaneSum.BIT2 : LaneSum.BIT1;
        var swap = b == 8 ? LaneSum.SWAP8 : b == 4 ? LaneSum.SWAP4 : b == 2 ? LaneSum.SWAP2 : LaneSum.SWAP1;
        int half = level.length / 2;
        FloatVector[] next = new FloatVector[half];
        for (int j = 0; j < half; j++) {
          FloatVector a = level[j], c = level[j + half];
          next[j] = a.blend(c, mask).add(c.blend(a, mask).rearrange(swap));
        }
        level = next;
      }
      float[] tree = level[0].toArray();
      for (int j = 0; j < 16; j++) {
        assertThat(Float.floatToRawIntBits(tree[j])).as("round %d lane %d", round, j)
            .isEqualTo(Float.floatToRawIntBits(LaneSum.sum(v[j])));
      }
    }
  }

  @Test
  void specialValuesPropagate() {
    int l = FloatVector.SPECIES_PREFERRED.length();
    float[] lanes = new float[l];
    lanes[l - 1] = Float.NaN;
    assertThat(LaneSum.sum(FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, lanes, 0))).isNaN();
    lanes[l - 1] = Float.POSITIVE_INFINITY;
    assertThat(LaneSum.sum(FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, lanes, 0))).isEqualTo(Float.POSITIVE_INFINITY);
  }
}
