package io.sextant.core.fusion;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks the two input lists and merges them, given each hit's contribution to the fused score. */
final class HitMerger {
  private HitMerger() {}

  /** Shared merging: parts[i] gives each side's contribution for its i-th hit. */
  static <K> List<FusedHit<K>> merge(List<RankedHit<K>> vector, double[] vectorParts,
      List<RankedHit<K>> text, double[] textParts, int k) {
    return merge(vector, vectorParts, text, textParts, List.of(), new double[0], List.of(), new double[0], k);
  }

  /**
   * As above, plus scores computed on a side for candidates that side did not list
   * ({@code extraVector}: found by text only; {@code extraText}: found by vector only): they add
   * their part and report their score, but their rank on that side stays 0.
   */
  static <K> List<FusedHit<K>> merge(List<RankedHit<K>> vector, double[] vectorParts,
      List<RankedHit<K>> text, double[] textParts, List<RankedHit<K>> extraVector, double[] extraVectorParts,
      List<RankedHit<K>> extraText, double[] extraTextParts, int k) {
    if (k <= 0) throw new IllegalArgumentException("k must be positive, got " + k);
    Map<K, Acc<K>> byKey = new HashMap<>();
    List<Acc<K>> order = new ArrayList<>();
    for (int i = 0; i < vector.size(); i++) {
      RankedHit<K> h = vector.get(i);
      Acc<K> a = byKey.computeIfAbsent(h.key(), key -> newAcc(key, order));
      a.vectorRank = i + 1;
      a.vectorScore = h.score();
      a.vectorPart = vectorParts[i];
    }
    for (int i = 0; i < text.size(); i++) {
      RankedHit<K> h = text.get(i);
      Acc<K> a = byKey.computeIfAbsent(h.key(), key -> newAcc(key, order));
      a.textRank = i + 1;
      a.textScore = h.score();
      a.textPart = textParts[i];
    }
    for (int i = 0; i < extraVector.size(); i++) {
      Acc<K> a = byKey.get(extraVector.get(i).key());
      if (a == null || a.vectorRank > 0) throw new IllegalArgumentException("extra vector score for " + extraVector.get(i).key()
          + ", which is not a text-only candidate");
      a.vectorScore = extraVector.get(i).score();
      a.vectorPart = extraVectorParts[i];
    }
    for (int i = 0; i < extraText.size(); i++) {
      Acc<K> a = byKey.get(extraText.get(i).key());
      if (a == null || a.textRank > 0) throw new IllegalArgumentException("extra text score for " + extraText.get(i).key()
          + ", which is not a vector-only candidate");
      a.textScore = extraText.get(i).score();
      a.textPart = extraTextParts[i];
    }
    order.sort(Comparator.<Acc<K>>comparingDouble(a -> -(a.vectorPart + a.textPart))
        .thenComparingInt(Acc::bestRank)
        .thenComparingInt(a -> a.vectorRank > 0 ? 0 : 1)
        .thenComparingInt(a -> a.seen));
    List<FusedHit<K>> out = new ArrayList<>(Math.min(k, order.size()));
    for (Acc<K> a : order) {
      if (out.size() == k) break;
      out.add(new FusedHit<>(a.key, a.vectorPart + a.textPart, a.vectorRank, a.vectorScore,
          a.vectorPart, a.textRank, a.textScore, a.textPart));
    }
    return out;
  }

  private static <K> Acc<K> newAcc(K key, List<Acc<K>> order) {
    Acc<K> a = new Acc<>(key, order.size());
    order.add(a);
    return a;
  }

  /** Checks one side's list: no duplicate keys, scores non-increasing. */
  static <K> void check(List<RankedHit<K>> hits, String side) {
    Map<K, Integer> seen = new HashMap<>();
    for (int i = 0; i < hits.size(); i++) {
      RankedHit<K> h = hits.get(i);
      Integer prev = seen.put(h.key(), i);
      if (prev != null) {
        throw new IllegalArgumentException(side + " hits hold key " + h.key() + " twice, at "
            + prev + " and " + i);
      }
      if (i > 0 && h.score() > hits.get(i - 1).score()) {
        throw new IllegalArgumentException(side + " hits must be best first, but hit " + i
            + " (" + h.key() + ", " + h.score() + ") scores above hit " + (i - 1) + " ("
            + hits.get(i - 1).score() + ")");
      }
    }
  }

  /** A hit being merged. */
  private static final class Acc<K> {
    final K key;
    final int seen;
    int vectorRank;
    float vectorScore = Float.NaN;
    double vectorPart;
    int textRank;
    float textScore = Float.NaN;
    double textPart;

    Acc(K key, int seen) {
      this.key = key;
      this.seen = seen;
    }

    int bestRank() {
      int v = vectorRank > 0 ? vectorRank : Integer.MAX_VALUE;
      int t = textRank > 0 ? textRank : Integer.MAX_VALUE;
      return Math.min(v, t);
    }
  }
}
