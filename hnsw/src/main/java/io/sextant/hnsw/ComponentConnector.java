package io.sextant.hnsw;

/**
 * Makes every node reachable on layer 0 from the entry point. Pruning a full neighbour list can
 * drop a node's last incoming link; such a node (and anything only it links to) can then never
 * be returned by a search. After a build this walks the graph from the entry point, and for
 * each node not reached it searches the reachable part for the node's nearest neighbours and
 * adds a link from the nearest one that has room (or, failing that, replaces that neighbour's
 * weakest link and checks again). Single-threaded and in ordinal order, so it is deterministic.
 */
final class ComponentConnector {
  private static final System.Logger LOG = System.getLogger(ComponentConnector.class.getName());

  private final OnHeapHnswGraph graph;
  private final QueryScorer scorer;
  private final HnswGraphSearcher searcher;
  private final int ef;
  private final long[] reached;
  private int[] queue;
  private final int[] ids;
  private final float[] scores;
  private long[] found;

  ComponentConnector(OnHeapHnswGraph graph, QueryScorer scorer, int ef) {
    this.graph = graph;
    this.scorer = scorer;
    this.searcher = new HnswGraphSearcher(graph.size());
    this.ef = ef;
    this.reached = new long[(graph.size() + 63) >>> 6];
    this.queue = new int[64];
    this.ids = new int[graph.maxConn(0)];
    this.scores = new float[graph.maxConn(0)];
    this.found = new long[ef + 1];
  }

  /** Links unreachable nodes in; returns how many links were added. */
  int connect() {
    int n = graph.size();
    if (n == 0) return 0;
    int added = 0;
    for (int pass = 0; pass < 4; pass++) {
      java.util.Arrays.fill(reached, 0L);
      int reachedCount = walkFrom(graph.entryPoint());
      if (reachedCount == n) break;
      for (int node = 0; node < n && reachedCount < n; node++) {
        if (isReached(node)) continue;
        linkFromReachable(node);
        added++;
        reachedCount += walkFrom(node);
      }
      // A replaced link may have orphaned its old target: walk again from scratch to make sure.
    }
    if (added > 0) {
      LOG.log(System.Logger.Level.DEBUG, "hnsw: added " + added + " links to reach nodes cut off by pruning");
    }
    return added;
  }

  private void linkFromReachable(int node) {
    QueryScorer s = scorer.setQueryToNode(node);
    searcher.prepare(graph);
    int cur = graph.entryPoint();
    float curScore = s.score(cur);
    for (int level = graph.levelOf(cur); level > 0; level--) {
      long best = searcher.greedy(graph, s, level, cur, curScore);
      cur = NeighborQueue.decodeNode(best);
      curScore = NeighborQueue.decodeScore(best);
    }
    searcher.beginLayer();
    searcher.seed(cur, curScore, ef, this::isReached);
    searcher.expand(graph, s, 0, ef, this::isReached);
    int count = searcher.results().copyTo(found);
    java.util.Arrays.sort(found, 0, count); // best last
    int target = -1;
    float targetScore = 0;
    for (int i = count - 1; i >= 0; i--) {
      int c = NeighborQueue.decodeNode(found[i]);
      if (c == node) continue;
      if (target < 0) {
        target = c;
        targetScore = NeighborQueue.decodeScore(found[i]);
      }
      int degree = graph.neighborsWithScores(0, c, ids, scores);
      if (degree < graph.maxConn(0)) {
        graph.append(0, c, node, NeighborQueue.decodeScore(found[i]));
        return;
      }
    }
    // Every nearby node is full: replace the weakest link of the nearest one.
    int degree = graph.neighborsWithScores(0, target, ids, scores);
    int weakest = 0;
    for (int i = 1; i < degree; i++) if (scores[i] < scores[weakest]) weakest = i;
    ids[weakest] = node;
    scores[weakest] = targetScore;
    graph.setNeighbors(0, target, ids, scores, degree);
  }

  private boolean isReached(int node) {
    return (reached[node >>> 6] & (1L << node)) != 0;
  }

  /** Marks everything reachable from {@code start} on layer 0; returns how many were newly marked. */
  private int walkFrom(int start) {
    if (isReached(start)) return 0;
    reached[start >>> 6] |= 1L << start;
    int head = 0, tail = 0, marked = 1;
    queue[tail++] = start;
    while (head < tail) {
      int c = graph.neighbors(0, queue[head++], ids);
      for (int i = 0; i < c; i++) {
        int nb = ids[i];
        if (isReached(nb)) continue;
        reached[nb >>> 6] |= 1L << nb;
        marked++;
        if (tail == queue.length) {
          // Compact before growing: the consumed prefix is dead.
          System.arraycopy(queue, head, queue, 0, tail - head);
          tail -= head;
          head = 0;
          if (tail == queue.length) queue = java.util.Arrays.copyOf(queue, queue.length * 2);
        }
        queue[tail++] = nb;
      }
    }
    return marked;
  }
}
