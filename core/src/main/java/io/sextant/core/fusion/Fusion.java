package io.sextant.core.fusion;

import java.util.List;

/**
 * Merges the ranked candidates of a vector search and a text search into one ranking.
 *
 * <p>Each side's list holds its top candidates, best first (scores non-increasing); the caller
 * decides how deep each side goes (typically a few times k). A key may appear once per side.
 * The result holds the best {@code k} fused hits: by fused score, then by the better of the two
 * ranks, then vector-side hits first, then the order they were first seen in; so it is
 * deterministic. Implementations are immutable and thread-safe.
 */
public sealed interface Fusion permits ReciprocalRankFusion, WeightedScoreFusion, CombinedScoreFusion {

  /** Reciprocal rank fusion with the usual k = 60. */
  static Fusion rrf() {
    return new ReciprocalRankFusion(ReciprocalRankFusion.DEFAULT_K);
  }

  /** Reciprocal rank fusion: score = Σ over sides 1 / (k + rank), rank counted from 1. */
  static Fusion rrf(int k) {
    return new ReciprocalRankFusion(k);
  }

  /**
   * Weighted sum of min-max normalized scores: alpha · vector + (1 − alpha) · text, each side's
   * scores mapped to [0, 1] over its own candidates; a side that did not return a hit adds 0.
   */
  static Fusion weighted(double alpha) {
    return new WeightedScoreFusion(alpha);
  }

  /**
   * Weighted sum over every candidate's real scores on both sides: alpha · vector + (1 − alpha)
   * · text, each min-max normalized over the union of the candidates, after the side that did
   * not return a candidate has scored it (see {@link CombinedScoreFusion}). The Collection does
   * that scoring; called directly, use {@link #fuse(List, List, CandidateScorer, int)}.
   */
  static Fusion combined(double alpha) {
    return new CombinedScoreFusion(alpha);
  }

  <K> List<FusedHit<K>> fuse(List<RankedHit<K>> vector, List<RankedHit<K>> text, int k);

  /**
   * Whether this fusion needs, for each candidate, its score on the side that did not return
   * it (then the caller passes a {@link CandidateScorer} to
   * {@link #fuse(List, List, CandidateScorer, int)}).
   */
  default boolean scoresAllCandidates() {
    return false;
  }

  /**
   * As {@link #fuse(List, List, int)}, with a scorer for the candidates a side did not return;
   * fusions that use only the two lists ignore it.
   */
  default <K> List<FusedHit<K>> fuse(List<RankedHit<K>> vector, List<RankedHit<K>> text,
      CandidateScorer<K> scorer, int k) {
    return fuse(vector, text, k);
  }
}
