package io.sextant.hnsw;

import io.sextant.core.search.TopK;
import org.roaringbitmap.BatchIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * Search restricted to the ordinals of an accept bitmap, choosing between the graph and an exact
 * scan of the accepted set. A graph search with a filter expands rejected nodes too and stops
 * only once it holds {@code ef} accepted results, so the fewer nodes a filter admits, the more of
 * the graph it walks. Hence:
 * <ul>
 *   <li>accepted sets of at most {@code exactScanBelow} ordinals are scanned exactly;</li>
 *   <li>larger ones are searched in the graph with a visit limit equal to their size: once the
 *       graph search has scored as many nodes as the scan would, it gives up and the scan runs,
 *       so a filtered search never costs much more than about twice an exact scan.</li>
 * </ul>
 * Not thread-safe (scratch buffers): one per searching thread.
 */
final class FilteredSearch {
  private static final int BATCH = 256;

  private final int[] ords = new int[BATCH];
  private final float[] scores = new float[BATCH];

  /**
   * Offers to {@code out} (raw scores) the best accepted nodes of {@code graph}.
   *
   * @param exactScanBelow accepted sets this small skip the graph
   */
  void search(HnswGraph graph, HnswGraphSearcher searcher, GraphScorer scorer, int k, int ef, RoaringBitmap accept,
      long exactScanBelow, TopK out) {
    long accepted = accept.getLongCardinality();
    if (accepted <= Math.max(exactScanBelow, k)
        || !searcher.search(graph, scorer, k, ef, accept::contains, accepted, out)) {
      scan(accept, graph.size(), scorer, out);
    }
  }

  /** Scores every accepted ordinal below {@code limit} in batches. */
  void scan(RoaringBitmap accept, int limit, GraphScorer scorer, TopK out) {
    BatchIterator it = accept.getBatchIterator();
    while (it.hasNext()) {
      int m = it.nextBatch(ords);
      int n = 0;
      // Ordinals arrive in ascending (unsigned) order: everything from the first one out of range on is too.
      while (n < m && ords[n] >= 0 && ords[n] < limit) n++;
      scorer.score(ords, n, scores);
      for (int i = 0; i < n; i++) out.offer(ords[i], scores[i]);
      if (n < m) return;
    }
  }
}
