package io.sextant.ivf;

import io.sextant.core.vector.Similarity;
import io.sextant.core.vector.VectorKernels;
import java.lang.foreign.MemorySegment;

/**
 * Full float32 vectors in the lists (IVF-Flat): scores are exact, so no rerank is needed. For
 * cosine the stored vectors and the query are unit length and scored by dot product.
 */
final class FlatCodec implements VectorCodec {
  private final int dim;
  private final Similarity scanSimilarity;
  private final VectorKernels kernels;
  private final BlockLayout layout;

  FlatCodec(int dim, Similarity similarity, VectorKernels kernels) {
    this.dim = dim;
    this.scanSimilarity = similarity == Similarity.COSINE ? Similarity.DOT_PRODUCT : similarity;
    this.kernels = kernels;
    this.layout = new BlockLayout(dim * Float.BYTES, false, false);
  }

  @Override public BlockLayout layout() { return layout; }

  @Override public int dimension() { return dim; }

  @Override public boolean residual() { return false; }

  @Override public MemorySegment params() { return MemorySegment.ofArray(new byte[0]); }

  @Override
  public float encode(float[] x, float[] centroid, byte[] code, float[] work) {
    MemorySegment.copy(x, 0, MemorySegment.ofArray(code), BlockLayout.FLOAT_LE, 0, dim);
    return 0f;
  }

  @Override
  public QueryScorer scorer(float[] q) {
    long codes = layout.codesOffset();
    long stride = (long) dim * Float.BYTES;
    return new QueryScorer() {
      @Override
      public void scoreBlock(MemorySegment seg, long block, int count, float listDot, float[] out) {
        kernels.rawScores(scanSimilarity, q, seg, block + codes, count, out);
      }

      @Override
      public float score(MemorySegment seg, long block, int v, float listDot) {
        return scanSimilarity.raw(kernels, q, seg, block + codes + v * stride);
      }
    };
  }
}
