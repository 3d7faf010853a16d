package io.sextant.bench.engine;

/** Answers queries on one thread; see {@link BuiltIndex#searcher}. Closed by the harness after its last query. */
@FunctionalInterface
public interface QuerySearcher extends AutoCloseable {

  /** Ordinals (positions in the base vectors) of the best hits, best first, at most k of them. */
  int[] search(float[] query) throws Exception;

  @Override default void close() throws Exception {}
}
