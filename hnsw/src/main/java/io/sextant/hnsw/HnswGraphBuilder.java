package io.sextant.hnsw;

import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Kernels;
import io.sextant.core.vector.Similarity;
import io.sextant.core.vector.VectorKernels;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Builds an {@link OnHeapHnswGraph} over a set of vectors by inserting them one at a time:
 * greedy descent to the node's level, then on each of its levels a beam search of width
 * {@code efConstruction}, heuristic selection of its links, and back-links that are pruned with
 * the same heuristic when a neighbour's list is full.
 *
 * <p>Levels are drawn up front from the seed, so with one thread (nodes inserted in ordinal
 * order) a seed always gives the same graph. With several threads, nodes are handed out in small
 * chunks and inserted concurrently; each node's links are guarded by its own (striped) lock and
 * only one lock is ever held at a time, so there is no lock ordering to get wrong. A node that
 * raises the graph's top level is inserted under a global lock, so the entry point is always
 * linked on every level it claims.
 *
 * <p>Builds that run longer than a few seconds report progress through {@link System.Logger}.
 */
public final class HnswGraphBuilder {
  private static final System.Logger LOG = System.getLogger(HnswGraphBuilder.class.getName());
  private static final int MAX_LEVEL = 30;
  private static final int CHUNK = 64;
  private static final long PROGRESS_INTERVAL_NS = TimeUnit.SECONDS.toNanos(10);

  private final ScorerFactory scorers;
  private final HnswParams params;
  private final OnHeapHnswGraph graph;
  private final Object entryLock = new Object();
  /** Level draws for nodes added one by one; the same sequence {@link #drawLevels} uses. */
  private final SplittableRandom levelRandom;
  /** The nodes {@link #build} inserts, in order; null for all of them in ordinal order. */
  private final int[] order;
  private Inserter incrementalInserter;

  /** A builder for a graph over every vector of {@code vectors}, with the default kernels. */
  public HnswGraphBuilder(FloatVectors vectors, Similarity similarity, HnswParams params) {
    this(vectors, similarity, params, Kernels.get());
  }

  public HnswGraphBuilder(FloatVectors vectors, Similarity similarity, HnswParams params, VectorKernels kernels) {
    this(FloatVectorScorer.factory(vectors, similarity, kernels), vectors.size(), params);
  }

  /** A builder for a graph over nodes {@code 0..size-1} scored by {@code scorers}. */
  public HnswGraphBuilder(ScorerFactory scorers, int size, HnswParams params) {
    if (size < 0) throw new IllegalArgumentException("size must be >= 0, got " + size);
    this.scorers = scorers;
    this.params = params;
    this.graph = new OnHeapHnswGraph(drawLevels(size, params), params.m());
    this.levelRandom = null;
    this.order = null;
  }

  private HnswGraphBuilder(ScorerFactory scorers, HnswParams params) {
    this.scorers = scorers;
    this.params = params;
    this.graph = new OnHeapHnswGraph(params.m());
    this.levelRandom = new SplittableRandom(params.seed());
    this.order = null;
  }

  private HnswGraphBuilder(ScorerFactory scorers, HnswParams params, OnHeapHnswGraph graph, int[] order) {
    this.scorers = scorers;
    this.params = params;
    this.graph = graph;
    this.levelRandom = null;
    this.order = order;
  }

  /**
   * A builder that finishes {@code graph}, which already holds every node (levels set) and the
   * links of all but {@code toInsert}: {@link #build} inserts those (ascending, so one thread
   * gives a repeatable result) as a bulk build would. This is how a merge grows a reused graph.
   */
  static HnswGraphBuilder resuming(ScorerFactory scorers, HnswParams params, OnHeapHnswGraph graph, int[] toInsert) {
    if (graph.m() != params.m()) throw new IllegalArgumentException("graph has M=" + graph.m() + ", params " + params);
    return new HnswGraphBuilder(scorers, params, graph, toInsert.clone());
  }

