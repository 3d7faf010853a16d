package io.sextant.ivf;

import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import io.sextant.core.vector.VectorKernels;

/**
 * Exact scores of the original float vectors by ordinal, for the rerank step: where the
 * full-precision vectors live (a segment's vector file, mapped) is the caller's business.
 */
@FunctionalInterface
public interface ExactScorer {

  /** {@link Similarity#raw raw} score (higher is better) of {@code query} against vector {@code ord}. */
  float raw(float[] query, int ord);

  /** Scores rows of {@code vectors} with {@code similarity} and {@code kernels}. */
  static ExactScorer of(FloatVectors vectors, Similarity similarity, VectorKernels kernels) {
    return (q, ord) -> vectors.raw(kernels, similarity, q, ord);
  }
}
