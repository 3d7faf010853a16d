package io.sextant.bench.engine;

import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import io.sextant.hnsw.HnswGraphWriter;
import io.sextant.hnsw.FilterStrategy;
import io.sextant.hnsw.HnswIndex;

/**
 * Sextant's HNSW ({@code io.sextant.hnsw}) for the {@code sextant} engine: {@code M} and
 * {@code efConstruction} map one to one (layer 0 keeps {@code 2·M} links, as Lucene's does),
 * {@code efSearch} is the layer-0 beam width per query ({@code max(k, efSearch)}). The graph is
 * built in memory with {@code threads} threads and searched over the harness's vector block in
 * place; {@code indexBytes} is that vector block plus the graph in its written form.
 */
final class SextantHnswIndex implements BuiltIndex {
  /**
   * Search parameter choosing the filtered path ({@link FilterStrategy}): {@code auto} (the
   * library's choice), {@code graph} or {@code scan}, to measure the two paths side by side.
   * Ignored without a filter.
   */
  static final String FILTER_PATH = "filterPath";
  static final IndexDescriptor DESCRIPTOR = new IndexDescriptor("hnsw",
      "HNSW graph (io.sextant.hnsw): M, efConstruction at build time, efSearch per query",
      java.util.stream.Stream.concat(HnswParams.specs(io.sextant.hnsw.HnswParams.MAX_M, 100_000).stream(),
          java.util.stream.Stream.of(ParamSpec.searchChoice(FILTER_PATH, java.util.List.of("auto", "graph", "scan"),
              "auto", "with --param filter: auto (default), graph (filtered graph search, no fallback) or scan "
                  + "(exact over the accepted set)"))).toList());

  private final FloatVectors vectors;
  private final HnswIndex index;
  private final long graphBytes;

  private SextantHnswIndex(FloatVectors vectors, HnswIndex index) {
    this.vectors = vectors;
    this.index = index;
    this.graphBytes = new HnswGraphWriter(index.graph()).byteSize();
  }

  static SextantHnswIndex build(FloatVectors base, Similarity similarity, Params params, int threads) {
    io.sextant.hnsw.HnswParams p = io.sextant.hnsw.HnswParams.builder()
        .m(params.get(HnswParams.M))
        .efConstruction(params.get(HnswParams.EF_CONSTRUCTION))
        .build();
    return new SextantHnswIndex(base, HnswIndex.build(base, similarity, p, threads));
  }

  @Override public long indexBytes() {
    return (long) vectors.size() * vectors.dimension() * Float.BYTES + graphBytes;
  }

  @Override public QuerySearcher searcher(int k, Params searchParams) {
    int ef = Math.max(k, searchParams.get(HnswParams.EF_SEARCH));
    return query -> index.search(query, k, ef).ords();
  }

  @Override public QuerySearcher searcher(int k, Params searchParams, org.roaringbitmap.RoaringBitmap accept) {
    int ef = Math.max(k, searchParams.get(HnswParams.EF_SEARCH));
    FilterStrategy strategy = FilterStrategy.valueOf(
        searchParams.label(FILTER_PATH).toUpperCase(java.util.Locale.ROOT));
    return query -> index.search(query, k, ef, accept, strategy).ords();
  }

  @Override public void close() {}
}
