package io.sextant.hnsw;

/**
 * Raw scores (higher is better, see {@link io.sextant.core.vector.Similarity#raw}) of a query
 * against stored vectors addressed by ordinal, one at a time or in batches. Implementations are
 * bound to one block of vectors and one similarity, and may keep scratch: not thread-safe.
 */
interface BatchKernel {

  float score(float[] q, int node);

  /** Scores {@code nodes[0..count)} into {@code out[0..count)}. */
  void score(float[] q, int[] nodes, int count, float[] out);

  /** The widest batch this kernel scores in one loop (see {@link GraphScorer#batchWidth()}). */
  default int batchWidth() {
    return 8;
  }
}
