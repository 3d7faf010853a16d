package io.sextant.bench.ir;

import java.util.Set;

/** Ranking metrics with binary relevance. */
final class IrMetrics {
  private IrMetrics() {}

  /**
   * NDCG@k: Σ over the first k ranks of rel(i) / log2(i + 1), divided by the same sum for an
   * ideal ranking (all relevant documents first, min(k, |relevant|) of them). 0 when nothing
   * is relevant.
   */
  static double ndcg(int[] ranked, Set<Integer> relevant, int k) {
    if (relevant.isEmpty()) return 0;
    double dcg = 0;
    for (int i = 0; i < Math.min(k, ranked.length); i++) {
      if (relevant.contains(ranked[i])) dcg += 1 / log2(i + 2);
    }
    double ideal = 0;
    for (int i = 0; i < Math.min(k, relevant.size()); i++) ideal += 1 / log2(i + 2);
    return dcg / ideal;
  }

  /** Recall@k: the share of relevant documents among the first k ranks. */
  static double recall(int[] ranked, Set<Integer> relevant, int k) {
    if (relevant.isEmpty()) return 0;
    int found = 0;
    for (int i = 0; i < Math.min(k, ranked.length); i++) if (relevant.contains(ranked[i])) found++;
    return (double) found / relevant.size();
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
