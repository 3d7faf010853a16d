package io.sextant.hnsw;

/**
 * Scores one query (set beforehand) against stored nodes. Scores are raw values in the
 * {@link io.sextant.core.vector.Similarity#raw raw} sense: higher is better, order-preserving.
 * Graph traversal sees nodes only through this interface, so it can run on exact float vectors
 * or on compressed codes (with an exact rerank afterwards) without change.
 */
public interface GraphScorer {

  /** Raw score of the current query against {@code node}. */
  float score(int node);

  /**
   * Scores {@code nodes[0..count)} into {@code out[0..count)}. Batching lets an implementation
   * dispatch once per expanded node and keep its inner loop free of virtual calls.
   */
  default void score(int[] nodes, int count, float[] out) {
    for (int i = 0; i < count; i++) out[i] = score(nodes[i]);
  }

  /**
   * How many nodes this scorer likes to score per call (its widest batch kernel): the beam search
   * gathers that many unvisited neighbours, up to 16, before scoring them.
   */
  default int batchWidth() {
    return 8;
  }
}
