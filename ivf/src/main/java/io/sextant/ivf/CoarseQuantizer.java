package io.sextant.ivf;

import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import io.sextant.core.vector.VectorKernels;

/**
 * The IVF centroids, read in place from their memory (heap while building, the mapped file when
 * opened). Scores are higher-is-better: {@code -‖q - c‖²} for Euclidean lists, {@code q·c} for
 * spherical ones (cosine, dot product, inner product), whose centroids are unit length.
 */
final class CoarseQuantizer {
  private final FloatVectors centroids;
  private final Similarity scoring;
  private final VectorKernels kernels;

  CoarseQuantizer(FloatVectors centroids, boolean spherical, VectorKernels kernels) {
    this.centroids = centroids;
    this.scoring = spherical ? Similarity.DOT_PRODUCT : Similarity.EUCLIDEAN;
    this.kernels = kernels;
  }

  int lists() {
    return centroids.size();
  }

  int dimension() {
    return centroids.dimension();
  }

  FloatVectors vectors() {
    return centroids;
  }

  /** Scores of {@code q} against every centroid, into {@code out[0..lists)}. */
  void scores(float[] q, float[] out) {
    kernels.rawScores(scoring, q, centroids.data(), centroids.offset(0), centroids.size(), out);
  }

  /** The best list for {@code x} (ties to the lowest index). */
  int assign(float[] x, float[] scratch) {
    scores(x, scratch);
    int best = 0;
    for (int c = 1; c < scratch.length; c++) if (scratch[c] > scratch[best]) best = c;
    return best;
  }

  /** {@code q·c} for list {@code c}: the per-list term of residual scoring. */
  float dot(float[] q, int c) {
    return kernels.dot(q, centroids.data(), centroids.offset(c));
  }

  float[] centroid(int c) {
    return centroids.get(c);
  }
}
