package io.sextant.core.index;

import io.sextant.core.vector.FloatVectors;
import java.io.IOException;

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
   * (which may be none, as for the flat index).
   */
  void write(IndexSpec spec, FloatVectors vectors, IndexFiles files) throws IOException;

  /** Opens what {@link #write} wrote, reading it in place from the mapped files. */
  VectorSearcher open(IndexSpec spec, FloatVectors vectors, IndexFiles files) throws IOException;

  /** A new, empty index for the in-memory write buffer over {@code vectors}. */
  LiveIndex newLiveIndex(IndexSpec spec, LiveVectors vectors);
}
