package io.sextant.core.fusion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * alpha · normalized vector score + (1 − alpha) · normalized text score over the union of both
 * sides' candidates, where every candidate first gets its real score on <em>both</em> sides (a
 * {@link CandidateScorer} computes the side that did not return it) and each side's scores are
 * min-max normalized over the whole union.
 *
 * <p>Why: {@link WeightedScoreFusion} gives a candidate 0 from a side that did not list it,
 * which treats "just below that side's cut-off" like "the worst document there is" and makes
 * the result depend sharply on alpha. With real scores the combination is flat over a wide
 * range of alpha (measured on WordNet in docs/bench/hybrid-fusion.md). It costs one vector
 * comparison and one BM25 lookup per candidate missing from a side.
 *
 * <p>In the fused hits a side's rank stays 0 when that side did not return the candidate (so
 * {@link FusedHit#sources()} still says who found it), but its score there is the computed one,
 * not NaN.
 */
public record CombinedScoreFusion(double alpha) implements Fusion {
  public CombinedScoreFusion {
    if (!(alpha >= 0 && alpha <= 1)) {
      throw new IllegalArgumentException("combined fusion alpha must be in [0, 1], got " + alpha);
    }
  }

  @Override
  public boolean scoresAllCandidates() {
    return true;
  }

  /**
   * Without a scorer the two lists must already hold the same candidates (each scored on its
   * side); a key missing from one list is an {@link IllegalArgumentException}.
   */
  @Override
  public <K> List<FusedHit<K>> fuse(List<RankedHit<K>> vector, List<RankedHit<K>> text, int k) {
    return fuse(vector, text, new CandidateScorer<>() {
      @Override public float[] vectorScores(List<K> keys) {
        throw missing("vector", keys);
      }

      @Override public float[] textScores(List<K> keys) {
        throw missing("text", keys);
      }
    }, k);
  }

  private static IllegalArgumentException missing(String side, List<?> keys) {
    return new IllegalArgumentException("combined fusion needs every candidate scored on both sides, but the "
        + side + " list lacks " + keys.size() + " of them (first: " + keys.getFirst()
        + "); pass a CandidateScorer");
  }

  @Override
  public <K> List<FusedHit<K>> fuse(List<RankedHit<K>> vector, List<RankedHit<K>> text,
      CandidateScorer<K> scorer, int k) {
    HitMerger.check(vector, "vector");
    HitMerger.check(text, "text");
    List<K> notInText = absent(vector, text);
    List<K> notInVector = absent(text, vector);
    List<RankedHit<K>> extraVector = scored(notInVector, notInVector.isEmpty() ? new float[0] : scorer.vectorScores(notInVector), "vector");
    List<RankedHit<K>> extraText = scored(notInText, notInText.isEmpty() ? new float[0] : scorer.textScores(notInText), "text");
    double[] vMinMax = minMax(vector, extraVector);
    double[] tMinMax = minMax(text, extraText);
    return HitMerger.merge(vector, parts(vector, vMinMax, alpha), text, parts(text, tMinMax, 1 - alpha),
        extraVector, parts(extraVector, vMinMax, alpha), extraText, parts(extraText, tMinMax, 1 - alpha), k);
  }

  /** Keys of {@code from} that {@code other} does not hold, in {@code from}'s order. */
  private static <K> List<K> absent(List<RankedHit<K>> from, List<RankedHit<K>> other) {
    Map<K, Boolean> in = new HashMap<>();
    for (RankedHit<K> h : other) in.put(h.key(), Boolean.TRUE);
    List<K> out = new ArrayList<>();
    for (RankedHit<K> h : from) if (!in.containsKey(h.key())) out.add(h.key());
    return out;
  }

  private static <K> List<RankedHit<K>> scored(List<K> keys, float[] scores, String side) {
    if (scores == null || scores.length != keys.size()) {
      throw new IllegalStateException("the candidate scorer returned " + (scores == null ? "null" : scores.length
          + " " + side + " scores") + " for " + keys.size() + " candidates");
    }
    List<RankedHit<K>> out = new ArrayList<>(keys.size());
    for (int i = 0; i < scores.length; i++) out.add(new RankedHit<>(keys.get(i), scores[i]));
    return out;
  }

  private static <K> double[] minMax(List<RankedHit<K>> a, List<RankedHit<K>> b) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (List<RankedHit<K>> l : List.of(a, b)) {
      for (RankedHit<K> h : l) {
        min = Math.min(min, h.score());
        max = Math.max(max, h.score());
      }
    }
    return new double[] {min, max};
  }

  /** weight × min-max normalized score; a side whose candidates all score the same maps them to 1. */
  private static <K> double[] parts(List<RankedHit<K>> hits, double[] minMax, double weight) {
    double min = minMax[0];
    double max = minMax[1];
    double[] p = new double[hits.size()];
    for (int i = 0; i < p.length; i++) {
      double norm = max == min ? 1.0 : (hits.get(i).score() - min) / (max - min);
      p[i] = weight * norm;
    }
    return p;
  }
}
