package io.sextant.hnsw;

import io.sextant.core.index.IndexParams;
import io.sextant.core.index.LiveIndex;
import io.sextant.core.index.LiveVectors;
import io.sextant.core.search.TopK;
import io.sextant.core.vector.Similarity;
import io.sextant.core.vector.VectorKernels;
import org.roaringbitmap.RoaringBitmap;

/**
 * The write buffer's index: an HNSW graph that grows by one node per {@link #add}, searched
 * concurrently. Searches may walk through nodes whose {@code add} has not returned yet (they keep
 * the graph connected) but only return ordinals in the accept bitmap, which the collection fills
 * with finished ones.
 */
final class HnswLiveIndex implements LiveIndex {
  private final LiveVectors vectors;
  private final Similarity similarity;
  private final VectorKernels kernels;
  private final HnswGraphBuilder builder;
  private final ThreadLocal<Scratch> scratch;

  HnswLiveIndex(LiveVectors vectors, Similarity similarity, HnswParams params, VectorKernels kernels) {
    this.vectors = vectors;
    this.similarity = similarity;
    this.kernels = kernels;
    this.builder = HnswGraphBuilder.incremental(() -> new LiveVectorScorer(vectors, similarity, kernels), params);
    this.scratch = ThreadLocal.withInitial(Scratch::new);
  }

  @Override
  public void add(int ord) {
    builder.add(ord);
  }

  @Override
  public TopK.ScoredOrds search(float[] query, int k, IndexParams params, RoaringBitmap accept) {
    int ef = Math.max(k, HnswIndexType.efSearch(params));
    Scratch s = scratch.get();
    TopK top = new TopK(k);
    OnHeapHnswGraph graph = builder.graph();
    s.scorer.setQuery(query);
    if (accept == null) {
      s.searcher.search(graph, s.scorer, k, ef, null, top);
    } else {
      s.filtered.search(graph, s.searcher, s.scorer, k, ef, accept, HnswIndex.exactScanBelow(ef, graph.maxConn(0), graph.size()), top);
    }
    TopK.ScoredOrds r = top.drainBestFirst();
    float[] scores = r.scores();
    for (int i = 0; i < scores.length; i++) scores[i] = similarity.toScore(scores[i]);
    return r;
  }

  private final class Scratch {
    final HnswGraphSearcher searcher = new HnswGraphSearcher(0);
    final LiveVectorScorer scorer = new LiveVectorScorer(vectors, similarity, kernels);
    final FilteredSearch filtered = new FilteredSearch();
  }
}
