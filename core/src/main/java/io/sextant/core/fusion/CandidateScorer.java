package io.sextant.core.fusion;

import java.util.List;

/**
 * Scores, on one side of a hybrid search, candidates that side did not return: what
 * {@link Fusion#combined} needs to give every candidate of the union its real score on both
 * sides. The {@code Collection} implements it with an exact vector comparison and a BM25 lookup
 * of the document in the postings.
 */
public interface CandidateScorer<K> {
  /** The vector-side score of each key, in order (same scale as the vector side's list). */
  float[] vectorScores(List<K> keys);

  /** The text-side (BM25) score of each key, in order; 0 for a document without any query term. */
  float[] textScores(List<K> keys);
}
