package io.sextant.ivf;

import io.sextant.core.quant.ScalarQuantizer;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * int8 per dimension (IVF-SQ8) with core's {@link ScalarQuantizer} (per-dimension ranges trained
 * as central quantile intervals): {@code x̂_j = m_j + Δ_j · c_j}, {@code c_j ∈ [-128, 127]},
 * {@code m_j = lo_j + 128·Δ_j}. The scan does not quantize the query: it computes
 * {@code q·x̂ = Σ q_j m_j + Σ (q_j Δ_j) · c_j} as one float·int8 dot product per vector
 * ({@link IvfKernels#sq8Block}), which keeps the query exact and costs about the same as an
 * int8·int8 product.
 *
 * <p>Parameters as stored: an int32 byte count, then the quantizer's own versioned
 * serialization ({@link ScalarQuantizer#toBytes()}), padded to 4 bytes.
 */
final class Sq8Codec implements VectorCodec {
  private final int dim;
  private final boolean l2;
  private final boolean residual;
  private final ScalarQuantizer quantizer;
  private final float[] offset;
  private final float[] step;
  private final MemorySegment params;
  private final IvfKernels kernels;
  private final BlockLayout layout;

  private Sq8Codec(int dim, boolean l2, boolean residual, ScalarQuantizer quantizer, MemorySegment params,
                   IvfKernels kernels) {
    this.dim = dim;
    this.l2 = l2;
    this.residual = residual;
    this.quantizer = quantizer;
    this.params = params;
    this.kernels = kernels;
    this.offset = new float[dim];
    this.step = new float[dim];
    for (int j = 0; j < dim; j++) {
      step[j] = quantizer.step(j);
      offset[j] = quantizer.lower(j) + 128f * step[j]; // the quantizer's m_j, computed the same way
    }
    this.layout = new BlockLayout(dim, l2, false);
  }

  /** Trains on {@code count} rows of {@code train} (residuals when residual), {@code dim} floats each. */
  static Sq8Codec train(float[] train, int count, int dim, boolean l2, boolean residual, IvfKernels kernels) {
    float[][] rows = new float[count][];
    for (int i = 0; i < count; i++) rows[i] = java.util.Arrays.copyOfRange(train, i * dim, (i + 1) * dim);
    ScalarQuantizer q = ScalarQuantizer.train(rows, ScalarQuantizer.Range.PER_DIMENSION);
    byte[] bytes = q.toBytes();
    MemorySegment params = MemorySegment.ofArray(new byte[Math.toIntExact(paramBytes(bytes.length))]);
    params.set(BlockLayout.INT_LE, 0, bytes.length);
    MemorySegment.copy(bytes, 0, params, ValueLayout.JAVA_BYTE, 4, bytes.length);
    return new Sq8Codec(dim, l2, residual, q, params, kernels);
  }

  /** A codec over parameters stored at {@code offset} of {@code seg}, {@code length} bytes. */
  static Sq8Codec open(MemorySegment seg, long offset, long length, int dim, boolean l2, boolean residual,
                       IvfKernels kernels) {
    if (length < 4) throw new IllegalArgumentException("SQ8 parameters need at least 4 bytes, found " + length);
    int n = seg.get(BlockLayout.INT_LE, offset);
    if (n < 0 || paramBytes(n) != length) {
      throw new IllegalArgumentException("SQ8 parameter length field says " + n + " bytes, which does not fit the "
          + length + "-byte section");
    }
    byte[] bytes = new byte[n];
    MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, offset + 4, bytes, 0, n);
    ScalarQuantizer q;
    try {
      q = ScalarQuantizer.fromBytes(bytes);
    } catch (IOException e) {
      throw new IllegalArgumentException("SQ8 parameters unreadable: " + e.getMessage(), e);
    }
    if (q.dimension() != dim) {
      throw new IllegalArgumentException("SQ8 quantizer has dimension " + q.dimension() + ", expected " + dim);
    }
    return new Sq8Codec(dim, l2, residual, q, seg.asSlice(offset, length), kernels);
  }

  static long paramBytes(int serialized) {
    return (4L + serialized + 3) & ~3L;
  }

  @Override public BlockLayout layout() { return layout; }

  @Override public int dimension() { return dim; }

  @Override public boolean residual() { return residual; }

  @Override public MemorySegment params() { return params; }

  @Override
  public float encode(float[] x, float[] centroid, byte[] code, float[] work) {
    float[] r = x;
    if (residual) {
      for (int d = 0; d < dim; d++) work[d] = x[d] - centroid[d];
      r = work;
    }
    float norm = quantizer.encode(r, code);
    if (!l2) return 0f;
    if (!residual) return norm;
    // ‖c + r̂‖² = ‖c‖² + 2·c·r̂ + ‖r̂‖²
    double cc = 0;
    double cr = 0;
    for (int d = 0; d < dim; d++) {
      cc += (double) centroid[d] * centroid[d];
      cr += (double) centroid[d] * (offset[d] + (double) step[d] * code[d]);
    }
    return (float) (cc + 2 * cr + norm);
  }

  @Override
  public QueryScorer scorer(float[] q) {
    float[] w = new float[dim];
    double qb = 0;
    double qq = 0;
    for (int d = 0; d < dim; d++) {
      w[d] = q[d] * step[d];
      qb += (double) q[d] * offset[d];
      qq += (double) q[d] * q[d];
    }
    float queryBase = (float) qb;
    float queryNorm = (float) qq;
    long codes = layout.codesOffset();
    return new QueryScorer() {
      @Override
      public void scoreBlock(MemorySegment seg, long block, int count, float listDot, float[] out) {
        kernels.sq8Block(w, seg, block + codes, count, out);
        float bias = queryBase + (residual ? listDot : 0f);
        for (int v = 0; v < count; v++) out[v] = finish(out[v] + bias, seg, block, v);
      }

      @Override
      public float score(MemorySegment seg, long block, int v, float listDot) {
        long at = block + codes + (long) v * dim;
        float s = 0f;
        for (int d = 0; d < dim; d++) s += w[d] * seg.get(ValueLayout.JAVA_BYTE, at + d);
        return finish(s + queryBase + (residual ? listDot : 0f), seg, block, v);
      }

      private float finish(float dot, MemorySegment seg, long block, int v) {
        return l2 ? 2f * dot - layout.norm(seg, block, v) - queryNorm : dot;
      }
    };
  }
}