  /**
   * A builder for the graph a bulk build over ordinals {@code 0..n-1} makes, with the nodes
   * renumbered: node {@code i} is ordinal {@code ordOfNode[i]} (scored by {@code scorers} under
   * its node number). Levels are drawn per ordinal and nodes inserted in ordinal order, so with
   * one thread the result is that graph renumbered, whatever the numbering.
   */
  static HnswGraphBuilder renumbered(ScorerFactory scorers, HnswParams params, int[] ordOfNode) {
    byte[] byOrd = drawLevels(ordOfNode.length, params);
    byte[] levels = new byte[ordOfNode.length];
    for (int node = 0; node < levels.length; node++) levels[node] = byOrd[ordOfNode[node]];
    int[] insertion = LocalityOrder.inverse(ordOfNode);
    return new HnswGraphBuilder(scorers, params, new OnHeapHnswGraph(levels, params.m()), insertion);
  }

  /**
   * A builder for a graph over nodes {@code 0..size-1} that inserts them in a random order drawn
   * from the seed: for vectors stored in {@link LocalityOrder}, where inserting in node order would
   * grow the graph one region of the space at a time instead of the way HNSW assumes, everywhere
   * at once. The graph is the one a bulk build over the vectors in that random order would make.
   */
  static HnswGraphBuilder randomInsertion(ScorerFactory scorers, HnswParams params, int size) {
    int[] ordOfNode = new int[size];
    for (int i = 0; i < size; i++) ordOfNode[i] = i;
    SplittableRandom r = new SplittableRandom(params.seed() ^ 0x5DEECE66DL);
    for (int i = size - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = ordOfNode[i];
      ordOfNode[i] = ordOfNode[j];
      ordOfNode[j] = t;
    }
    return renumbered(scorers, params, ordOfNode);
  }

  /**
   * A builder for a graph that grows one node at a time through {@link #add}, searchable
   * throughout. Adding nodes {@code 0..n-1} gives them the same levels as a bulk build of n nodes.
   */
  public static HnswGraphBuilder incremental(ScorerFactory scorers, HnswParams params) {
    return new HnswGraphBuilder(scorers, params);
  }

  /** Builds on the calling thread plus {@code threads - 1} helpers and returns the graph. */
  public OnHeapHnswGraph build(int threads) {
    if (threads < 1) throw new IllegalArgumentException("build threads must be >= 1, got " + threads);
    if (levelRandom != null) throw new IllegalStateException("an incremental builder grows through add()");
    int n = order == null ? graph.size() : order.length;
    Progress progress = new Progress(n);
    if (threads == 1 || n < 2 * CHUNK) {
      Inserter ins = new Inserter();
      for (int i = 0; i < n; i++) {
        ins.insert(order == null ? i : order[i]);
        if ((i & 1023) == 1023) progress.advance(1024);
      }
    } else {
      buildConcurrently(threads, progress);
    }
    new ComponentConnector(graph, scorers.newScorer(), params.efConstruction()).connect();
    progress.finish();
    return graph;
  }

  /**
   * Adds node {@code node} (equal to the graph's current size; its vector must be readable by the
   * scorers) and links it in. One thread at a time; searches may run concurrently and see the
   * node as soon as its first incoming link is written.
   */
  public void add(int node) {
    if (levelRandom == null) throw new IllegalStateException("add() is for builders made with incremental()");
    graph.addNode(node, drawLevel(levelRandom, params.levelMultiplier()));
    if (incrementalInserter == null) incrementalInserter = new Inserter();
    incrementalInserter.insert(node);
  }

  /** The graph being built (searchable while building). */
  public OnHeapHnswGraph graph() { return graph; }

  /** Node levels for {@code n} nodes: {@code floor(-ln(U) · mL)}, U uniform in (0, 1], capped at 30. */
  static byte[] drawLevels(int n, HnswParams params) {
    SplittableRandom random = new SplittableRandom(params.seed());
    double ml = params.levelMultiplier();
    byte[] levels = new byte[n];
    for (int i = 0; i < n; i++) levels[i] = (byte) drawLevel(random, ml);
    return levels;
  }

  private static int drawLevel(SplittableRandom random, double ml) {
    double u = 1.0 - random.nextDouble(); // in (0, 1]
    return Math.min(MAX_LEVEL, (int) (-Math.log(u) * ml));
  }

