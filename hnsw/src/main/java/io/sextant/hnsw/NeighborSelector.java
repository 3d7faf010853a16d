package io.sextant.hnsw;

/**
 * The neighbour-selection heuristic of Malkov &amp; Yashunin (algorithm 4): walking candidates from
 * nearest to farthest, keep one only if it is closer to the base node than to every neighbour
 * kept so far. This prefers links that point in different directions over a tight cluster of
 * near-duplicates, which is what keeps HNSW graphs navigable on clustered data.
 *
 * <p>Scores between candidates come from a {@link QueryScorer} this selector re-aims at
 * each candidate in turn. Not thread-safe: one per building thread.
 */
final class NeighborSelector {
  /** Kept neighbours are compared against in chunks of this many: one batch kernel call each. */
  private static final int CHUNK = 8;

  private final QueryScorer pairScorer;
  private final int[] chunk = new int[CHUNK];
  private final float[] chunkScores = new float[CHUNK];

  NeighborSelector(QueryScorer pairScorer) {
    this.pairScorer = pairScorer;
  }

  /**
   * Selects up to {@code max} diverse neighbours.
   *
   * @param candidates packed (node, raw score to the base) entries sorted ascending, i.e. the
   *                   best candidate last
   * @param count      number of entries in {@code candidates}
   * @param exclude    a node never to select (the base itself), or -1
   * @param outIds     receives the selected nodes, nearest first
   * @param outScores  receives their raw scores to the base
   * @return how many were selected
   */
  int select(long[] candidates, int count, int max, int exclude, int[] outIds, float[] outScores) {
    int selected = 0;
    for (int i = count - 1; i >= 0 && selected < max; i--) {
      long c = candidates[i];
      int node = NeighborQueue.decodeNode(c);
      if (node == exclude) continue;
      float toBase = NeighborQueue.decodeScore(c);
      if (selected > 0 && !diverse(node, toBase, outIds, selected)) continue;
      outIds[selected] = node;
      outScores[selected] = toBase;
      selected++;
    }
    return selected;
  }

  private boolean diverse(int node, float toBase, int[] kept, int keptCount) {
    QueryScorer s = pairScorer.setQueryToNode(node);
    // Chunks trade a little early exit for scoring several vectors per pass over memory.
    for (int from = 0; from < keptCount; from += CHUNK) {
      int n = Math.min(CHUNK, keptCount - from);
      System.arraycopy(kept, from, chunk, 0, n);
      s.score(chunk, n, chunkScores);
      for (int j = 0; j < n; j++) {
        // At least as close to an already kept neighbour as to the base: that neighbour covers it.
        if (chunkScores[j] >= toBase) return false;
      }
    }
    return true;
  }
}
