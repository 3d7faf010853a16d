package io.sextant.hnsw;

import io.sextant.core.search.TopK;
import io.sextant.core.vector.Kernels;
import io.sextant.core.vector.Similarity;
import io.sextant.core.vector.VectorChecks;
import io.sextant.core.vector.VectorKernels;
import org.roaringbitmap.RoaringBitmap;

/**
 * An HNSW graph traversed on compact codes ({@link QuantizedVectors}, int8 or binary) and reranked
 * exactly: the beam search runs on estimated scores and keeps its best {@code rerank} nodes, which
 * are then rescored with the float vectors (read in place from their block, e.g. the segment's
 * mapped {@code .vec} file) and cut to {@code k}. The graph itself is the one built on the float
 * vectors; only the scoring during traversal changes.
 *
 * <p>Thread-safe for searching: each thread gets its own scratch.
 */
public final class QuantizedHnswIndex {
  private final HnswIndex index;
  private final QuantizedVectors codes;
  private final VectorKernels kernels;
  private final ThreadLocal<Scratch> scratch;

  private QuantizedHnswIndex(HnswIndex index, QuantizedVectors codes, VectorKernels kernels) {
    if (codes.size() != index.vectors().size() || codes.dimension() != index.vectors().dimension()) {
      throw new IllegalArgumentException("codes of " + codes.size() + " x " + codes.dimension() + " do not match "
          + index.vectors().size() + " vectors of dimension " + index.vectors().dimension());
    }
    this.index = index;
    this.codes = codes;
    this.kernels = kernels;
    this.scratch = ThreadLocal.withInitial(Scratch::new);
  }

  /**
   * Traverses {@code index}'s graph on {@code codes} and reranks on its vectors. The codes are
   * encoded from {@link HnswIndex#vectors()}, so they are in its node numbering; results come back
   * as the caller's ordinals, as from {@code index}.
   */
  public static QuantizedHnswIndex of(HnswIndex index, QuantizedVectors codes) {
    return new QuantizedHnswIndex(index, codes, Kernels.get());
  }

  /**
   * Candidates reranked when the caller does not say: {@code max(k, min(ef, 3k))} for int8, whose
   * ranking errors are local (the true neighbours sit just behind in the beam), and the whole
   * beam, {@code ef}, for binary codes, whose coarse Hamming ranking scatters them across it.
   */
  public static int defaultRerank(Quantization quantization, int k, int ef) {
    int width = Math.max(k, ef);
    return quantization == Quantization.BINARY ? width : Math.max(k, Math.min(width, 3 * k));
  }

  public HnswIndex index() { return index; }

  public QuantizedVectors codes() { return codes; }

  /**
   * The {@code k} nearest nodes to {@code query} among those {@code accept} admits (all when null),
   * best first, with exact public {@link Similarity} scores.
   *
   * @param efSearch beam width on layer 0, at least {@code k}
   * @param rerank   candidates rescored exactly, at least {@code k}; the beam is widened to it when larger than efSearch
   */
  public TopK.ScoredOrds search(float[] query, int k, int efSearch, int rerank, RoaringBitmap accept) {
    VectorChecks.requireValid(query, index.vectors().dimension(), index.similarity(), "query");
    if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
    if (efSearch < k) throw new IllegalArgumentException("efSearch must be >= k: got efSearch=" + efSearch + ", k=" + k);
    if (rerank < k) throw new IllegalArgumentException("rerank must be >= k: got rerank=" + rerank + ", k=" + k);
    Scratch s = scratch.get();
    HnswGraph graph = index.graph();
    int width = Math.max(efSearch, rerank);
    TopK candidates = new TopK(rerank);
    GraphScorer approx = s.setQuery(query);
    if (accept == null) {
      s.searcher.search(graph, approx, rerank, width, null, candidates);
    } else {
      s.filtered.search(graph, s.searcher, approx, rerank, width, index.toNodes(accept),
          HnswIndex.exactScanBelow(width, graph.maxConn(0), graph.size()), candidates);
    }
    TopK.ScoredOrds found = candidates.drainBestFirst();
    int n = found.size();
    float[] exact = s.exact(n);
    s.floats.setQuery(query).score(found.ords(), n, exact);
    TopK top = new TopK(k);
    for (int i = 0; i < n; i++) top.offer(found.ords()[i], exact[i]);
    TopK.ScoredOrds raw = index.toOrds(top.drainBestFirst());
    float[] scores = raw.scores();
    for (int i = 0; i < scores.length; i++) scores[i] = index.similarity().toScore(scores[i]);
    return raw;
  }

  private final class Scratch {
    final HnswGraphSearcher searcher = new HnswGraphSearcher(index.graph().size());
    final FilteredSearch filtered = new FilteredSearch();
    final FloatVectorScorer floats = new FloatVectorScorer(index.vectors(), index.similarity(), kernels);
    final Int8Scorer int8 = codes.quantization() == Quantization.INT8
        ? new Int8Scorer(codes, index.similarity(), kernels) : null;
    final BinaryScorer binary = codes.quantization() == Quantization.BINARY ? new BinaryScorer(codes) : null;
    float[] exact = new float[64];

    GraphScorer setQuery(float[] q) {
      return int8 != null ? int8.setQuery(q) : binary.setQuery(q);
    }

    float[] exact(int n) {
      if (exact.length < n) exact = new float[n];
      return exact;
    }
  }
}