  private void buildConcurrently(int threads, Progress progress) {
    int n = order == null ? graph.size() : order.length;
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Runnable work = () -> {
      Inserter ins = new Inserter();
      try {
        int start;
        while (failure.get() == null && (start = next.getAndAdd(CHUNK)) < n) {
          int end = Math.min(n, start + CHUNK);
          for (int i = start; i < end; i++) ins.insert(order == null ? i : order[i]);
          progress.advance(end - start);
        }
      } catch (Throwable t) {
        failure.compareAndSet(null, t);
      }
    };
    Thread[] helpers = new Thread[threads - 1];
    for (int i = 0; i < helpers.length; i++) {
      helpers[i] = Thread.ofPlatform().daemon().name("sextant-hnsw-build-" + (i + 1)).start(work);
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
      throw new IllegalStateException("HNSW build interrupted", t);
    }
  }

  /** Per-thread insertion state: scorers, searcher, selector and scratch arrays. */
  private final class Inserter {
    private final QueryScorer nodeScorer = scorers.newScorer();
    private final NeighborSelector selector = new NeighborSelector(scorers.newScorer(), params.maxConn0());
    private final HnswGraphSearcher searcher = new HnswGraphSearcher(graph.size());
    private final int ef = params.efConstruction();
    /** Candidates found on each level (packed, ascending) and how many, for the level's links. */
    private long[][] found = new long[4][];
    private int[] foundCount = new int[4];
    private final long[] pruneCandidates = new long[2 * params.maxConn0() + 2];
    private final int[] selIds = new int[params.maxConn0() + 1];
    private final float[] selScores = new float[params.maxConn0() + 1];
    private final int[] ids = new int[2 * params.maxConn0() + 2];
    private final float[] scores = new float[2 * params.maxConn0() + 2];
    private final int[] merged = new int[2 * params.maxConn0() + 2];
    private final float[] mergedScores = new float[2 * params.maxConn0() + 2];

    void insert(int node) {
      int level = graph.levelOf(node);
      long ep = graph.entryPacked();
      if (OnHeapHnswGraph.isEmpty(ep) || level > OnHeapHnswGraph.entryLevel(ep)) {
        synchronized (entryLock) {
          ep = graph.entryPacked();
          if (OnHeapHnswGraph.isEmpty(ep) || level > OnHeapHnswGraph.entryLevel(ep)) {
            connect(node, level, ep);
            graph.setEntry(node, level);
            return;
          }
        }
      }
      connect(node, level, ep);
    }

    /**
     * Finds the node's candidates on every level it shares with the graph, top-down, then links
     * it bottom-up: by the time a level's back-links make the node reachable there, it already has
     * its out-links on every level below, so a concurrent search that lands on it can always go on.
     */
    private void connect(int node, int level, long ep) {
      if (OnHeapHnswGraph.isEmpty(ep)) return;
      searcher.prepare(graph);
      QueryScorer scorer = nodeScorer.setQueryToNode(node);
      int cur = OnHeapHnswGraph.entryNode(ep);
      float curScore = scorer.score(cur);
      int top = OnHeapHnswGraph.entryLevel(ep);
      for (int l = top; l > level; l--) {
        long best = searcher.greedy(graph, scorer, l, cur, curScore);
        cur = NeighborQueue.decodeNode(best);
        curScore = NeighborQueue.decodeScore(best);
      }
      int lowest = Math.min(level, top);
      if (found.length <= lowest) {
        found = java.util.Arrays.copyOf(found, lowest + 1);
        foundCount = java.util.Arrays.copyOf(foundCount, lowest + 1);
      }
      for (int l = lowest; l >= 0; l--) {
        if (found[l] == null) found[l] = new long[ef + 1];
        long[] cand = found[l];
        searcher.beginLayer();
        if (l == lowest) {
          searcher.seed(cur, curScore, ef, null);
        } else {
          // Every candidate found one level up seeds this level's search.
          long[] above = found[l + 1];
          int seeded = 0;
          for (int i = foundCount[l + 1] - 1; i >= 0; i--) {
            int c = NeighborQueue.decodeNode(above[i]);
            if (c != node) {
              searcher.seed(c, NeighborQueue.decodeScore(above[i]), ef, null);
              seeded++;
            }
          }
          if (seeded == 0) searcher.seed(cur, curScore, ef, null);
        }
        searcher.expand(graph, scorer, l, ef, null);
        int n = searcher.results().copyTo(cand);
        Arrays.sort(cand, 0, n); // best last; ties resolved by ordinal, so runs repeat exactly
        foundCount[l] = n;
      }
      for (int l = 0; l <= lowest; l++) {
        int selected = selector.select(found[l], foundCount[l], graph.maxConn(l), node, selIds, selScores);
        linkNewNode(l, node, selected);
        for (int i = 0; i < selected; i++) addBackLink(l, selIds[i], node, selScores[i]);
      }
    }

