package io.sextant.bench.engine;

import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import io.sextant.hnsw.HnswGraphWriter;
import io.sextant.hnsw.HnswIndex;

/**
 * Sextant's HNSW ({@code io.sextant.hnsw}) for the {@code sextant} engine: {@code M} and
 * {@code efConstruction} map one to one (layer 0 keeps {@code 2·M} links, as Lucene's does),
 * {@code efSearch} is the layer-0 beam width per query ({@code max(k, efSearch)}). The graph is
 * built in memory with {@code threads} threads and searched over the harness's vector block in
 * place; {@code indexBytes} is that vector block plus the graph in its written form.
 */
final class SextantHnswIndex implements BuiltIndex {
  static final IndexDescriptor DESCRIPTOR = new IndexDescriptor("hnsw",
      "HNSW graph (io.sextant.hnsw): M, efConstruction at build time, efSearch per query",
      withStorage(HnswParams.specs(io.sextant.hnsw.HnswParams.MAX_M, 100_000)));

  private static java.util.List<ParamSpec> withStorage(java.util.List<ParamSpec> specs) {
    java.util.List<ParamSpec> all = new java.util.ArrayList<>(specs);
    all.add(SextantEngine.STORAGE_SPEC);
    return java.util.List.copyOf(all);
  }

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

  /** storage=collection: the same graph parameters through a Collection on disk (index type "hnsw"). */
  static BuiltIndex collection(FloatVectors base, Similarity similarity, Params params, int threads) throws Exception {
    return CollectionIndex.build("hnsw", java.util.Map.of(HnswParams.M, params.get(HnswParams.M),
        HnswParams.EF_CONSTRUCTION, params.get(HnswParams.EF_CONSTRUCTION)), p -> p, base, similarity, threads);
  }

  @Override public long indexBytes() {
    return (long) vectors.size() * vectors.dimension() * Float.BYTES + graphBytes;
  }

  @Override public QuerySearcher searcher(int k, Params searchParams) {
    int ef = Math.max(k, searchParams.get(HnswParams.EF_SEARCH));
    return query -> index.search(query, k, ef).ords();
  }

  @Override public void close() {}
}
