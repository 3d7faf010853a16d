package io.sextant.hnsw;

/**
 * A {@link GraphScorer} whose query is set by the caller: a query vector at search time, or a
 * stored node's own vector while building (to score a new node against its candidates, or two
 * candidates against each other). Reusable and not thread-safe: one per thread.
 */
public interface QueryScorer extends GraphScorer {

  /** Scores against {@code q} from now on; the array is used as is, not copied. */
  QueryScorer setQuery(float[] q);

  /** Scores against stored vector {@code node} from now on. */
  QueryScorer setQueryToNode(int node);
}
