package io.sextant.hnsw;

import io.sextant.core.quant.ScalarQuantizer;
import io.sextant.core.vector.Similarity;
import io.sextant.core.vector.VectorKernels;

/**
 * Estimated raw scores of a float query against int8 codes. With the reconstruction
 * {@code x̂ⱼ = mⱼ + Δⱼ·cⱼ} of {@link ScalarQuantizer}, {@code q·x̂ = Σ qⱼmⱼ + Σ (qⱼΔⱼ)·cⱼ}: the
 * first sum and the weights {@code wⱼ = qⱼΔⱼ} are computed once per query, the second sum is the
 * {@link Int8Kernel}'s float-by-int8 dot product; Euclidean and cosine add the stored norm
 * {@code ‖x̂‖²}. Reusable, not thread-safe: one per searching thread.
 */
final class Int8Scorer implements GraphScorer {
  private final QuantizedVectors codes;
  private final Similarity similarity;
  private final Int8Kernel kernel;
  private final VectorKernels kernels;
  private final float[] step;
  private final float[] offset;
  private final float[] w;
  private float offsetDot;
  private float queryNorm2;

  Int8Scorer(QuantizedVectors codes, Similarity similarity, VectorKernels kernels) {
    ScalarQuantizer sq = codes.scalar();
    int d = codes.dimension();
    this.codes = codes;
    this.similarity = similarity;
    this.kernel = Int8Kernels.create(codes.codes(), d, codes.codeBytes(), kernels);
    this.kernels = kernels;
    this.step = new float[d];
    this.offset = new float[d];
    for (int j = 0; j < d; j++) {
      step[j] = sq.step(j);
      offset[j] = sq.lower(j) + 128f * sq.step(j); // mⱼ, as the quantizer reconstructs
    }
    this.w = new float[d];
  }

  /** Scores against {@code q} from now on (its length was checked by the caller). */
  Int8Scorer setQuery(float[] q) {
    // Vectorized sums, not a scalar loop in double: that loop's chain of dependent additions took
    // ~1 µs per 784-d query, a few percent of a whole int8 search at small beams.
    for (int j = 0; j < q.length; j++) w[j] = q[j] * step[j];
    offsetDot = kernels.dot(q, offset);
    queryNorm2 = kernels.dot(q, q);
    return this;
  }

  private float fromDot(float dot, int node) {
    return switch (similarity) {
      case DOT_PRODUCT, MAXIMUM_INNER_PRODUCT -> dot;
      case EUCLIDEAN -> -(queryNorm2 - 2 * dot + norm(node));
      case COSINE -> {
        double denom = Math.sqrt((double) queryNorm2 * norm(node));
        yield denom == 0 ? 0f : (float) (dot / denom);
      }
    };
  }

  private float norm(int node) {
    return codes.norm(node);
  }

  @Override
  public float score(int node) {
    return fromDot(offsetDot + kernel.dot(w, node), node);
  }

  @Override
  public void score(int[] nodes, int count, float[] out) {
    kernel.dot(w, nodes, count, out);
    for (int i = 0; i < count; i++) out[i] = fromDot(offsetDot + out[i], nodes[i]);
  }

  @Override
  public int batchWidth() {
    return kernel.batchWidth();
  }

  QuantizedVectors codes() { return codes; }
}
