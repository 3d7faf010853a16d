package io.sextant.bench.engine;

import io.sextant.core.flat.FlatIndex;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import java.util.List;
import org.roaringbitmap.RoaringBitmap;

/**
 * Sextant's own indexes. Today: {@code flat} (exact search). Approximate indexes ({@code hnsw},
 * {@code ivf}) will come from core's index SPI, found with {@code ServiceLoader}, and be listed
 * here next to {@code flat}; until then asking for them fails with the list of what exists.
 *
 * <p>Every Sextant index takes the build parameter {@code storage}:
 * <ul>
 *   <li>{@code memory} (default): the index object directly over the base vectors the harness
 *       loaded ({@link FlatIndex} for flat). This measures the search algorithm alone and stays the
 *       default so earlier result files remain comparable.</li>
 *   <li>{@code collection}: the product path, a {@link io.sextant.core.collection.Collection} in a
 *       temporary folder built with this index type (see {@link CollectionIndex}); index_bytes is
 *       then what the collection occupies on disk.</li>
 * </ul>
 */
public final class SextantEngine implements Engine {
  /** Build parameter choosing where the index lives; harness-only, never passed to the index type. */
  public static final String STORAGE = "storage";
  public static final String MEMORY = "memory";
  public static final String COLLECTION = "collection";

  static final ParamSpec STORAGE_SPEC = ParamSpec.buildChoice(STORAGE, List.of(MEMORY, COLLECTION), MEMORY,
      "memory (default): the index over the loaded vectors; collection: a Collection on disk, mmapped, "
          + "index_bytes from its files");

  @Override public String name() {
    return "sextant";
  }

  @Override public List<IndexDescriptor> indexes() {
    // Index types from core's index SPI are listed here; flat also runs through a Collection (storage=collection).
    return List.of(new IndexDescriptor("flat", "exact search over the vectors in place (FlatIndex, or a flat Collection "
        + "with storage=collection)", List.of(STORAGE_SPEC)),
        SextantHnswIndex.DESCRIPTOR,
        SextantIvfIndex.DESCRIPTOR);
  }

  /** Every Sextant index searches under an accept-set (with {@code storage=memory}). */
  @Override public boolean supportsFilter(String index) {
    index(index);
    return true;
  }

  @Override public BuiltIndex build(String index, FloatVectors base, Similarity similarity, Params params, int threads)
      throws Exception {
    index(index);
    boolean collection = params.label(STORAGE).equals(COLLECTION);
    if (index.equals(SextantHnswIndex.DESCRIPTOR.name())) {
      return collection ? SextantHnswIndex.collection(base, similarity, params.without(STORAGE), threads)
          : SextantHnswIndex.build(base, similarity, params, threads);
    }
    if (index.equals(SextantIvfIndex.DESCRIPTOR.name())) {
      return collection ? SextantIvfIndex.collection(base, similarity, params.without(STORAGE), threads)
          : SextantIvfIndex.build(base, similarity, params, threads);
    }
    if (collection) return CollectionIndex.build(index, params.without(STORAGE), base, similarity, threads);
    return memoryFlat(base, similarity);
  }

  private static BuiltIndex memoryFlat(FloatVectors base, Similarity similarity) {
    FlatIndex flat = new FlatIndex(base, similarity);
    return new BuiltIndex() {
      @Override public long indexBytes() {
        // A flat index is its vector block; FlatIndex scores it where it lies and copies nothing.
        return (long) base.size() * base.dimension() * Float.BYTES;
      }

      @Override public QuerySearcher searcher(int k, Params searchParams) {
        return query -> flat.search(query, k).ords();
      }

      @Override public QuerySearcher searcher(int k, Params searchParams, RoaringBitmap accept) {
        return query -> flat.search(query, k, accept).ords();
      }

      @Override public void close() {}
    };
  }
}
