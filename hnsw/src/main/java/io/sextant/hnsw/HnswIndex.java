package io.sextant.hnsw;

import io.sextant.core.data.VectorBlock;
import io.sextant.core.search.TopK;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Kernels;
import io.sextant.core.vector.Similarity;
import io.sextant.core.vector.VectorChecks;
import io.sextant.core.vector.VectorKernels;
import java.lang.foreign.MemorySegment;
import java.util.function.IntPredicate;
import org.roaringbitmap.RoaringBitmap;

/**
 * An HNSW graph together with the vectors it was built over: the object a caller searches.
 * The graph may be the in-memory one fresh from {@link #build} or one read in place from a
 * mapped file ({@link MappedHnswGraph}); results are identical for the same graph.
 *
 * <p>Searches take and return the caller's ordinals (positions in the vectors given to
 * {@link #build}). Built with {@link NodeOrder#LOCALITY}, the index numbers its nodes in its own
 * order and keeps its own copy of the vectors in that order; {@link #graph()} and
 * {@link #vectors()} are then in node numbering, and {@link #ordOfNode} maps back.
 *
 * <p>Thread-safe for searching: each thread gets its own scratch (visited set, queues).
 */
public final class HnswIndex {
  /** How {@link #build} numbers the graph's nodes. */
  public enum NodeOrder {
    /** Node {@code i} is vector {@code i}, searched in the caller's block in place. */
    INPUT,
    /**
     * Nodes numbered so that vectors close in space get close numbers ({@link LocalityOrder}),
     * over a copy of the vectors in that order: the same graph renumbered, searched 10–13 % faster
     * on fashion-mnist and 1.5–3.5 % on wordnet-minilm (docs/bench/hnsw.md, "Session 14") because
     * the vectors and links of one query share memory pages. Costs
     * a second copy of the vectors while the caller keeps its own, the ordering pass in the build,
     * and for a {@link RoaringBitmap} filter, translating it to node numbers (one pass over it).
     */
    LOCALITY
  }

  private final FloatVectors vectors;
  private final Similarity similarity;
  private final VectorKernels kernels;
  private final HnswGraph graph;
  private final ThreadLocal<Scratch> scratch;
  private final java.util.concurrent.ConcurrentHashMap<Integer, Long> beamCosts = new java.util.concurrent.ConcurrentHashMap<>();

  /** Per node, the caller's ordinal; null when they are the same. */
  private final int[] ordOfNode;
  /** Per caller ordinal, its node; null when they are the same. */
  private final int[] nodeOfOrd;

  private HnswIndex(FloatVectors vectors, Similarity similarity, VectorKernels kernels, HnswGraph graph) {
    this(vectors, similarity, kernels, graph, null);
  }

  private HnswIndex(FloatVectors vectors, Similarity similarity, VectorKernels kernels, HnswGraph graph,
                    int[] ordOfNode) {
    if (graph.size() != vectors.size()) {
      throw new IllegalArgumentException("graph has " + graph.size() + " nodes but there are "
          + vectors.size() + " vectors");
    }
    this.vectors = vectors;
    this.similarity = similarity;
    this.kernels = kernels;
    this.graph = graph;
    this.ordOfNode = ordOfNode;
    this.nodeOfOrd = ordOfNode == null ? null : LocalityOrder.inverse(ordOfNode);
    this.scratch = ThreadLocal.withInitial(Scratch::new);
  }

  /** Builds the graph over {@code vectors} with {@code threads} threads, searching them in place. */
  public static HnswIndex build(FloatVectors vectors, Similarity similarity, HnswParams params, int threads) {
    return build(vectors, similarity, params, threads, NodeOrder.INPUT);
  }

