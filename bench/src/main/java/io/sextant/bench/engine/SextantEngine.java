package io.sextant.bench.engine;

import io.sextant.core.flat.FlatIndex;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import java.util.List;

/**
 * Sextant's own indexes. Today: {@code flat} (exact search, {@link FlatIndex}). Approximate
 * indexes ({@code hnsw}, {@code ivf}) will come from core's index SPI, found with
 * {@code ServiceLoader}, and be listed here next to {@code flat}; until then asking for them
 * fails with the list of what exists.
 */
public final class SextantEngine implements Engine {

  @Override public String name() {
    return "sextant";
  }

  @Override public List<IndexDescriptor> indexes() {
    // Index types from core's index SPI (hnsw, ivf) are appended here once that SPI exists.
    return List.of(new IndexDescriptor("flat", "exact search over the vectors in place (FlatIndex)", List.of()),
        SextantHnswIndex.DESCRIPTOR);
  }

  @Override public BuiltIndex build(String index, FloatVectors base, Similarity similarity, Params params, int threads) {
    index(index);
    if (index.equals(SextantHnswIndex.DESCRIPTOR.name())) return SextantHnswIndex.build(base, similarity, params, threads);
    FlatIndex flat = new FlatIndex(base, similarity);
    return new BuiltIndex() {
      @Override public long indexBytes() {
        // A flat index is its vector block; FlatIndex scores it where it lies and copies nothing.
        return (long) base.size() * base.dimension() * Float.BYTES;
      }

      @Override public QuerySearcher searcher(int k, Params searchParams) {
        return query -> flat.search(query, k).ords();
      }

      @Override public void close() {}
    };
  }
}
