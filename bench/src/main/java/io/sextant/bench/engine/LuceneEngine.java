package io.sextant.bench.engine;

import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import java.util.List;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.index.VectorSimilarityFunction;

/**
 * Apache Lucene's HNSW ({@code lucene-core} 10.x) as a peer: vectors indexed as
 * {@code KnnFloatVectorField}s, searched with {@code KnnFloatVectorQuery}. See
 * {@link LuceneHnswIndex} for how the harness's parameters map onto Lucene's.
 */
public final class LuceneEngine implements Engine {

  @Override public String name() {
    return "lucene";
  }

  @Override public List<IndexDescriptor> indexes() {
    return List.of(new IndexDescriptor("hnsw",
        "Lucene99HnswVectorsFormat in an MMapDirectory, force-merged to one segment; efSearch -> query k",
        HnswParams.specs(Lucene99HnswVectorsFormat.MAXIMUM_MAX_CONN, Lucene99HnswVectorsFormat.MAXIMUM_BEAM_WIDTH)));
  }

  /** HNSW takes the harness's filter as a KnnFloatVectorQuery filter. */
  @Override public boolean supportsFilter(String index) {
    index(index);
    return true;
  }

  @Override public BuiltIndex build(String index, FloatVectors base, Similarity similarity, Params params, int threads)
      throws Exception {
    index(index); // rejects unknown names with the list of known ones
    return LuceneHnswIndex.build(base, similarity(similarity), params.get(HnswParams.M),
        params.get(HnswParams.EF_CONSTRUCTION), threads);
  }

  /** Lucene defines the same four similarities with the same score transforms as Sextant. */
  static VectorSimilarityFunction similarity(Similarity s) {
    return switch (s) {
      case EUCLIDEAN -> VectorSimilarityFunction.EUCLIDEAN;
      case DOT_PRODUCT -> VectorSimilarityFunction.DOT_PRODUCT;
      case COSINE -> cosine();
      case MAXIMUM_INNER_PRODUCT -> VectorSimilarityFunction.MAXIMUM_INNER_PRODUCT;
    };
  }

  @SuppressWarnings("deprecation") // Lucene deprecates COSINE in favour of normalising + DOT_PRODUCT; we keep the data as is.
  private static VectorSimilarityFunction cosine() {
    return VectorSimilarityFunction.COSINE;
  }
}