  /**
   * Builds the graph over {@code vectors} with {@code threads} threads, nodes numbered by
   * {@code order}. With one thread the graph is the same for either order, renumbered.
   */
  public static HnswIndex build(FloatVectors vectors, Similarity similarity, HnswParams params, int threads,
                               NodeOrder order) {
    VectorKernels k = Kernels.get();
    if (order == NodeOrder.INPUT) {
      OnHeapHnswGraph g = new HnswGraphBuilder(vectors, similarity, params, k).build(threads);
      return new HnswIndex(vectors, similarity, k, g);
    }
    if (threads < 1) throw new IllegalArgumentException("build threads must be >= 1, got " + threads);
    int[] ordOfNode = LocalityOrder.compute(vectors, k, threads);
    FloatVectors copy = VectorBlock.allocateCollected(vectors.size(), vectors.dimension());
    long rowBytes = (long) vectors.dimension() * Float.BYTES;
    for (int node = 0; node < ordOfNode.length; node++) {
      MemorySegment.copy(vectors.data(), vectors.offset(ordOfNode[node]), copy.data(), copy.offset(node), rowBytes);
    }
    OnHeapHnswGraph g = HnswGraphBuilder.renumbered(FloatVectorScorer.factory(copy, similarity, k), params, ordOfNode)
        .build(threads);
    return new HnswIndex(copy, similarity, k, g, ordOfNode);
  }

  /** Searches an existing graph (e.g. a {@link MappedHnswGraph}) over {@code vectors}. */
  public static HnswIndex of(FloatVectors vectors, Similarity similarity, HnswGraph graph) {
    return new HnswIndex(vectors, similarity, Kernels.get(), graph);
  }

  /** The graph, in node numbering. */
  public HnswGraph graph() { return graph; }

  /** The vectors the graph is searched over, in node numbering. */
  public FloatVectors vectors() { return vectors; }

  /** The caller's ordinal of {@code node}. */
  public int ordOfNode(int node) {
    return ordOfNode == null ? node : ordOfNode[node];
  }

  public Similarity similarity() { return similarity; }

  /** The {@code k} nearest nodes to {@code query}, best first, with public scores. */
  public TopK.ScoredOrds search(float[] query, int k, int efSearch) {
    return search(query, k, efSearch, (IntPredicate) null);
  }

  /**
   * The {@code k} nearest nodes to {@code query} among those {@code accept} admits (all when
   * null), best first, with public {@link Similarity} scores.
   *
   * @param efSearch beam width on layer 0; at least {@code k}. Larger is slower and more accurate.
   */
  public TopK.ScoredOrds search(float[] query, int k, int efSearch, IntPredicate accept) {
    checkArguments(query, k, efSearch);
    Scratch s = scratch.get();
    TopK top = new TopK(k);
    IntPredicate nodeAccept = accept == null || ordOfNode == null ? accept : node -> accept.test(ordOfNode[node]);
    s.searcher.search(graph, s.scorer.setQuery(query), k, efSearch, nodeAccept, top);
    return toScores(top);
  }

  /**
   * The {@code k} nearest nodes to {@code query} among the ordinals in {@code accept} (all when
   * null), best first, with public scores. Small accepted sets are scanned exactly, larger ones
   * searched in the graph with a fallback to the scan (see {@link FilteredSearch}), so recall holds
   * at any selectivity and the cost stays within about twice that of scanning the accepted set.
   */
  public TopK.ScoredOrds search(float[] query, int k, int efSearch, RoaringBitmap accept) {
    return search(query, k, efSearch, accept, FilterStrategy.AUTO);
  }

  /**
   * {@link #search(float[], int, int, RoaringBitmap)} with the filtered path forced by
   * {@code strategy} (benchmarks measure the two paths with it; use {@link FilterStrategy#AUTO}).
   */
  public TopK.ScoredOrds search(float[] query, int k, int efSearch, RoaringBitmap accept, FilterStrategy strategy) {
    if (accept == null) return search(query, k, efSearch, (IntPredicate) null);
    checkArguments(query, k, efSearch);
    accept = toNodes(accept);
    Scratch s = scratch.get();
    TopK top = new TopK(k);
    long scanBelow = exactScanBelow(efSearch, graph.maxConn(0), graph.size());
    // The probe behind outsideScanBelow is only worth running when a graph search can happen at all.
    long outsideBelow = strategy == FilterStrategy.AUTO && accept.getLongCardinality() > scanBelow
        ? outsideScanBelow(efSearch) : 0;
    s.filtered.search(graph, s.searcher, s.scorer.setQuery(query), k, efSearch, accept, scanBelow, outsideBelow,
        strategy, top);
    return toScores(top);
  }

