package io.sextant.bench.engine;

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

  @Override void close() throws Exception;
}
