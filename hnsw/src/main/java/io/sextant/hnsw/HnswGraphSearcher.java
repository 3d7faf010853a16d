package io.sextant.hnsw;

import io.sextant.core.search.TopK;
import java.util.function.IntPredicate;

/**
 * Searches an {@link HnswGraph}: greedy descent through the upper layers, then a beam search of
 * width {@code ef} on the target layer. Holds all per-search scratch (visited set, the two
 * queues, neighbour and score buffers), so a search allocates nothing once warmed up; keep one
 * per thread and reuse it. Works on raw scores (higher is better) from a {@link GraphScorer}.
 *
 * <p>Filtering: nodes rejected by the {@code accept} predicate are still expanded, so they keep
 * the graph connected, but never enter the result set.
 */
public final class HnswGraphSearcher {
  /**
   * Candidates are expanded until at least the scorer's {@link GraphScorer#batchWidth()} unvisited
   * neighbours are gathered, then scored as one batch. Late in a search most neighbours are already
   * visited and single expansions yield batches of 1–3 vectors, too few to overlap their cache
   * misses; gathering to 8 (the batch kernel's width) made ef=160 searches ~12% faster on
   * Fashion-MNIST at unchanged recall, and gathering to 16 for the 16-wide AVX-512 kernels gained
   * again (docs/bench/hnsw.md, "Session 12"). It can only expand more candidates than the textbook
   * loop, never fewer. This is the largest width honoured.
   */
  static final int MAX_GATHER = 16;
  private final VisitedSet visited;
  private final NeighborQueue candidates = new NeighborQueue(256, true);
  private final NeighborQueue results = new NeighborQueue(256, false);
  private int[] neighbors;
  private int[] fresh;
  private float[] freshScores;
  private long scoredCount;

  /** @param capacity number of nodes of the graphs this searcher will see (grows if needed) */
  public HnswGraphSearcher(int capacity) {
    this.visited = new VisitedSet(capacity);
    this.neighbors = new int[64];
    this.fresh = new int[64];
    this.freshScores = new float[64];
  }

  /**
   * The {@code k} best nodes for the scorer's query that {@code accept} admits (all when null),
   * offered to {@code out} with their raw scores. Upper layers are descended greedily; layer 0 is
   * searched with a beam of {@code max(ef, k)}.
   */
  public void search(HnswGraph graph, GraphScorer scorer, int k, int ef, IntPredicate accept, TopK out) {
    search(graph, scorer, k, ef, accept, Long.MAX_VALUE, false, out);
  }

  /**
   * Like {@link #search(HnswGraph, GraphScorer, int, int, IntPredicate, TopK)}, but gives up once
   * more than {@code visitLimit} nodes have been scored (a filter that admits few nodes can make a
   * graph search wander through most of the graph), or when it found fewer than {@code k}
   * accepted nodes (the caller knows there are more: part of the graph is out of reach, e.g. a
   * node being linked in by a concurrent insert). Returns false in both cases, having offered
   * nothing to {@code out}, so the caller can search some other way.
   */
  public boolean search(HnswGraph graph, GraphScorer scorer, int k, int ef, IntPredicate accept, long visitLimit,
      TopK out) {
    return search(graph, scorer, k, ef, accept, visitLimit, true, out);
  }

  private boolean search(HnswGraph graph, GraphScorer scorer, int k, int ef, IntPredicate accept, long visitLimit,
      boolean requireK, TopK out) {
    scoredCount = 0;
    int ep = graph.entryPoint();
    if (ep < 0) return true;
    prepare(graph);
    int cur = ep;
    float curScore = scorer.score(cur);
    scoredCount++;
    // The entry's own level, not graph.maxLevel(): a growing graph may promote a new entry between two reads.
    for (int level = graph.levelOf(ep); level > 0; level--) {
      long best = greedy(graph, scorer, level, cur, curScore);
      cur = NeighborQueue.decodeNode(best);
      curScore = NeighborQueue.decodeScore(best);
    }
    int width = Math.max(ef, k);
    beginLayer();
    seed(cur, curScore, width, accept);
    if (!expand(graph, scorer, 0, width, accept, visitLimit)) return false;
    if (requireK && results.size() < k) return false;
    while (results.size() > k) results.pop();
    // Popping a min-queue yields worst first; TopK orders them itself.
    while (!results.isEmpty()) {
      long e = results.pop();
      out.offer(NeighborQueue.decodeNode(e), NeighborQueue.decodeScore(e));
    }
    return true;
  }

  /** Nodes scored by the last {@link #search} (or since the last {@link #beginLayer}). */
  public long scoredCount() { return scoredCount; }

  // ---- layer-level operations, used by search() and by the builder ----

