package io.sextant.core.fusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sextant.core.fusion.FusedHit.Source;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FusionTest {
  // vector: A B C (cosine-like), text: C D A (BM25-like)
  private static final List<RankedHit<String>> VECTOR = List.of(
      new RankedHit<>("A", 0.9f), new RankedHit<>("B", 0.8f), new RankedHit<>("C", 0.7f));
  private static final List<RankedHit<String>> TEXT = List.of(
      new RankedHit<>("C", 12f), new RankedHit<>("D", 8f), new RankedHit<>("A", 5f));

  @Test
  void rrfWithKOneByHand() {
    // A: 1/(1+1) + 1/(1+3) = 0.75, C: 1/(1+3) + 1/(1+1) = 0.75, B: 1/3, D: 1/3.
    // Ties: A and C both have a first rank and both come from the vector side; A was seen first.
    // B and D both have a second rank; B came from the vector side.
    List<FusedHit<String>> hits = Fusion.rrf(1).fuse(VECTOR, TEXT, 10);
    assertThat(hits).extracting(FusedHit::key).containsExactly("A", "C", "B", "D");
    assertThat(hits).extracting(FusedHit::score)
        .containsExactly(0.75, 0.75, 1.0 / 3, 1.0 / 3);
    FusedHit<String> a = hits.get(0);
    assertThat(a.vectorRank()).isEqualTo(1);
    assertThat(a.textRank()).isEqualTo(3);
    assertThat(a.vectorScore()).isEqualTo(0.9f);
    assertThat(a.textScore()).isEqualTo(5f);
    assertThat(a.vectorPart()).isEqualTo(0.5);
    assertThat(a.textPart()).isEqualTo(0.25);
    assertThat(a.sources()).isEqualTo(Set.of(Source.VECTOR, Source.TEXT));
    FusedHit<String> d = hits.get(3);
    assertThat(d.foundByVector()).isFalse();
    assertThat(d.vectorRank()).isZero();
    assertThat(d.vectorScore()).isNaN();
    assertThat(d.vectorPart()).isZero();
    assertThat(d.sources()).containsExactly(Source.TEXT);
  }

  @Test
  void rrfDefaultsToSixty() {
    List<FusedHit<String>> hits = Fusion.rrf().fuse(VECTOR, TEXT, 2);
    assertThat(hits).hasSize(2);
    assertThat(hits.get(0).key()).isEqualTo("A");
    assertThat(hits.get(0).score()).isCloseTo(1.0 / 61 + 1.0 / 63, within(1e-15));
    assertThat(Fusion.rrf()).isEqualTo(new ReciprocalRankFusion(60));
  }

  @Test
  void weightedHalfAndHalfByHand() {
    // vector min-max: A 1, B 0.5, C 0; text: C 1, D 3/7, A 0.
    // alpha 0.5: A 0.5, C 0.5, B 0.25, D 3/14.
    List<FusedHit<String>> hits = Fusion.weighted(0.5).fuse(VECTOR, TEXT, 10);
    assertThat(hits).extracting(FusedHit::key).containsExactly("A", "C", "B", "D");
    assertThat(hits.get(0).score()).isCloseTo(0.5, within(1e-12));
    assertThat(hits.get(1).score()).isCloseTo(0.5, within(1e-12));
    assertThat(hits.get(2).score()).isCloseTo(0.25, within(1e-7));
    assertThat(hits.get(3).score()).isCloseTo(3.0 / 14, within(1e-7));
    assertThat(hits.get(1).vectorPart()).isZero();
    assertThat(hits.get(1).textPart()).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void weightedAlphaMovesTheBalance() {
    // alpha 0.8: A 0.8, B 0.4, C 0.2, D 0.2 · 3/7.
    assertThat(Fusion.weighted(0.8).fuse(VECTOR, TEXT, 10)).extracting(FusedHit::key)
        .containsExactly("A", "B", "C", "D");
    // alpha 1 is the vector ranking (D, not returned by the vector side, scores 0 and comes last).
    assertThat(Fusion.weighted(1).fuse(VECTOR, TEXT, 10)).extracting(FusedHit::key)
        .containsExactly("A", "B", "C", "D");
    // alpha 0 is the text ranking.
    assertThat(Fusion.weighted(0).fuse(VECTOR, TEXT, 3)).extracting(FusedHit::key)
        .containsExactly("C", "D", "A");
  }

  @Test
  void equalScoresNormalizeToOneAndEmptySidesAreFine() {
    List<RankedHit<Integer>> flat = List.of(new RankedHit<>(1, 2f), new RankedHit<>(2, 2f));
    List<FusedHit<Integer>> hits = Fusion.weighted(0.3).fuse(flat, List.of(), 5);
    assertThat(hits).extracting(FusedHit::score).containsExactly(0.3, 0.3);
    assertThat(hits).extracting(FusedHit::key).containsExactly(1, 2);
    assertThat(Fusion.rrf().fuse(List.<RankedHit<Integer>>of(), List.of(), 5)).isEmpty();
  }

  @Test
  void badInputIsRefusedWithAClearMessage() {
    List<RankedHit<String>> dup = List.of(new RankedHit<>("A", 2f), new RankedHit<>("A", 1f));
    assertThatThrownBy(() -> Fusion.rrf().fuse(dup, TEXT, 5))
        .hasMessage("vector hits hold key A twice, at 0 and 1");
    List<RankedHit<String>> unsorted = List.of(new RankedHit<>("A", 1f), new RankedHit<>("B", 2f));
    assertThatThrownBy(() -> Fusion.weighted(0.5).fuse(VECTOR, unsorted, 5))
        .hasMessageContaining("text hits must be best first, but hit 1 (B, 2.0)");
    assertThatThrownBy(() -> Fusion.weighted(1.5)).hasMessageContaining("alpha must be in [0, 1]");
    assertThatThrownBy(() -> Fusion.rrf(-1)).hasMessageContaining("RRF k must be >= 0");
    assertThatThrownBy(() -> Fusion.rrf().fuse(VECTOR, TEXT, 0)).hasMessageContaining("k must be positive");
    assertThatThrownBy(() -> new RankedHit<>("x", Float.NaN)).hasMessageContaining("must be finite");
  }

  /** B is missing from the text list, D from the vector list: the scorer gives their real scores. */
  private static final CandidateScorer<String> SCORER = new CandidateScorer<>() {
    @Override public float[] vectorScores(List<String> keys) {
      assertThat(keys).containsExactly("D");
      return new float[] {0.5f};
    }

    @Override public float[] textScores(List<String> keys) {
      assertThat(keys).containsExactly("B");
      return new float[] {2f};
    }
  };

  @Test
  void combinedScoresEveryCandidateOnBothSidesByHand() {
    // Union A B C D. vector: A .9 B .8 C .7 D .5 → min-max over the union: 1, .75, .5, 0.
    // text: C 12 D 8 A 5 B 2 → 1, .6, .3, 0. alpha .5: A .65, C .75, B .375, D .3.
    List<FusedHit<String>> hits = Fusion.combined(0.5).fuse(VECTOR, TEXT, SCORER, 10);
    assertThat(hits).extracting(FusedHit::key).containsExactly("C", "A", "B", "D");
    assertThat(hits).extracting(FusedHit::score).satisfiesExactly(
        c -> assertThat(c).isCloseTo(0.75, within(1e-6)), a -> assertThat(a).isCloseTo(0.65, within(1e-6)),
        b -> assertThat(b).isCloseTo(0.375, within(1e-6)), d -> assertThat(d).isCloseTo(0.3, within(1e-6)));
    FusedHit<String> b = hits.get(2);
    assertThat(b.vectorRank()).isEqualTo(2);
    assertThat(b.textRank()).isZero(); // not found by text ...
    assertThat(b.textScore()).isEqualTo(2f); // ... but scored there
    assertThat(b.sources()).containsExactly(Source.VECTOR);
    FusedHit<String> d = hits.get(3);
    assertThat(d.vectorRank()).isZero();
    assertThat(d.vectorScore()).isEqualTo(0.5f);
    assertThat(d.vectorPart()).isZero();
    assertThat(d.textPart()).isCloseTo(0.3, within(1e-6));
    assertThat(Fusion.combined(0.5).scoresAllCandidates()).isTrue();
    assertThat(Fusion.weighted(0.5).scoresAllCandidates()).isFalse();
    // Other fusions ignore the scorer.
    assertThat(Fusion.rrf().fuse(VECTOR, TEXT, SCORER, 10)).isEqualTo(Fusion.rrf().fuse(VECTOR, TEXT, 10));
  }

  @Test
  void combinedWithoutAScorerNeedsBothListsToHoldTheSameCandidates() {
    List<RankedHit<String>> text = List.of(new RankedHit<>("C", 3f), new RankedHit<>("A", 2f), new RankedHit<>("B", 0f));
    List<FusedHit<String>> hits = Fusion.combined(1).fuse(VECTOR, text, 10);
    assertThat(hits).extracting(FusedHit::key).containsExactly("A", "B", "C");
    assertThatThrownBy(() -> Fusion.combined(0.5).fuse(VECTOR, TEXT, 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vector list lacks 1").hasMessageContaining("first: D");
    assertThatThrownBy(() -> Fusion.combined(1.5)).hasMessageContaining("alpha must be in [0, 1], got 1.5");
    CandidateScorer<String> short_ = new CandidateScorer<>() {
      @Override public float[] vectorScores(List<String> keys) { return new float[0]; }
      @Override public float[] textScores(List<String> keys) { return new float[] {1f}; }
    };
    assertThatThrownBy(() -> Fusion.combined(0.5).fuse(VECTOR, TEXT, short_, 10))
        .hasMessageContaining("returned 0 vector scores for 1 candidates");
  }
}
