package io.sextant.hnsw;

import io.sextant.core.search.TopK;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Kernels;
import io.sextant.core.vector.Similarity;
import io.sextant.core.vector.VectorChecks;
import io.sextant.core.vector.VectorKernels;
import java.util.function.IntPredicate;
import org.roaringbitmap.RoaringBitmap;

/**
 * An HNSW graph together with the vectors it was built over: the object a caller searches.
 * The graph may be the in-memory one fresh from {@link #build} or one read in place from a
 * mapped file ({@link MappedHnswGraph}); results are identical for the same graph.
 *
 * <p>Thread-safe for searching: each thread gets its own scratch (visited set, queues).
 */
public final class HnswIndex {
  private final FloatVectors vectors;
  private final Similarity similarity;
  private final VectorKernels kernels;
  private final HnswGraph graph;
  private final ThreadLocal<Scratch> scratch;

  private HnswIndex(FloatVectors vectors, Similarity similarity, VectorKernels kernels, HnswGraph graph) {
    if (graph.size() != vectors.size()) {
      throw new IllegalArgumentException("graph has " + graph.size() + " nodes but there are "
          + vectors.size() + " vectors");
    }
    this.vectors = vectors;
    this.similarity = similarity;
    this.kernels = kernels;
    this.graph = graph;
    this.scratch = ThreadLocal.withInitial(Scratch::new);
  }

  /** Builds the graph over {@code vectors} with {@code threads} threads. */
  public static HnswIndex build(FloatVectors vectors, Similarity similarity, HnswParams params, int threads) {
    VectorKernels k = Kernels.get();
    OnHeapHnswGraph g = new HnswGraphBuilder(vectors, similarity, params, k).build(threads);
    return new HnswIndex(vectors, similarity, k, g);
  }

  /** Searches an existing graph (e.g. a {@link MappedHnswGraph}) over {@code vectors}. */
  public static HnswIndex of(FloatVectors vectors, Similarity similarity, HnswGraph graph) {
    return new HnswIndex(vectors, similarity, Kernels.get(), graph);
  }

  public HnswGraph graph() { return graph; }

  public FloatVectors vectors() { return vectors; }

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
    s.searcher.search(graph, s.scorer.setQuery(query), k, efSearch, accept, top);
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
    Scratch s = scratch.get();
    TopK top = new TopK(k);
    s.filtered.search(graph, s.searcher, s.scorer.setQuery(query), k, efSearch, accept,
        exactScanBelow(efSearch, graph.maxConn(0), graph.size()), strategy, top);
    return toScores(top);
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
    TopK.ScoredOrds raw = top.drainBestFirst();
    float[] scores = raw.scores();
    for (int i = 0; i < scores.length; i++) scores[i] = similarity.toScore(scores[i]);
    return raw;
  }

  private final class Scratch {
    final HnswGraphSearcher searcher = new HnswGraphSearcher(graph.size());
    final FloatVectorScorer scorer = new FloatVectorScorer(vectors, similarity, kernels);
    final FilteredSearch filtered = new FilteredSearch();
  }
}
