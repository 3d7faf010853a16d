package io.sextant.bench.engine;

import io.github.jbellis.jvector.vector.VectorSimilarityFunction;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import java.util.List;

/**
 * JVector 4.x as a peer: an in-memory graph built with {@code GraphIndexBuilder} and searched
 * with {@code GraphSearcher}. See {@link JVectorGraphIndex} for the parameter mapping.
 */
public final class JVectorEngine implements Engine {

  @Override public String name() {
    return "jvector";
  }

  @Override public List<IndexDescriptor> indexes() {
    return List.of(new IndexDescriptor("hnsw",
        "GraphIndexBuilder on heap: M -> maxDegree, efConstruction -> beamWidth, overflow = alpha = 1.2; "
            + "efSearch -> rerankK",
        HnswParams.specs(1024, 10_000)));
  }

  @Override public BuiltIndex build(String index, FloatVectors base, Similarity similarity, Params params, int threads)
      throws Exception {
    index(index);
    return JVectorGraphIndex.build(base, similarity(similarity), params.get(HnswParams.M),
        params.get(HnswParams.EF_CONSTRUCTION), threads);
  }

  /**
   * JVector has no maximum-inner-product similarity. Its DOT_PRODUCT assumes unit vectors: fed
   * vectors of varying length its graph loses most neighbours (recall 0.65 at efSearch=200 in
   * our test, where Lucene's MAXIMUM_INNER_PRODUCT reaches 0.99), so that case is refused rather
   * than reported as a slow, bad peer.
   */
  static VectorSimilarityFunction similarity(Similarity s) {
    return switch (s) {
      case EUCLIDEAN -> VectorSimilarityFunction.EUCLIDEAN;
      case DOT_PRODUCT -> VectorSimilarityFunction.DOT_PRODUCT;
      case COSINE -> VectorSimilarityFunction.COSINE;
      case MAXIMUM_INNER_PRODUCT -> throw new IllegalArgumentException(
          "engine jvector does not support MAXIMUM_INNER_PRODUCT (JVector 4 has EUCLIDEAN, DOT_PRODUCT for unit vectors, "
              + "COSINE); use lucene or sextant for this dataset");
    };
  }
}