  /** Sizes scratch for {@code graph}; call before a search over a graph that may have grown. */
  void prepare(HnswGraph graph) {
    visited.ensureCapacity(graph.size());
    visited.clear(); // the greedy descent that follows marks what it scores
    int maxConn = graph.maxConn(0);
    if (neighbors.length < maxConn) neighbors = new int[maxConn];
    // A gathered batch holds fewer than MAX_GATHER nodes plus one full neighbour list.
    if (fresh.length < maxConn + MAX_GATHER) {
      fresh = new int[maxConn + MAX_GATHER];
      freshScores = new float[maxConn + MAX_GATHER];
    }
  }

  /**
   * Walks to ever better neighbours on {@code level} until none improves on the current node.
   * Returns the best node reached, packed (see {@link NeighborQueue#decodeNode}). Nodes scored
   * since {@link #prepare} (by this descent, on any level) are not scored again.
   */
  long greedy(HnswGraph graph, GraphScorer scorer, int level, int node, float score) {
    int[] nb = neighbors;
    int[] fr = fresh;
    float[] sc = freshScores;
    VisitedSet seen = visited;
    seen.add(node);
    boolean moved = true;
    while (moved) {
      moved = false;
      int count = graph.neighbors(level, node, nb);
      // A node scored earlier in this descent (on this level or one above: same query, same score)
      // scored no better than the node the walk was on then, and the walk's score only grows, so
      // it can never be the strictly better next step: skipping it leaves the path as it was.
      // Consecutive nodes of a walk share many neighbours: on Fashion-MNIST M32 the descent scored
      // 65.8 nodes per query with repeats and 53.3 without (docs/bench/hnsw.md, "Session 13").
      int f = 0;
      for (int i = 0; i < count; i++) {
        int n = nb[i];
        if (seen.add(n)) fr[f++] = n;
      }
      if (f == 0) break;
      scorer.score(fr, f, sc);
      scoredCount += f;
      int from = node;
      for (int i = 0; i < f; i++) {
        // Strictly better only: no cycles, and the same path on every run.
        if (sc[i] > score) {
          node = fr[i];
          score = sc[i];
        }
      }
      moved = node != from;
    }
    return NeighborQueue.encode(node, score);
  }

  /** Starts a fresh beam search: clears the visited set and both queues. */
  void beginLayer() {
    visited.clear();
    candidates.clear();
    results.clear();
  }

  /** Adds an entry point to the beam search begun with {@link #beginLayer}. */
  void seed(int node, float score, int ef, IntPredicate accept) {
    if (!visited.add(node)) return;
    candidates.add(node, score);
    if (accept == null || accept.test(node)) results.insertWithOverflow(node, score, ef);
  }

  /**
   * Beam search on {@code level} from the seeded entry points: expands the best candidates until
   * the best remaining candidate is worse than the worst of {@code ef} results.
   */
  void expand(HnswGraph graph, GraphScorer scorer, int level, int ef, IntPredicate accept) {
    expand(graph, scorer, level, ef, accept, Long.MAX_VALUE);
  }

  /** {@link #expand(HnswGraph, GraphScorer, int, int, IntPredicate)} that stops, returning false, past {@code visitLimit} scored nodes. */
  boolean expand(HnswGraph graph, GraphScorer scorer, int level, int ef, IntPredicate accept, long visitLimit) {
    long budget = visitLimit - scoredCount;
    NeighborQueue cand = candidates;
    NeighborQueue res = results;
    VisitedSet seen = visited;
    int[] nb = neighbors;
    int[] fr = fresh;
    float[] fs = freshScores;
    int gather = Math.min(scorer.batchWidth(), MAX_GATHER);
    float minAccepted = res.size() >= ef ? res.topScore() : Float.NEGATIVE_INFINITY;
    long scored = 0;
    boolean stop = false;
    while (!stop && !cand.isEmpty()) {
      int f = 0;
      // Expand candidates until enough unvisited neighbours are gathered for one wide batch.
      do {
        if (cand.topScore() < minAccepted) {
          stop = true;
          break;
        }
        int count = graph.neighbors(level, NeighborQueue.decodeNode(cand.pop()), nb);
        for (int i = 0; i < count; i++) {
          int n = nb[i];
          if (seen.add(n)) fr[f++] = n;
        }
      } while (f < gather && !cand.isEmpty());
      if (f == 0) continue;
      scorer.score(fr, f, fs);
      scored += f;
      if (scored > budget) {
        scoredCount += scored;
        return false;
      }
      for (int i = 0; i < f; i++) {
        float s = fs[i];
        if (s < minAccepted) continue;
        int n = fr[i];
        cand.add(n, s);
        if (accept == null || accept.test(n)) {
          res.insertWithOverflow(n, s, ef);
          if (res.size() >= ef) minAccepted = res.topScore();
        }
      }
    }
    scoredCount += scored;
    return true;
  }

  /** The result queue of the last beam search (worst on top). */
  NeighborQueue results() { return results; }
}
