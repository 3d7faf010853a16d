package io.sextant.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import org.junit.jupiter.api.Test;

class RecallTest {

  @Test
  void idRecallCountsEachTrueNeighbourOnceWithinTheFirstK() {
    int[] truth = {1, 2, 3, 4};
    assertThat(Recall.ofIds(4, truth, new int[] {4, 9, 2, 2})).isEqualTo(0.5);
    assertThat(Recall.ofIds(2, truth, new int[] {4, 9, 1, 2})).isEqualTo(0.0); // 1 and 2 are beyond the first k
    assertThat(Recall.ofIds(3, truth, new int[] {3, 1, 2})).isEqualTo(1.0);
    assertThat(Recall.ofIds(10, truth, new int[] {1, 2, 3, 4})).isEqualTo(1.0); // only 4 exist
    assertThat(Recall.ofIds(4, truth, new int[] {1})).isEqualTo(0.25);
    assertThat(Recall.meanOfIds(2, new int[][] {{1, 2}, {3, 4}}, new int[][] {{1, 2}, {4, 0}})).isEqualTo(0.75);
    assertThatThrownBy(() -> Recall.ofIds(0, truth, truth)).hasMessage("k must be positive, got 0");
    assertThatThrownBy(() -> Recall.meanOfIds(1, new int[][] {{1}}, new int[][] {{1}, {2}}))
        .hasMessage("ground truth has 1 rows but there are 2 results");
  }

  @Test
  void tieAwareRecallCreditsTiedStandInsButNotMoreThanTheTiesAllow() {
    // Query at the origin, euclidean: v0 at distance 0, v1 and v2 tied at 1, v3 and v4 tied at 4, v5 far.
    FloatVectors base = FloatVectors.copyOf(new float[][] {{0, 0}, {1, 0}, {0, 1}, {2, 0}, {0, 2}, {9, 9}}, 2);
    FloatVectors queries = FloatVectors.copyOf(new float[][] {{0, 0}}, 2);
    Recall r = Recall.withTies(base, queries, Similarity.EUCLIDEAN);
    int[] truth = {0, 1, 2, 3, 4};

    // k=2: the file says {0, 1}; 2 is tied with 1 and equally correct.
    assertThat(Recall.ofIds(2, truth, new int[] {0, 2})).isEqualTo(0.5);
    assertThat(r.recall(2, 0, truth, new int[] {0, 2})).isEqualTo(1.0);
    // Two tied k-th neighbours do not make up for missing the nearest one.
    assertThat(r.recall(2, 0, truth, new int[] {2, 1})).isEqualTo(0.5);
    assertThat(r.recall(2, 0, truth, new int[] {1, 5})).isEqualTo(0.5);
    // k=4: the boundary group is {3}; 4 may stand in for it, once.
    assertThat(r.recall(4, 0, truth, new int[] {0, 1, 2, 4})).isEqualTo(1.0);
    assertThat(r.recall(4, 0, truth, new int[] {0, 1, 4, 4})).isEqualTo(0.75);
    assertThat(r.recall(4, 0, truth, new int[] {0, 4, 3, 5})).isEqualTo(0.5);
    assertThat(r.mean(2, new int[][] {truth}, new int[][] {{0, 2}})).isEqualTo(1.0);
  }

  @Test
  void tieAwareRecallWorksForCosineWithScaledDuplicates() {
    // Cosine ignores length: 2*(1,1) ties with (1,1).
    FloatVectors base = FloatVectors.copyOf(new float[][] {{1, 0}, {1, 1}, {2, 2}, {0, 1}}, 2);
    FloatVectors queries = FloatVectors.copyOf(new float[][] {{1, 1}}, 2);
    Recall r = Recall.withTies(base, queries, Similarity.COSINE);
    assertThat(r.recall(1, 0, new int[] {1, 2}, new int[] {2})).isEqualTo(1.0);
    assertThat(r.recall(1, 0, new int[] {1, 2}, new int[] {0})).isEqualTo(0.0);
  }
}
