package io.sextant.bench.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

class AcceptSetsTest {

  @Test
  void randomSetsHaveExactlyTheRequestedSizeAndDependOnlyOnTheSeed() {
    for (int n : new int[] {1, 7, 1000, 60_000}) {
      for (double s : new double[] {0.5, 0.1, 0.01, 0.001}) {
        int m = (int) Math.max(1, Math.round(s * n));
        RoaringBitmap a = AcceptSets.random(n, m, 42);
        assertThat(a.getCardinality()).as("n=%d s=%s", n, s).isEqualTo(m);
        assertThat(a.first()).isGreaterThanOrEqualTo(0);
        assertThat(a.last()).isLessThan(n);
        assertThat(AcceptSets.random(n, m, 42)).isEqualTo(a);
      }
    }
    assertThat(AcceptSets.random(10_000, 1000, 1)).isNotEqualTo(AcceptSets.random(10_000, 1000, 2));
  }

  @Test
  void randomSetsAreSpreadUniformly() {
    // 10 % of 100,000: each tenth of the ordinal range should hold close to 1,000.
    RoaringBitmap a = AcceptSets.random(100_000, 10_000, 9);
    for (int d = 0; d < 10; d++) {
      long inDecile = a.rangeCardinality(d * 10_000L, (d + 1) * 10_000L);
      assertThat(inDecile).isBetween(850L, 1150L);
    }
  }

  /** Four blobs far apart, 250 points each, blob b at ordinals b, b+4, b+8, ... (interleaved). */
  private static FloatVectors blobs(int dim, long seed) {
    Random r = new Random(seed);
    float[][] rows = new float[1000][dim];
    for (int i = 0; i < rows.length; i++) {
      int blob = i % 4;
      for (int d = 0; d < dim; d++) rows[i][d] = (float) r.nextGaussian();
      rows[i][blob] += 100;
    }
    return FloatVectors.copyOf(rows, dim);
  }

  @Test
  void correlatedSetsHaveExactSizesAreDeterministicAndFollowTheClusters() {
    FloatVectors v = blobs(8, 3);
    for (int m : new int[] {1, 10, 100, 250, 400, 999}) {
      RoaringBitmap a = AcceptSets.correlated(v, m, 42, 2);
      assertThat(a.getCardinality()).as("m=%d", m).isEqualTo(m);
      assertThat(AcceptSets.correlated(v, m, 42, 1)).as("same seed, other thread count").isEqualTo(a);
    }
    // A quarter of the base is exactly one blob: sub-clusters of one blob are nearer each other than any other blob.
    RoaringBitmap quarter = AcceptSets.correlated(v, 250, 42, 2);
    int blob = quarter.first() % 4;
    quarter.forEach((int ord) -> assertThat(ord % 4).isEqualTo(blob));
    // And a smaller set stays inside one blob too, where a random one would not.
    RoaringBitmap tenth = AcceptSets.correlated(v, 100, 5, 2);
    int b2 = tenth.first() % 4;
    tenth.forEach((int ord) -> assertThat(ord % 4).isEqualTo(b2));
    RoaringBitmap random = AcceptSets.random(1000, 100, 5);
    int[] perBlob = new int[4];
    random.forEach((int ord) -> perBlob[ord % 4]++);
    assertThat(perBlob).doesNotContain(0);
  }

  @Test
  void insideFractionCountsQueriesWhoseNearestNeighbourIsAccepted() {
    RoaringBitmap accept = RoaringBitmap.bitmapOf(1, 3);
    int[][] truth = {{1, 2}, {2, 3}, {3}, {}};
    assertThat(FilterCases.insideFraction(accept, truth)).isEqualTo(2.0 / 3);
  }
}
