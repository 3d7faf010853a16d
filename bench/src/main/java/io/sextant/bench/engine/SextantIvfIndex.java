package io.sextant.bench.engine;

import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import io.sextant.ivf.IvfIndex;
import io.sextant.ivf.IvfSearchParams;
import io.sextant.ivf.IvfSpec;
import java.util.List;

/**
 * Sextant's IVF ({@code io.sextant.ivf}) for the {@code sextant} engine. Build parameters:
 * {@code nlist} (0: the library's {@code 4·√n} rule) and {@code pq}, which the harness passes as
 * an integer: {@code 0} flat lists, {@code -1} SQ8, {@code -2} PQ with {@code auto} sub-quantizers
 * ({@code dim/8}), {@code M > 0} PQ with {@code M×8}. Search parameter: {@code nprobe} (0: the
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
  static final IndexDescriptor DESCRIPTOR = new IndexDescriptor("ivf",
      "IVF (io.sextant.ivf): nlist and pq (0 flat, -1 sq8, -2 auto, M>0 Mx8) at build time, nprobe per query",
      List.of(
          ParamSpec.build(NLIST, 0, 1 << 22, 0, "inverted lists (default 0: 4·sqrt(n))"),
          ParamSpec.build(PQ, -2, 1 << 16, 0, "list encoding: 0 flat, -1 sq8, -2 pq=auto (dim/8), M>0 pq=Mx8"),
          ParamSpec.search(NPROBE, 0, 1 << 22, k -> 0, "lists probed per query (default 0: ceil(nlist/32))")));

  private final FloatVectors vectors;
  private final IvfIndex index;

  private SextantIvfIndex(FloatVectors vectors, IvfIndex index) {
    this.vectors = vectors;
    this.index = index;
  }

  static SextantIvfIndex build(FloatVectors base, Similarity similarity, Params params, int threads) {
    IvfSpec spec = IvfSpec.parse(factoryString(params.get(NLIST), params.get(PQ)));
    return new SextantIvfIndex(base, IvfIndex.build(base, similarity, spec, threads));
  }

  /** The factory string for the harness's integer parameters. */
  static String factoryString(int nlist, int pq) {
    String encoding = switch (pq) {
      case 0 -> "flat";
      case -1 -> "sq8";
      case -2 -> "pq=auto";
      default -> "pq=" + pq + "x8";
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

  @Override public void close() {
    index.close();
  }
}
