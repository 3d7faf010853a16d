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
