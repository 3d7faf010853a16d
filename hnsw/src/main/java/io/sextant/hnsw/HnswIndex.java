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
   * Accepted-set size at or below which a filtered search scans instead of walking the graph.
   * An unfiltered beam of width ef scores about {@code C = ef·maxConn0/4 + 4·maxConn0} nodes
   * (Fashion-MNIST, maxConn0=32: 212 at ef=10, 666 at ef=80). A filter admitting a fraction s
   * of the n nodes makes that about C/s, while scanning the accepted set scores s·n; the two
   * meet at s·n = √(n·C). Below that, scan.
   */
  static long exactScanBelow(int ef, int maxConn0, int n) {
    double scored = (double) ef * maxConn0 / 4 + 4.0 * maxConn0;
    return (long) Math.sqrt(scored * n);
  }

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
