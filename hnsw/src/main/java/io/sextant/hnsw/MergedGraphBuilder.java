package io.sextant.hnsw;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Builds a merged segment's graph starting from one source segment's graph (the base, normally
 * the largest) instead of from nothing: the base's links are copied under the new ordinals, its
 * deleted nodes are dropped, the nodes that lost too many links are repaired, and only the
 * other sources' vectors are inserted, with the ordinary (concurrent) builder.
 *
 * <p>Repair: a surviving node is re-linked on a level when it lost more than
 * {@value #REPAIR_LOSS_FRACTION} of its links there, or when it lost any and is left with fewer
 * than half the level's budget (the second rule stops a degree from thinning a little on every
 * merge without ever being repaired; Lucene learned this the hard way). Its new links are chosen
 * with the selection heuristic from its surviving links plus the surviving links of the neighbours
 * it lost, which are the nodes the deleted ones used to route it to; the heuristic's rejects then
 * fill the list up to the budget, the way back-links keep lists full in a normal build. Repairs
 * read only the base graph and write only their own node, so they run in parallel and the result
 * does not depend on the thread count. A deleted entry point is replaced by the surviving node on
 * the highest level. Reachability is restored at the end by {@link ComponentConnector}, as after
 * any build.
 *
 * <p>With one thread the result is a function of the base graph, the vectors and the seed.
 */
final class MergedGraphBuilder {
  /** A node whose links lost more than this fraction of their count is repaired. */
  static final double REPAIR_LOSS_FRACTION = 0.15;
  private static final int CHUNK = 256;

  /** What a merge did, for logs and tests. */
  record Stats(int copied, int repaired, int inserted, long copyNanos, long insertNanos) {}

  private final HnswGraph base;
  private final int[] newOrd;
  private final ScorerFactory scorers;
  private final HnswParams params;
  private final int size;
  private OnHeapHnswGraph graph;
  private Stats stats;

  /**
   * @param base    the graph being reused; its nodes are the base source's ordinals
   * @param newOrd  per base ordinal, its merged ordinal, or -1 when the node is dropped
   * @param scorers scorers over the merged vectors (ordinals {@code 0..size-1})
   * @param size    number of merged vectors
   */
  MergedGraphBuilder(HnswGraph base, int[] newOrd, ScorerFactory scorers, HnswParams params, int size) {
    if (newOrd.length != base.size()) {
      throw new IllegalArgumentException("ordinal map has " + newOrd.length + " entries for a base graph of " + base.size());
    }
    if (base.maxConn(0) != params.maxConn0()) {
      throw new IllegalArgumentException("base graph has " + base.maxConn(0) + " links on level 0, " + params
          + " wants " + params.maxConn0());
    }
    this.base = base;
    this.newOrd = newOrd;
    this.scorers = scorers;
    this.params = params;
    this.size = size;
  }

  /** Builds the merged graph with {@code threads} threads (the caller's included). */
  OnHeapHnswGraph build(int threads) {
    if (threads < 1) throw new IllegalArgumentException("build threads must be >= 1, got " + threads);
    long t0 = System.nanoTime();
    byte[] levels = HnswGraphBuilder.drawLevels(size, params);
    boolean[] fromBase = new boolean[size];
    int copied = 0;
    for (int o = 0; o < newOrd.length; o++) {
      int v = newOrd[o];
      if (v < 0) continue;
      if (v >= size || fromBase[v]) throw new IllegalArgumentException("base ordinal " + o + " maps to " + v
          + ", which is out of range or taken");
      fromBase[v] = true;
      levels[v] = (byte) base.levelOf(o);
      copied++;
    }
    graph = new OnHeapHnswGraph(levels, params.m());
    int[] toInsert = new int[size - copied];
    for (int v = 0, i = 0; v < size; v++) if (!fromBase[v]) toInsert[i++] = v;

    AtomicInteger repaired = new AtomicInteger();
    parallelFor(newOrd.length, threads, () -> {
      Copier c = new Copier();
      return o -> repaired.addAndGet(c.copy(o));
    });
    setEntryPoint();
    long t1 = System.nanoTime();
    HnswGraphBuilder.resuming(scorers, params, graph, toInsert).build(threads);
    long t2 = System.nanoTime();
    stats = new Stats(copied, repaired.get(), toInsert.length, t1 - t0, t2 - t1);
    return graph;
  }

  /** What the last {@link #build} did. */
  Stats stats() { return stats; }

  /** The surviving base node on the highest level (lowest merged ordinal on ties) becomes the entry point. */
  private void setEntryPoint() {
    int entry = base.entryPoint();
    if (entry >= 0 && newOrd[entry] >= 0) {
      graph.setEntry(newOrd[entry], base.levelOf(entry));
      return;
    }
    int best = -1, bestLevel = -1;
    for (int o = 0; o < newOrd.length; o++) {
      int v = newOrd[o];
      if (v < 0) continue;
      int l = base.levelOf(o);
      if (l > bestLevel || (l == bestLevel && v < best)) {
        best = v;
        bestLevel = l;
      }
    }
    if (best >= 0) graph.setEntry(best, bestLevel);
  }

