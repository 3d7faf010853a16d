package io.sextant.hnsw;

/**
 * The stored vectors a graph is built over and searched against, as the builder and searcher see
 * them: a source of per-thread {@link QueryScorer}s. {@link FloatVectorScorer#factory} serves a
 * contiguous vector block; the write buffer's chunked vectors have their own.
 */
@FunctionalInterface
public interface ScorerFactory {

  /** A new scorer for one thread. */
  QueryScorer newScorer();
}
