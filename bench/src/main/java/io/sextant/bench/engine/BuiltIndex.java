package io.sextant.bench.engine;

import org.roaringbitmap.RoaringBitmap;

/** An index an {@link Engine} built; closing it frees its memory and files. */
public interface BuiltIndex extends AutoCloseable {

  /**
   * Bytes of the index structure as the engine stores it, including its own copy of the vectors
   * when it keeps one (Lucene's files, JVector's heap copy plus graph, Sextant's vector block).
   */
  long indexBytes();

  /**
   * A searcher for one thread with the given search parameters (every search parameter the index
   * declares, defaults filled in). The harness creates one per query thread; searchers are not
   * shared between threads, so an engine may keep per-thread scratch state in them.
   */
  QuerySearcher searcher(int k, Params searchParams) throws Exception;

  /**
   * Like {@link #searcher(int, Params)}, but every result must be an ordinal {@code accept}
   * holds (the harness's {@code filter} parameter). The bitmap is shared by all searchers of a
   * setting and never modified. Indexes without filtered search keep this default, which refuses.
   */
  default QuerySearcher searcher(int k, Params searchParams, RoaringBitmap accept) throws Exception {
    throw new UnsupportedOperationException("unsupported param filter for this index (" + getClass().getSimpleName()
        + ")");
  }

  @Override void close() throws Exception;
}
