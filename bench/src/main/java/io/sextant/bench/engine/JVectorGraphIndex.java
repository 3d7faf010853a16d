package io.sextant.bench.engine;

import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.ImmutableGraphIndex;
import io.github.jbellis.jvector.graph.ListRandomAccessVectorValues;
import io.github.jbellis.jvector.graph.RandomAccessVectorValues;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.graph.similarity.DefaultSearchScoreProvider;
import io.github.jbellis.jvector.util.Bits;
import io.github.jbellis.jvector.vector.VectorSimilarityFunction;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;
import io.sextant.core.vector.FloatVectors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * A JVector graph held on the heap, next to JVector's own copy of the vectors (a
 * {@link ListRandomAccessVectorValues}, the in-memory form its README starts from).
 * <ul>
 *   <li>{@code M} is the graph's max degree and {@code efConstruction} its build beam width.
 *       The 4.x builder API has no defaults for neighbour overflow and alpha; we use 1.2 and 1.2,
 *       the values JVector's README and examples use. Hierarchy and final refinement follow
 *       JVector's own configuration defaults (both on).</li>
 *   <li>{@code efSearch} is the search's {@code rerankK}, the size of the candidate queue on the
 *       base layer (JVector rejects {@code rerankK < topK}, so it is {@code max(k, efSearch)});
 *       {@code topK} is k. Scores are exact (no quantization), so rerank is a no-op re-sort.</li>
 *   <li>The build runs on a {@link ForkJoinPool} of {@code threads} workers, used for both
 *       JVector's parallel and SIMD executors.</li>
 * </ul>
 */
final class JVectorGraphIndex implements BuiltIndex {
  private static final VectorTypeSupport VTS = VectorizationProvider.getInstance().getVectorTypeSupport();
  private static final float NEIGHBOR_OVERFLOW = 1.2f;
  private static final float ALPHA = 1.2f;

  private final RandomAccessVectorValues vectors;
  private final VectorSimilarityFunction similarity;
  private final ImmutableGraphIndex graph;
  private final long indexBytes;

  private JVectorGraphIndex(RandomAccessVectorValues vectors, VectorSimilarityFunction similarity,
      ImmutableGraphIndex graph) {
    this.vectors = vectors;
    this.similarity = similarity;
    this.graph = graph;
    this.indexBytes = graph.ramBytesUsed() + (long) vectors.size() * vectors.dimension() * Float.BYTES;
  }

  static JVectorGraphIndex build(FloatVectors base, VectorSimilarityFunction similarity, int m, int efConstruction,
      int threads) throws IOException {
    List<VectorFloat<?>> copies = new ArrayList<>(base.size());
    for (int i = 0; i < base.size(); i++) copies.add(VTS.createFloatVector(base.get(i)));
    RandomAccessVectorValues ravv = new ListRandomAccessVectorValues(copies, base.dimension());
    ForkJoinPool pool = new ForkJoinPool(Math.max(1, threads));
    try (GraphIndexBuilder builder = GraphIndexBuilder.builder(ravv, similarity, m)
        .withBeamWidth(efConstruction)
        .withNeighborOverflow(NEIGHBOR_OVERFLOW)
        .withAlpha(ALPHA)
        .withSimdExecutor(pool)
        .withParallelExecutor(pool)
        .build()) {
      ImmutableGraphIndex graph = builder.build(ravv);
      return new JVectorGraphIndex(ravv, similarity, graph);
    } finally {
      pool.shutdownNow();
    }
  }

  @Override public long indexBytes() {
    return indexBytes;
  }

  @Override public QuerySearcher searcher(int k, Params searchParams) {
    int rerankK = Math.max(k, searchParams.get(HnswParams.EF_SEARCH));
    GraphSearcher searcher = new GraphSearcher(graph); // one per thread: it holds scratch state
    RandomAccessVectorValues view = vectors.threadLocalSupplier().get();
    return new QuerySearcher() {
      @Override public int[] search(float[] query) {
        VectorFloat<?> q = VTS.createFloatVector(query);
        SearchResult r = searcher.search(DefaultSearchScoreProvider.exact(q, similarity, view), k, rerankK, 0f, 0f, Bits.ALL);
        SearchResult.NodeScore[] nodes = r.getNodes();
        int[] ords = new int[nodes.length];
        for (int i = 0; i < nodes.length; i++) ords[i] = nodes[i].node;
        return ords;
      }

      @Override public void close() throws IOException {
        searcher.close();
      }
    };
  }

  @Override public void close() throws IOException {
    graph.close();
  }
}