  /** Per-thread copy and repair state. */
  private final class Copier {
    private final QueryScorer scorer = scorers.newScorer();
    private final NeighborSelector selector = new NeighborSelector(scorers.newScorer(), params.maxConn0());
    private final int[] baseLinks = new int[params.maxConn0()];
    private final int[] hop = new int[params.maxConn0()];
    private final int[] ids = new int[params.maxConn0()];
    private final float[] scores = new float[params.maxConn0()];
    private int[] candidates = new int[4 * params.maxConn0()];
    private float[] candidateScores = new float[candidates.length];
    private long[] packed = new long[candidates.length];
    private final int[] selIds = new int[params.maxConn0() + 1];
    private final float[] selScores = new float[params.maxConn0() + 1];

    /** Copies base node {@code o}'s links on every level; returns on how many levels it was repaired. */
    int copy(int o) {
      int v = newOrd[o];
      if (v < 0) return 0;
      int repairs = 0;
      for (int l = 0, top = base.levelOf(o); l <= top; l++) {
        int count = base.neighbors(l, o, baseLinks);
        int kept = 0;
        for (int i = 0; i < count; i++) {
          int w = newOrd[baseLinks[i]];
          if (w >= 0) ids[kept++] = w;
        }
        int lost = count - kept;
        int budget = graph.maxConn(l);
        if (lost > 0 && (lost > REPAIR_LOSS_FRACTION * count || 2 * kept < budget)) {
          repair(l, o, v, count, kept, budget);
          repairs++;
        } else {
          scorer.setQueryToNode(v).score(ids, kept, scores);
          graph.setNeighbors(l, v, ids, scores, kept);
        }
      }
      return repairs;
    }

    /**
     * Re-links {@code v} on level {@code l}: candidates are its surviving links ({@code ids[0..kept)})
     * and the surviving links of the base neighbours it lost (still in {@code baseLinks}).
     */
    private void repair(int l, int o, int v, int count, int kept, int budget) {
      int n = 0;
      for (int i = 0; i < kept; i++) n = addCandidate(n, ids[i], v);
      for (int i = 0; i < count; i++) {
        int d = baseLinks[i];
        if (newOrd[d] >= 0) continue;
        int c = base.neighbors(l, d, hop);
        for (int j = 0; j < c; j++) {
          int w = newOrd[hop[j]];
          if (w >= 0) n = addCandidate(n, w, v);
        }
      }
      scorer.setQueryToNode(v).score(candidates, n, candidateScores);
      for (int i = 0; i < n; i++) packed[i] = NeighborQueue.encode(candidates[i], candidateScores[i]);
      Arrays.sort(packed, 0, n); // best last; ties by ordinal, so the result does not depend on scan order
      int selected = selector.select(packed, n, budget, v, selIds, selScores);
      // Fill up with the heuristic's rejects, best first: a full list routes better than a sparse one.
      for (int i = n - 1; i >= 0 && selected < budget; i--) {
        int c = NeighborQueue.decodeNode(packed[i]);
        boolean taken = false;
        for (int j = 0; j < selected && !taken; j++) taken = selIds[j] == c;
        if (taken) continue;
        selIds[selected] = c;
        selScores[selected++] = NeighborQueue.decodeScore(packed[i]);
      }
      graph.setNeighbors(l, v, selIds, selScores, selected);
    }

    /** Adds {@code w} to the candidates unless it is {@code self} or already there. */
    private int addCandidate(int n, int w, int self) {
      if (w == self) return n;
      for (int i = 0; i < n; i++) if (candidates[i] == w) return n;
      if (n == candidates.length) {
        candidates = Arrays.copyOf(candidates, 2 * n);
        candidateScores = Arrays.copyOf(candidateScores, 2 * n);
        packed = Arrays.copyOf(packed, 2 * n);
      }
      candidates[n] = w;
      return n + 1;
    }
  }

  /**
   * Runs {@code 0..n-1} through per-thread consumers in chunks. The work items must be
   * independent: which thread runs which item changes between runs.
   */
  private static void parallelFor(int n, int threads, java.util.function.Supplier<IntConsumer> perThread) {
    if (threads == 1 || n < 2 * CHUNK) {
      IntConsumer c = perThread.get();
      for (int i = 0; i < n; i++) c.accept(i);
      return;
    }
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Runnable work = () -> {
      try {
        IntConsumer c = perThread.get();
        int start;
        while (failure.get() == null && (start = next.getAndAdd(CHUNK)) < n) {
          for (int i = start, end = Math.min(n, start + CHUNK); i < end; i++) c.accept(i);
        }
      } catch (Throwable t) {
        failure.compareAndSet(null, t);
      }
    };
    Thread[] helpers = new Thread[threads - 1];
    for (int i = 0; i < helpers.length; i++) {
      helpers[i] = Thread.ofPlatform().daemon().name("sextant-hnsw-merge-" + (i + 1)).start(work);
    }
    work.run();
    for (Thread t : helpers) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure.compareAndSet(null, e);
      }
    }
    Throwable t = failure.get();
    if (t != null) {
      if (t instanceof RuntimeException re) throw re;
      if (t instanceof Error err) throw err;
      throw new IllegalStateException("HNSW merge interrupted", t);
    }
  }
}
