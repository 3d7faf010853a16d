package io.sextant.hnsw;

import io.sextant.core.search.TopK;
import org.roaringbitmap.BatchIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * Search restricted to the ordinals of an accept bitmap, choosing between an exact scan of the
 * accepted set and a filtered graph search by the accepted set's size (see
 * {@link HnswIndex#exactScanBelow}).
 *
 * <p><b>Graph path (ACORN-1 style).</b> Only accepted nodes are scored and enter the beam; the
 * upper layers are descended unfiltered to find an entry near the query. Expanding a node takes
 * its accepted neighbours and, through each rejected neighbour, that neighbour's accepted
 * neighbours (two hops), up to {@code maxConn(0)} new nodes per expansion. Rejected nodes are
 * never scored, so the cost follows the accepted part of the graph instead of growing as 1/s the
 * way "expand everything, return only accepted" does; the two-hop step keeps the accepted
 * subgraph connected at selectivities where its one-hop subgraph falls apart. (ACORN: Patel et
 * al., SIGMOD 2024; here built over an ordinary HNSW graph, without ACORN's denser build.)
 *
 * <p><b>Seeds.</b> Besides the entry the unfiltered descent reaches, the beam starts from the
 * best of {@value #SAMPLE} accepted nodes spread evenly over the accept-set. A filter correlated
 * with the data (one region of the space) may lie far from the query, with nothing accepted
 * within two hops of the descent's entry; a sampled seed inside the region lets the search walk
 * the region toward the query instead of stalling (on Fashion-MNIST with cluster-aligned filters
 * this took graph recall (efSearch=40) at 50 % selectivity from 0.68 to 0.91, at 10 % from 0.24 to
 * 0.97; docs/bench/filtered.md).
 *
 * <p><b>Membership tests.</b> Two-hop expansion tests up to {@code maxConn²} nodes per
 * expansion. A sparse Roaring bitmap answers from sorted arrays (a binary search each), which
 * made 5 % filters 4x slower per query than 10 % ones; sparse accept-sets are therefore copied
 * into a plain bitset first (cost: one pass over the accepted ordinals).
 *
 * <p>The graph search gives up, and the accepted set is scanned instead, when it has scored as
 * many nodes as the scan would or found fewer than k accepted nodes (the region the filter admits
 * is out of reach from the query's neighbourhood, typical of a filter correlated with the
 * data but not with the query).
 *
 * <p>Not thread-safe (scratch buffers): one per searching thread.
 */
final class FilteredSearch {
  private static final int BATCH = 256;
  /** Accepted nodes sampled for seeds; the best {@value #SEEDS} of them join the descent's entry. */
  static final int SAMPLE = 64;
  static final int SEEDS = 4;
  /**
   * Beam widening when the query lies where the filter admits little: if the descent's entry has
   * under half the accepted share among its layer-0 neighbours that the filter has overall, the
   * beam is {@value #OUTSIDE_WIDEN}x wider. Those queries reach their filtered neighbours along the
   * accepted region's boundary, where a narrow beam stalls in local optima.
   */
  static final int OUTSIDE_WIDEN = 4;
  /** Accept-sets sparser than 1/16 of the graph (Roaring's array containers) are copied to {@link #dense}. */
  private static final int DENSE_BELOW = 16;

  private final int[] ords = new int[BATCH];
  private final float[] scores = new float[BATCH];
  private final VisitedSet visited = new VisitedSet(0);
  private final NeighborQueue candidates = new NeighborQueue(256, true);
  private final NeighborQueue results = new NeighborQueue(256, false);
  private int[] hop1 = new int[64];
  private int[] hop2 = new int[64];
  private int[] fresh = new int[64];
  private float[] freshScores = new float[64];
  private long scoredCount;
  private long[] dense = new long[0];
  private final int[] sample = new int[SAMPLE];
  private final float[] sampleScores = new float[SAMPLE];

  /**
   * Offers to {@code out} (raw scores) the best accepted nodes of {@code graph}, choosing the path
   * automatically.
   *
   * @param exactScanBelow accepted sets this small skip the graph
   */
  void search(HnswGraph graph, HnswGraphSearcher searcher, GraphScorer scorer, int k, int ef, RoaringBitmap accept,
      long exactScanBelow, TopK out) {
    search(graph, searcher, scorer, k, ef, accept, exactScanBelow, FilterStrategy.AUTO, out);
  }

  void search(HnswGraph graph, HnswGraphSearcher searcher, GraphScorer scorer, int k, int ef, RoaringBitmap accept,
      long exactScanBelow, FilterStrategy strategy, TopK out) {
    // Without a measured beam cost (see HnswIndex.outsideScanBelow): a query outside the accepted region
    // searches with a beam OUTSIDE_WIDEN times wider, whose cost in the √(n·C) model of
    // HnswIndex.exactScanBelow moves the crossover by √OUTSIDE_WIDEN = 2.
    search(graph, searcher, scorer, k, ef, accept, exactScanBelow, 2 * exactScanBelow, strategy, out);
  }

  /**
   * As above, with the accepted-set size at or below which a query found outside the accepted
   * region is scanned rather than searched with the widened beam ({@code outsideScanBelow}).
   */
  void search(HnswGraph graph, HnswGraphSearcher searcher, GraphScorer scorer, int k, int ef, RoaringBitmap accept,
      long exactScanBelow, long outsideScanBelow, FilterStrategy strategy, TopK out) {
    long accepted = accept.getLongCardinality();
    switch (strategy) {
      case SCAN -> {
        route = Route.SCAN;
        scan(accept, graph.size(), scorer, out);
      }
      case GRAPH -> graphSearch(graph, searcher, scorer, k, ef, accept, Long.MAX_VALUE, false, 0, out);
      case AUTO -> {
        if (accepted <= Math.max(exactScanBelow, k)) {
          route = Route.SCAN;
          scan(accept, graph.size(), scorer, out);
        } else if (!graphSearch(graph, searcher, scorer, k, ef, accept, accepted, true, outsideScanBelow, out)) {
          scan(accept, graph.size(), scorer, out);
        }
      }
    }
  }

  /** Which path the last {@link #search} took (for tests and diagnostics). */
  enum Route {
    /** The accepted set was scanned without touching the graph. */
    SCAN,
    /** The graph search answered, with the query inside the accepted region. */
    GRAPH,
    /** The graph search answered with the widened beam: the query was outside the accepted region. */
    GRAPH_OUTSIDE,
    /** The query was outside the accepted region and the widened beam would cost more than the scan: scanned after the descent. */
    OUTSIDE_SCAN,
    /** The graph search gave up (visit limit, or fewer than k found) and the accepted set was scanned. */
    FALLBACK_SCAN
  }

  private Route route = Route.SCAN;

  Route lastRoute() { return route; }

  /** Nodes scored by the last graph search. */
  long scoredCount() { return scoredCount; }

  /**
   * The ACORN-style search described in the class comment. Returns false, having offered nothing,
   * when it scored more than {@code visitLimit} nodes or (with {@code requireK}) found fewer than k.
   */
  boolean graphSearch(HnswGraph graph, HnswGraphSearcher searcher, GraphScorer scorer, int k, int ef,
      RoaringBitmap accept, long visitLimit, boolean requireK, TopK out) {
    return graphSearch(graph, searcher, scorer, k, ef, accept, visitLimit, requireK, 0, out);
  }

  /**
   * As above; also gives up, right after the descent, when the query is outside the accepted
   * region and at most {@code outsideScanBelow} nodes are accepted.
   */
  private boolean graphSearch(HnswGraph graph, HnswGraphSearcher searcher, GraphScorer scorer, int k, int ef,
      RoaringBitmap accept, long visitLimit, boolean requireK, long outsideScanBelow, TopK out) {
    scoredCount = 0;
    route = Route.GRAPH;
    int ep = graph.entryPoint();
    if (ep < 0) return true;
    searcher.prepare(graph);
    prepare(graph);
    int cur = ep;
    float curScore = scorer.score(cur);
    long descent = searcher.scoredCount();
    for (int level = graph.levelOf(ep); level > 0; level--) {
      long best = searcher.greedy(graph, scorer, level, cur, curScore);
      cur = NeighborQueue.decodeNode(best);
      curScore = NeighborQueue.decodeScore(best);
    }
    scoredCount = searcher.scoredCount() - descent + 1;
    int width = Math.max(ef, k);
    if (outside(graph, cur, accept)) {
      if (accept.getLongCardinality() <= outsideScanBelow) {
        route = Route.OUTSIDE_SCAN;
        return false;
      }
      width *= OUTSIDE_WIDEN;
      route = Route.GRAPH_OUTSIDE;
    }
    visited.clear();
    candidates.clear();
    results.clear();
    visited.add(cur);
    candidates.add(cur, curScore);
    if (accept.contains(cur)) results.add(cur, curScore);

    scoredCount += seedFromSample(scorer, accept, width, graph.size());

    int cap = graph.maxConn(0);
    java.util.function.IntPredicate accepted = membership(accept, graph.size());
    while (!candidates.isEmpty()) {
      if (results.size() >= width && candidates.topScore() < results.topScore()) break;
      int f = gather(graph, NeighborQueue.decodeNode(candidates.pop()), accepted, cap);
      if (f == 0) continue;
      scorer.score(fresh, f, freshScores);
      scoredCount += f;
      if (scoredCount > visitLimit) {
        route = Route.FALLBACK_SCAN;
        return false;
      }
      for (int i = 0; i < f; i++) {
        float s = freshScores[i];
        if (results.size() >= width && s < results.topScore()) continue;
        candidates.add(fresh[i], s);
        results.insertWithOverflow(fresh[i], s, width);
      }
    }
    if (requireK && results.size() < k) {
      route = Route.FALLBACK_SCAN;
      return false;
    }
    while (results.size() > k) results.pop();
    while (!results.isEmpty()) {
      long e = results.pop();
      out.offer(NeighborQueue.decodeNode(e), NeighborQueue.decodeScore(e));
    }
    return true;
  }

  /**
   * Unvisited accepted nodes reachable from {@code node} in one hop, then in two hops through its
   * rejected neighbours, at most {@code cap} of them, into {@link #fresh}. Each rejected node is
   * hopped through once per search (it is marked visited then).
   */
  private int gather(HnswGraph graph, int node, java.util.function.IntPredicate accept, int cap) {
    int count = graph.neighbors(0, node, hop1);
    int f = 0;
    int rejected = 0;
    for (int i = 0; i < count; i++) {
      int u = hop1[i];
      if (accept.test(u)) {
        if (visited.add(u)) fresh[f++] = u;
      } else {
        hop1[rejected++] = u; // compact the rejected ones to the front for the second hop
      }
    }
    for (int i = 0; i < rejected && f < cap; i++) {
      int u = hop1[i];
      if (!visited.add(u)) continue;
      int c2 = graph.neighbors(0, u, hop2);
      for (int j = 0; j < c2 && f < cap; j++) {
        int w = hop2[j];
        if (accept.test(w) && visited.add(w)) fresh[f++] = w;
      }
    }
    return f;
  }

  /** Whether the share of accepted nodes around {@code entry} is under half the global share. */
  private boolean outside(HnswGraph graph, int entry, RoaringBitmap accept) {
    int count = graph.neighbors(0, entry, hop1);
    if (count == 0) return false;
    int in = 0;
    for (int i = 0; i < count; i++) if (accept.contains(hop1[i])) in++;
    // in/count < (card/size)/2, without division
    return 2L * in * graph.size() < accept.getLongCardinality() * count;
  }

  /**
   * Scores {@value #SAMPLE} accepted nodes spread evenly over the accept-set and adds the best
   * {@value #SEEDS} unvisited ones to the beam. Returns how many nodes it scored.
   */
  private int seedFromSample(GraphScorer scorer, RoaringBitmap accept, int width, int size) {
    long card = accept.getLongCardinality();
    int m = (int) Math.min(SAMPLE, card);
    int n = 0;
    for (int i = 0; i < m; i++) {
      int ord = accept.select((int) ((i * card) / m));
      if (ord >= 0 && ord < size && !visited.contains(ord)) sample[n++] = ord;
    }
    if (n == 0) return 0;
    scorer.score(sample, n, sampleScores);
    // Best SEEDS by selection: n is at most 64.
    for (int s = 0; s < Math.min(SEEDS, n); s++) {
      int best = s;
      for (int i = s + 1; i < n; i++) if (sampleScores[i] > sampleScores[best]) best = i;
      int o = sample[best];
      float sc = sampleScores[best];
      sample[best] = sample[s];
      sampleScores[best] = sampleScores[s];
      sample[s] = o;
      sampleScores[s] = sc;
      visited.add(o);
      candidates.add(o, sc);
      results.insertWithOverflow(o, sc, width);
    }
    return n;
  }

  /** Membership in {@code accept} for the two-hop loop: the bitmap itself when dense, a plain bitset copy when sparse. */
  private java.util.function.IntPredicate membership(RoaringBitmap accept, int size) {
    if (accept.getLongCardinality() * DENSE_BELOW >= size) return accept::contains;
    int words = (size + 63) >>> 6;
    if (dense.length < words) dense = new long[words];
    else java.util.Arrays.fill(dense, 0, words, 0L);
    BatchIterator it = accept.getBatchIterator();
    while (it.hasNext()) {
      int m = it.nextBatch(ords);
      for (int i = 0; i < m; i++) {
        int o = ords[i];
        if (o >= 0 && o < size) dense[o >>> 6] |= 1L << o;
      }
    }
    long[] bits = dense;
    return o -> (bits[o >>> 6] & (1L << o)) != 0;
  }

  private void prepare(HnswGraph graph) {
    visited.ensureCapacity(graph.size());
    int maxConn = graph.maxConn(0);
    if (hop1.length < maxConn) {
      hop1 = new int[maxConn];
      hop2 = new int[maxConn];
    }
    // One expansion yields at most maxConn one-hop nodes plus at most maxConn (the cap) two-hop ones.
    if (fresh.length < 2 * maxConn) {
      fresh = new int[2 * maxConn];
      freshScores = new float[2 * maxConn];
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
