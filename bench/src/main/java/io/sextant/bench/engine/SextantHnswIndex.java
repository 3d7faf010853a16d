package io.sextant.bench.engine;

import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import io.sextant.hnsw.HnswGraphWriter;
import io.sextant.hnsw.FilterStrategy;
import io.sextant.hnsw.HnswIndex;
import io.sextant.hnsw.Quantization;
import io.sextant.hnsw.QuantizedHnswIndex;
import io.sextant.hnsw.QuantizedVectors;
import java.util.ArrayList;
import java.util.List;

/**
 * Sextant's HNSW ({@code io.sextant.hnsw}) for the {@code sextant} engine: {@code M} and
 * {@code efConstruction} map one to one (layer 0 keeps {@code 2·M} links, as Lucene's does),
 * {@code efSearch} is the layer-0 beam width per query ({@code max(k, efSearch)}). The graph is
 * built in memory with {@code threads} threads and searched over the harness's vector block in
 * place ({@code order=input}), or by default ({@code order=locality}) over the index's own
 * renumbered copy of it;
 * {@code indexBytes} is the vector block searched plus the graph in its written form.
 *
 * <p>{@code quantization=int8|binary} also encodes the vectors into codes that the traversal
 * scores (see {@link QuantizedHnswIndex}), reranking the best {@code rerank} candidates on the
 * floats ({@code rerank=0}, the default, lets the index choose); {@code indexBytes} then also
 * counts the codes file ({@code <segment>.hnswq}) as the segment would store it.
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
      specs());
  static final String QUANTIZATION = "quantization";
  static final String RERANK = "rerank";
  /** Build parameter: the graph's node numbering ({@link HnswIndex.NodeOrder}). */
  static final String ORDER = "order";

  private static List<ParamSpec> specs() {
    List<ParamSpec> specs = new ArrayList<>(HnswParams.specs(io.sextant.hnsw.HnswParams.MAX_M, 100_000));
    specs.add(ParamSpec.buildChoice(ORDER, List.of("input", "locality"), "locality",
        "node numbering: locality (default; nodes renumbered so vectors close in space sit close in memory, over "
            + "the index's own copy of the vectors, or each segment written in that order with storage=collection) "
            + "or input (the loaded vectors searched in place; segments in arrival order)"));
    specs.add(ParamSpec.buildChoice(QUANTIZATION, List.of("none", "int8", "binary"), "none",
        "traversal on float vectors (none, default), int8 codes or binary codes, with exact rerank"));
    specs.add(ParamSpec.search(RERANK, 0, 1_000_000, k -> 0,
        "quantized only: candidates rescored on floats (default 0: the index's choice, max(k, min(ef, 3k)) for int8, ef for binary)"));
    specs.add(ParamSpec.searchChoice(FILTER_PATH, List.of("auto", "graph", "scan"), "auto",
        "with --param filter: auto (default), graph (filtered graph search, no fallback) or scan (exact over the accepted set)"));
    specs.add(SextantEngine.STORAGE_SPEC);
    return List.copyOf(specs);
  }

  private final HnswIndex index;
  private final long graphBytes;
  private final QuantizedHnswIndex quantized;

  private SextantHnswIndex(HnswIndex index, QuantizedHnswIndex quantized) {
    this.index = index;
    this.graphBytes = new HnswGraphWriter(index.graph()).byteSize();
    this.quantized = quantized;
  }

  static SextantHnswIndex build(FloatVectors base, Similarity similarity, Params params, int threads) {
    io.sextant.hnsw.HnswParams p = io.sextant.hnsw.HnswParams.builder()
        .m(params.get(HnswParams.M))
        .efConstruction(params.get(HnswParams.EF_CONSTRUCTION))
        .build();
    HnswIndex.NodeOrder order = HnswIndex.NodeOrder.valueOf(
        params.label(ORDER).toUpperCase(java.util.Locale.ROOT));
    HnswIndex index = HnswIndex.build(base, similarity, p, threads, order);
    Quantization q = Quantization.parse(params.labels().getOrDefault(QUANTIZATION, "none"));
    // Codes in the index's node numbering: encoded from its vectors (its own copy under order=locality).
    return new SextantHnswIndex(index, q == Quantization.NONE ? null
        : QuantizedHnswIndex.of(index, QuantizedVectors.encode(index.vectors(), q)));
  }

  /** storage=collection: the same graph parameters through a Collection on disk (index type "hnsw"). */
  static BuiltIndex collection(FloatVectors base, Similarity similarity, Params params, int threads) throws Exception {
    java.util.Map<String, Object> build = new java.util.LinkedHashMap<>();
    build.put(HnswParams.M, params.get(HnswParams.M));
    build.put(ORDER, params.label(ORDER)); // the index type's own parameter (HnswIndexType.ORDER), same values
    build.put(HnswParams.EF_CONSTRUCTION, params.get(HnswParams.EF_CONSTRUCTION));
    String q = params.labels().getOrDefault(QUANTIZATION, "none");
    if (!q.equals("none")) build.put(QUANTIZATION, q); // the index type records it only when quantized
    // filterPath is the harness's switch for the in-memory index; the Collection's planner decides itself.
    return CollectionIndex.build("hnsw", build, p -> {
      java.util.Map<String, Integer> search = new java.util.LinkedHashMap<>(p);
      search.remove(FILTER_PATH);
      if (search.getOrDefault(RERANK, 0) == 0) search.remove(RERANK); // 0 = the index type's default
      return search;
    }, base, similarity, threads);
  }

  @Override public long indexBytes() {
    long codes = quantized == null ? 0 : quantized.codes().fileBytes();
    FloatVectors vectors = index.vectors();
    return (long) vectors.size() * vectors.dimension() * Float.BYTES + graphBytes + codes;
  }

  @Override public QuerySearcher searcher(int k, Params searchParams) {
    int ef = Math.max(k, searchParams.get(HnswParams.EF_SEARCH));
    if (quantized != null) {
      int r = searchParams.values().getOrDefault(RERANK, 0);
      int rerank = r == 0 ? QuantizedHnswIndex.defaultRerank(quantized.codes().quantization(), k, ef) : Math.max(k, r);
      return query -> quantized.search(query, k, ef, rerank, null).ords();
    }
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
