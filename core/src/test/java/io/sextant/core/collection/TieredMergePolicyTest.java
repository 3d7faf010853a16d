package io.sextant.core.collection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TieredMergePolicyTest {
  private static TieredMergePolicy policy(int perTier, int atOnce, int floor, double pct) {
    return new TieredMergePolicy(CollectionOptions.builder().dimension(2).segmentsPerTier(perTier).maxMergeAtOnce(atOnce)
        .floorSegmentDocs(floor).deletesPctAllowed(pct).maxMergedSegmentDocs(1_000_000).build());
  }

  private static List<MergeSelector.Sizes> sizes(int... docsThenLive) {
    List<MergeSelector.Sizes> l = new ArrayList<>();
    for (int i = 0; i < docsThenLive.length; i += 2) l.add(new MergeSelector.Sizes(docsThenLive[i], docsThenLive[i + 1]));
    return l;
  }

  @Test
  void mergesTheSmallestSegmentsOfAFullTier() {
    TieredMergePolicy p = policy(3, 3, 10, 50);
    assertThat(p.select(sizes(100, 100, 5, 5))).isEmpty();
    // Three segments below the floor make a full tier 0; the big one is alone in its tier.
    assertThat(p.select(sizes(1000, 1000, 5, 5, 8, 8, 3, 3, 9, 9))).containsExactly(3, 1, 2);
  }

  @Test
  void rewritesSegmentsWithTooManyDeletesWorstFirst() {
    TieredMergePolicy p = policy(3, 2, 50, 15);
    assertThat(p.select(sizes(112, 49, 115, 46, 113, 66, 106, 106))).containsExactly(1, 0);
    assertThat(p.select(sizes(10, 0, 100, 100))).containsExactly(0);
    assertThat(p.select(sizes(100, 90, 100, 100))).isEmpty();
  }
}