    /** Sets the new node's own links, merging with back-links other threads may already have added. */
    private void linkNewNode(int level, int node, int selected) {
      synchronized (graph.lockFor(node)) {
        int existing = graph.neighborsWithScores(level, node, ids, scores);
        if (existing == 0) {
          graph.setNeighbors(level, node, selIds, selScores, selected);
          return;
        }
        int n = 0;
        for (int i = 0; i < existing; i++) pruneCandidates[n++] = NeighborQueue.encode(ids[i], scores[i]);
        outer:
        for (int i = 0; i < selected; i++) {
          for (int j = 0; j < existing; j++) if (ids[j] == selIds[i]) continue outer;
          pruneCandidates[n++] = NeighborQueue.encode(selIds[i], selScores[i]);
        }
        writePruned(level, node, n);
      }
    }

    /** Adds {@code newNode} to {@code node}'s links on {@code level}; a full list drops its least useful link. */
    private void addBackLink(int level, int node, int newNode, float score) {
      synchronized (graph.lockFor(node)) {
        int count = graph.neighborsWithScores(level, node, ids, scores);
        for (int i = 0; i < count; i++) if (ids[i] == newNode) return;
        if (count < graph.maxConn(level)) {
          graph.append(level, node, newNode, score);
          return;
        }
        for (int i = 0; i < count; i++) pruneCandidates[i] = NeighborQueue.encode(ids[i], scores[i]);
        pruneCandidates[count] = NeighborQueue.encode(newNode, score);
        Arrays.sort(pruneCandidates, 0, count + 1);
        int kept = selector.dropOne(pruneCandidates, count + 1, merged, mergedScores);
        graph.setNeighbors(level, node, merged, mergedScores, kept);
      }
    }

    /** Writes the heuristic's pick from {@code pruneCandidates[0..n)} as the links of {@code node}. */
    private void writePruned(int level, int node, int n) {
      int max = graph.maxConn(level);
      if (n <= max) {
        for (int i = 0; i < n; i++) {
          merged[i] = NeighborQueue.decodeNode(pruneCandidates[i]);
          mergedScores[i] = NeighborQueue.decodeScore(pruneCandidates[i]);
        }
        graph.setNeighbors(level, node, merged, mergedScores, n);
        return;
      }
      Arrays.sort(pruneCandidates, 0, n);
      int kept = selector.select(pruneCandidates, n, max, node, merged, mergedScores);
      graph.setNeighbors(level, node, merged, mergedScores, kept);
    }
  }

  /** Counts inserted nodes and logs every ten seconds; silent for short builds. */
  private final class Progress {
    private final int total;
    private final long start = System.nanoTime();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong lastLog = new AtomicLong(start);

    Progress(int total) { this.total = total; }

    void advance(int nodes) {
      long d = done.addAndGet(nodes);
      long now = System.nanoTime();
      long last = lastLog.get();
      if (now - last >= PROGRESS_INTERVAL_NS && lastLog.compareAndSet(last, now)) {
        double secs = (now - start) / 1e9;
        double eta = d == 0 ? Double.NaN : secs * (total - d) / d;
        LOG.log(System.Logger.Level.INFO, String.format(java.util.Locale.ROOT,
            "hnsw build: %d/%d nodes (%.0f%%) in %.1f s, about %.0f s left", d, total, 100.0 * d / total, secs, eta));
      }
    }

    void finish() {
      double secs = (System.nanoTime() - start) / 1e9;
      System.Logger.Level level = secs >= 10 ? System.Logger.Level.INFO : System.Logger.Level.DEBUG;
      LOG.log(level, String.format(java.util.Locale.ROOT, "hnsw build: %d nodes, %s, in %.1f s",
          total, params, secs));
    }
  }
}