  /**
   * Accepted-set size at or below which a query the filtered search finds <em>outside</em> the
   * accepted region (see {@link FilteredSearch}) scans the set instead of searching the graph
   * with the widened beam: {@value #OUTSIDE_COST} × {@link #beamCost}(widened width).
   *
   * <p>The widened beam's cost does not follow the √(n·C) model of {@link #exactScanBelow}:
   * that model's n/accepted factor is the two-hop traversal through a random filter, while an
   * outside query of a region-shaped filter walks to the region and searches along its
   * boundary, at a cost that tracks how hard the graph is to search at that width, not the
   * selectivity. So it is modelled as {@code W · beamCost(width)} nodes scored at {@code R}
   * times the scan's time per node, against the scan's {@code accepted} nodes: the graph is
   * taken when {@code W·R·beamCost(width) < accepted}, and {@link #OUTSIDE_COST} is {@code W·R}.
   *
   * <p><b>Measured</b> (docs/bench/filtered.md, "Outside queries"; M=16, efConstruction=100,
   * efSearch=40 so width 160, 1,000 queries, per-thread CPU time, graph and scan alternated per
   * query, cluster-aligned filters of 10 %): on Fashion-MNIST outside queries score 1,301 nodes
   * (beamCost(160) = 1,071: W = 1.21) at R = 3.0–3.3, and the widened search costs what a scan
   * of 3,900–4,250 nodes does (3.6–4.0 × beamCost); on wordnet-minilm 3,526 nodes (beamCost(160)
   * = 2,418: W = 1.46) at R = 3.8–3.9, a scan of 13,400–13,600 (5.5–5.6 × beamCost). A constant of
   * 5 sits between the two measured crossovers: it takes the graph for Fashion-MNIST's 6,000-node
   * filter (35 % faster than the scan for those queries) and the scan for wordnet's 10,766-node
   * one (where the graph is 25 % slower). A constant in units of beamCost at ef instead of the
   * widened width does not separate them (the measured crossovers were 8.4–9.1 and 16.1–16.4 × beamCost(40)).
   */
  long outsideScanBelow(int ef) {
    return (long) (OUTSIDE_COST * beamCost(FilteredSearch.OUTSIDE_WIDEN * ef));
  }

  /** Outside-query graph cost {@code W·R} in units of one unfiltered beam of the widened width: see {@link #outsideScanBelow}. */
  static final double OUTSIDE_COST = 5.0;

  /** Base vectors searched to measure {@link #beamCost}. */
  static final int PROBES = 32;

  /**
   * Mean number of nodes an unfiltered search of width {@code ef} scores on this graph (descent
   * included): how hard the graph is to search, which depends on the data (at efSearch=40,
   * M=16 it is about 2.3x higher on wordnet-minilm than on Fashion-MNIST) and which no formula
   * in ef and M predicts. Measured once per ef with {@value #PROBES} base vectors at evenly
   * spaced ordinals as queries, so it is the same on every run over the same graph.
   */
  long beamCost(int ef) {
    return beamCosts.computeIfAbsent(ef, this::measureBeamCost);
  }

  private long measureBeamCost(int ef) {
    int n = graph.size();
    if (n == 0) return 0;
    int probes = Math.min(PROBES, n);
    HnswGraphSearcher searcher = new HnswGraphSearcher(n);
    FloatVectorScorer scorer = new FloatVectorScorer(vectors, similarity, kernels);
    long total = 0;
    for (int i = 0; i < probes; i++) {
      int ord = (int) ((long) i * n / probes);
      searcher.search(graph, scorer.setQuery(vectors.get(ord)), 1, ef, null, new TopK(1));
      total += searcher.scoredCount();
    }
    return total / probes;
  }

