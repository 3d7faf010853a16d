package io.sextant.core.index;

import io.sextant.core.vector.FloatVectors;
import java.io.IOException;
import java.util.List;

/**
 * A kind of vector index ({@code flat}, {@code hnsw}, {@code ivf}, ...), found with
 * {@link java.util.ServiceLoader} through {@link IndexTypes}: a new index is a new module that
 * {@code provides io.sextant.core.index.IndexType}, not an edit to core.
 *
 * <p>Per immutable segment, the collection calls {@link #write} once with the segment's vectors
 * (memory-mapped), then {@link #open} every time the segment is opened; the write buffer uses
 * {@link #newLiveIndex}. Implementations are stateless and thread-safe.
 */
public interface IndexType {
  /** The short lowercase name used in options and manifests. */
  String name();

  /**
   * Checks build parameters and returns them with every default made explicit; the result is
   * stored in the manifest and handed back in {@link IndexSpec#params()}.
   *
   * @throws IllegalArgumentException naming an unknown or out-of-range parameter
   */
  IndexParams configure(IndexParams params, int dimension, io.sextant.core.vector.Similarity similarity);

  /** Checks search-time parameters (e.g. {@code efSearch}) before any segment is searched. */
  void validateSearchParams(IndexParams searchParams);

  /**
   * Builds the index of an immutable segment's {@code vectors} and writes it into {@code files}
   * (which may be none, as for the flat index). The vectors are memory-mapped and may be read by
   * several threads; they are valid until this method returns. Called on a background thread
   * (flush or merge); searches go on meanwhile against other segments.
   */
  void write(IndexSpec spec, FloatVectors vectors, IndexFiles files) throws IOException;

  /**
   * Builds the index of a segment made by merging {@code inputs} and writes it into {@code files}.
   * {@code vectors} are the merged vectors, as for {@link #write}; each input maps its ordinals to
   * merged ones. Rebuilding from scratch is always correct, and is what this default does; an
   * index type overrides it to reuse what the inputs already computed (the largest input's graph
   * or centroids), since a merge otherwise re-pays the whole build of data that was indexed
   * before. The result must be what {@link #open} reads, exactly as if {@link #write} had made it.
   */
  default void writeMerged(IndexSpec spec, FloatVectors vectors, IndexFiles files, List<MergeInput> inputs)
      throws IOException {
    write(spec, vectors, files);
  }

  /**
   * Whether segments of this index type are written with their documents renumbered by
   * {@link #documentOrder}. False by default: documents keep the order they arrive in.
   */
  default boolean ordersDocuments(IndexSpec spec) {
    return false;
  }

  /**
   * The order to write a new segment's documents in, asked before any of its files is written
   * when {@link #ordersDocuments} says so: element {@code i} is the current ordinal of the document
   * that becomes ordinal {@code i}, a permutation of {@code 0..vectors.size()-1}. Vectors, ids,
   * stored fields and field indexes are all written in that order, so every ordinal the index
   * later sees ({@link #write}'s vectors, accept-sets, tombstones) is in it. An index searches
   * faster when the documents one query touches sit together in the files (see the hnsw type).
   * {@code vectors} is a copy in memory, readable by several threads, valid during the call.
   */
  default int[] documentOrder(IndexSpec spec, FloatVectors vectors) {
    throw new UnsupportedOperationException("index type '" + name() + "' does not order documents");
  }

  /** Opens what {@link #write} wrote, reading it in place from the mapped files. */
  VectorSearcher open(IndexSpec spec, FloatVectors vectors, IndexFiles files) throws IOException;

  /** A new, empty index for the in-memory write buffer over {@code vectors}. */
  LiveIndex newLiveIndex(IndexSpec spec, LiveVectors vectors);
}
