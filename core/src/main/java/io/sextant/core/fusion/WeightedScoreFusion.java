package io.sextant.core.fusion;

import java.util.List;

/**
 * alpha · normalized vector score + (1 − alpha) · normalized text score, where each side's scores
 * are min-max normalized over that side's candidates: the best becomes 1, the worst 0, and a
 * side whose candidates all score the same maps them all to 1. A hit missing from a side gets 0
 * from it. alpha = 1 is vector-only ranking, 0 text-only.
 */
public record WeightedScoreFusion(double alpha) implements Fusion {
  public WeightedScoreFusion {
    if (!(alpha >= 0 && alpha <= 1)) {
      throw new IllegalArgumentException("weighted fusion alpha must be in [0, 1], got " + alpha);
    }
  }

  @Override
  public <K> List<FusedHit<K>> fuse(List<RankedHit<K>> vector, List<RankedHit<K>> text, int k) {
    HitMerger.check(vector, "vector");
    HitMerger.check(text, "text");
    return HitMerger.merge(vector, parts(vector, alpha), text, parts(text, 1 - alpha), k);
  }

  private static <K> double[] parts(List<RankedHit<K>> hits, double weight) {
    double[] p = new double[hits.size()];
    if (hits.isEmpty()) return p;
    double max = hits.getFirst().score();
    double min = hits.getLast().score();
    for (int i = 0; i < p.length; i++) {
      double norm = max == min ? 1.0 : (hits.get(i).score() - min) / (max - min);
      p[i] = weight * norm;
    }
    return p;
  }
}