  /**
   * Accepted-set size at or below which a filtered search scans instead of walking the graph:
   * {@code max(√(n·C), MIN_GRAPH_SELECTIVITY·n)}, where {@code C = ef·maxConn0/4 + 4·maxConn0}
   * approximates the nodes an unfiltered beam of width ef scores.
   *
   * <p><b>Measured</b> (docs/bench/filtered.md; M=16, efConstruction=100, efSearch=40, k=10,
   * 1,000 queries, one thread, p50 latency graph-only vs scan-only over one built graph, random
   * filters): on Fashion-MNIST (n=60,000, 784-d) the graph path is 2.7x faster than the scan at
   * 10 % (0.23 vs 0.63 ms), even at 5 % (0.21 vs 0.22 ms), 1.7x slower at 2 %; on
   * wordnet-minilm (n=107,659, 384-d) 2.3x faster at 10 % (0.57 vs 1.33 ms), 2x slower at 5 %
   * (0.57 vs 0.28 ms). Crossovers near 3,000 and 7,500 accepted nodes; √(n·C) gives 5,184 and
   * 6,950, at or just above both, so the scan is taken wherever it is not slower (the constant
   * factor that fits both is 1). Graph-path recall falls below 0.95 under about 3 % (2 %:
   * 0.91 Fashion-MNIST, 0.95 wordnet; 1 %: 0.75, 0.91), hence the floor
   * {@link #MIN_GRAPH_SELECTIVITY}, which only matters for graphs larger than these
   * (n ≳ C/0.03² ≈ 500,000 at efSearch=40).
   */
  static long exactScanBelow(int ef, int maxConn0, int n) {
    double scored = (double) ef * maxConn0 / 4 + 4.0 * maxConn0;
    return (long) Math.max(Math.sqrt(scored * n), MIN_GRAPH_SELECTIVITY * n);
  }

  /** Filters admitting less than this fraction are always scanned: see {@link #exactScanBelow}. */
  static final double MIN_GRAPH_SELECTIVITY = 0.03;

  private void checkArguments(float[] query, int k, int efSearch) {
    VectorChecks.requireValid(query, vectors.dimension(), similarity, "query");
    if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
    if (efSearch < k) {
      throw new IllegalArgumentException("efSearch must be >= k: got efSearch=" + efSearch + ", k=" + k);
    }
  }

  private TopK.ScoredOrds toScores(TopK top) {
    TopK.ScoredOrds raw = toOrds(top.drainBestFirst());
    float[] scores = raw.scores();
    for (int i = 0; i < scores.length; i++) scores[i] = similarity.toScore(scores[i]);
    return raw;
  }

  /** {@code found} (node numbers) with the caller's ordinals, in place. */
  TopK.ScoredOrds toOrds(TopK.ScoredOrds found) {
    if (ordOfNode != null) {
      int[] ords = found.ords();
      for (int i = 0; i < found.size(); i++) ords[i] = ordOfNode[ords[i]];
    }
    return found;
  }

  /** A filter over the caller's ordinals as node numbers (the same bitmap when they coincide). */
  RoaringBitmap toNodes(RoaringBitmap accept) {
    if (nodeOfOrd == null || accept.isEmpty()) return accept;
    long last = Integer.toUnsignedLong(accept.last()); // a negative int is a large unsigned one to the bitmap
    if (last >= nodeOfOrd.length) {
      throw new IllegalArgumentException("accept-set holds ordinal " + accept.last() + " but the index has "
          + nodeOfOrd.length + " vectors");
    }
    // Through a plain bitset: the nodes come out in random order, which a bitmap would have to sort.
    long[] words = new long[(nodeOfOrd.length + 63) >>> 6];
    accept.forEach((org.roaringbitmap.IntConsumer) ord -> {
      int node = nodeOfOrd[ord];
      words[node >>> 6] |= 1L << node;
    });
    return org.roaringbitmap.BitSetUtil.bitmapOf(words);
  }

  private final class Scratch {
    final HnswGraphSearcher searcher = new HnswGraphSearcher(graph.size());
    final FloatVectorScorer scorer = new FloatVectorScorer(vectors, similarity, kernels);
    final FilteredSearch filtered = new FilteredSearch();
  }
}
