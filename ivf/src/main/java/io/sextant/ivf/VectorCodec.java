package io.sextant.ivf;

import java.lang.foreign.MemorySegment;

/**
 * How an IVF index stores vectors in its lists and scores a query against them. Codecs score in
 * the "inner product form": an approximate raw score is {@code q·x̂} for inner-product metrics and
 * {@code -‖q - x̂‖² = 2·q·x̂ - ‖x̂‖² - ‖q‖²} for Euclidean ones, with {@code ‖x̂‖²} stored per
 * vector. With residual encoding {@code x̂ = c + r̂}, so {@code q·x̂ = q·c + q·r̂}: the lookup
 * tables for {@code q·r̂} do not depend on the list, and the per-list term {@code q·c} is one
 * dot product per probe.
 */
sealed interface VectorCodec permits FlatCodec, Sq8Codec, PqCodec {

  BlockLayout layout();

  int dimension();

  /** True when codes hold {@code x - centroid}. */
  boolean residual();

  /**
   * Encodes {@code x} (already unit length for cosine) into {@code code}; {@code centroid} is
   * the list's centroid, used when {@link #residual()}. Returns {@code ‖x̂‖²} when the layout
   * stores norms, else 0. {@code work} is scratch of {@link #dimension()} floats.
   */
  float encode(float[] x, float[] centroid, byte[] code, float[] work);

  /** Per-query scoring state (lookup tables, weights). {@code q} is prepared (unit for cosine). */
  QueryScorer scorer(float[] q);

  /** The codec's trained parameters as stored in the index file. */
  MemorySegment params();

  /** Scores one query against blocks of codes. Not thread-safe; one per query. */
  interface QueryScorer {
    /**
     * Approximate raw scores of the first {@code count} vectors of the block at {@code block}
     * into {@code out}; {@code listDot} is {@code q·c} of the list (ignored unless residual).
     */
    void scoreBlock(MemorySegment seg, long block, int count, float listDot, float[] out);

    /** Approximate raw score of vector {@code v} of the block at {@code block}. */
    float score(MemorySegment seg, long block, int v, float listDot);
  }
}
