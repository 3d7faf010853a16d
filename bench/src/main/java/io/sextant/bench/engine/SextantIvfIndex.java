package io.sextant.bench.engine;

import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import io.sextant.ivf.IvfIndex;
import io.sextant.ivf.IvfSearchParams;
import io.sextant.ivf.IvfSpec;
import java.util.List;

/**
 * Sextant's IVF ({@code io.sextant.ivf}) for the {@code sextant} engine. Build parameters:
 * {@code nlist} (0: the library's {@code 4·√n} rule) and {@code pq}, named as in DESIGN.md:
 * {@code flat} lists, {@code sq8}, {@code auto} (PQ with {@code dim/8} sub-quantizers) or
 * {@code Mx8} (PQ with M sub-quantizers of 8 bits, from a fixed menu). Search parameter: {@code nprobe} (0: the
 * library default {@code ceil(nlist/32)}); SQ8 and PQ rerank with the library's default
 * oversampling against the harness's vector block.
 *
 * <p>{@code indexBytes} is the IVF structure as written (centroids, codebooks, lists with ids),
 * plus the vector block when the search reads it for the rerank (SQ8, PQ), as for HNSW.
 */
final class SextantIvfIndex implements BuiltIndex {
  static final String NLIST = "nlist";
  static final String PQ = "pq";
  static final String NPROBE = "nprobe";
  static final List<String> PQ_CHOICES =
      List.of("flat", "sq8", "auto", "4x8", "8x8", "16x8", "24x8", "32x8", "48x8", "64x8", "96x8", "128x8");
  static final IndexDescriptor DESCRIPTOR = new IndexDescriptor("ivf",
      "IVF (io.sextant.ivf): nlist and pq (flat, sq8, auto, Mx8) at build time, nprobe per query",
      List.of(
          ParamSpec.build(NLIST, 0, 1 << 22, 0, "inverted lists (default 0: 4·sqrt(n))"),
          ParamSpec.buildChoice(PQ, PQ_CHOICES, "flat", "list encoding: flat, sq8, auto (PQ, dim/8 sub-quantizers) or Mx8"),
          ParamSpec.search(NPROBE, 0, 1 << 22, k -> 0, "lists probed per query (default 0: ceil(nlist/32))"),
          SextantEngine.STORAGE_SPEC));

  private final FloatVectors vectors;
  private final IvfIndex index;

  private SextantIvfIndex(FloatVectors vectors, IvfIndex index) {
    this.vectors = vectors;
    this.index = index;
  }

  static SextantIvfIndex build(FloatVectors base, Similarity similarity, Params params, int threads) {
    IvfSpec spec = IvfSpec.parse(factoryString(params.get(NLIST), params.label(PQ)));
    return new SextantIvfIndex(base, IvfIndex.build(base, similarity, spec, threads));
  }

  /**
   * storage=collection: a Collection on disk with index type "ivf" and the same nlist / pq (0 and
   * the default nprobe are left to the index type's defaults).
   */
  static BuiltIndex collection(FloatVectors base, Similarity similarity, Params params, int threads) throws Exception {
    java.util.Map<String, Object> build = new java.util.LinkedHashMap<>();
    if (params.get(NLIST) > 0) build.put(NLIST, params.get(NLIST));
    build.put(PQ, params.label(PQ));
    return CollectionIndex.build("ivf", build, p -> {
      java.util.Map<String, Integer> m = new java.util.LinkedHashMap<>(p);
      if (m.getOrDefault(NPROBE, 0) == 0) m.remove(NPROBE);
      return m;
    }, base, similarity, threads);
  }

  /** The factory string for the harness's parameters ({@code pq} as one of {@link #PQ_CHOICES}). */
  static String factoryString(int nlist, String pq) {
    String encoding = switch (pq) {
      case "flat", "sq8" -> pq;
      default -> "pq=" + pq;
    };
    return "ivf(" + (nlist > 0 ? "nlist=" + nlist + "," : "") + encoding + ")";
  }

  @Override public long indexBytes() {
    boolean rerank = index.spec().encoding() != IvfSpec.Encoding.FLAT && index.spec().rerank() > 0;
    return index.indexBytes() + (rerank ? (long) vectors.size() * vectors.dimension() * Float.BYTES : 0);
  }

  @Override public QuerySearcher searcher(int k, Params searchParams) {
    int nprobe = searchParams.get(NPROBE);
    IvfSearchParams p = nprobe > 0 ? IvfSearchParams.builder().nprobe(nprobe).build() : IvfSearchParams.defaults();
    return query -> index.search(query, k, p).ords();
  }

  @Override public QuerySearcher searcher(int k, Params searchParams, org.roaringbitmap.RoaringBitmap accept) {
    int nprobe = searchParams.get(NPROBE);
    IvfSearchParams.Builder b = IvfSearchParams.builder().accept(accept);
    if (nprobe > 0) b.nprobe(nprobe);
    IvfSearchParams p = b.build();
    return query -> index.search(query, k, p).ords();
  }

  @Override public void close() {
    index.close();
  }
}
