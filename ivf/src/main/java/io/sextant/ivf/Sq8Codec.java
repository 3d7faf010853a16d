package io.sextant.ivf;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Scalar quantization to int8 per dimension (IVF-SQ8), with a per-dimension range trained on a
 * sample: {@code x̂_i = base_i + scale_i · s_i}, {@code s_i ∈ [-128, 127]}. Scoring needs no
 * decoding: {@code q·x̂ = q·base + Σ (q_i·scale_i) · s_i}, one float·int8 dot product per vector.
 * This is an IVF-local codec; core's general int8 quantizer was not available when it was written.
 *
 * <p>Parameters as stored: {@code base[dim]} then {@code scale[dim]}, float32 little endian.
 */
final class Sq8Codec implements VectorCodec {
  private final int dim;
  private final boolean l2;
  private final boolean residual;
  private final float[] base;
  private final float[] scale;
  private final MemorySegment params;
  private final IvfKernels kernels;
  private final BlockLayout layout;

  private Sq8Codec(int dim, boolean l2, boolean residual, float[] base, float[] scale, MemorySegment params,
                   IvfKernels kernels) {
    this.dim = dim;
    this.l2 = l2;
    this.residual = residual;
    this.base = base;
    this.scale = scale;
    this.params = params;
    this.kernels = kernels;
    this.layout = new BlockLayout(dim, l2, false);
  }

  /** Trains the per-dimension ranges on {@code count} training vectors (residuals when residual) in {@code train}. */
  static Sq8Codec train(float[] train, int count, int dim, boolean l2, boolean residual, IvfKernels kernels) {
    float[] min = new float[dim];
    float[] max = new float[dim];
    java.util.Arrays.fill(min, Float.POSITIVE_INFINITY);
    java.util.Arrays.fill(max, Float.NEGATIVE_INFINITY);
    for (int i = 0; i < count; i++) {
      for (int d = 0; d < dim; d++) {
        float v = train[i * dim + d];
        if (v < min[d]) min[d] = v;
        if (v > max[d]) max[d] = v;
      }
    }
    MemorySegment params = MemorySegment.ofArray(new byte[2 * dim * Float.BYTES]);
    for (int d = 0; d < dim; d++) {
      if (count == 0) {
        min[d] = 0;
        max[d] = 0;
      }
      float scale = (max[d] - min[d]) / 255f;
      params.set(BlockLayout.FLOAT_LE, 4L * d, min[d] + 128f * scale);
      params.set(BlockLayout.FLOAT_LE, 4L * (dim + d), scale);
    }
    return open(params, 0, dim, l2, residual, kernels);
  }

  /** A codec over parameters stored at {@code offset} of {@code seg}. */
  static Sq8Codec open(MemorySegment seg, long offset, int dim, boolean l2, boolean residual, IvfKernels kernels) {
    MemorySegment params = seg.asSlice(offset, paramBytes(dim));
    float[] base = new float[dim];
    float[] scale = new float[dim];
    MemorySegment.copy(params, BlockLayout.FLOAT_LE, 0, base, 0, dim);
    MemorySegment.copy(params, BlockLayout.FLOAT_LE, 4L * dim, scale, 0, dim);
    for (int d = 0; d < dim; d++) {
      if (!Float.isFinite(base[d]) || !(scale[d] >= 0) || !Float.isFinite(scale[d])) {
        throw new IllegalArgumentException("SQ8 parameters corrupt at dimension " + d + ": base " + base[d] + ", scale " + scale[d]);
      }
    }
    return new Sq8Codec(dim, l2, residual, base, scale, params, kernels);
  }

  static long paramBytes(int dim) {
    return 2L * dim * Float.BYTES;
  }

  @Override public BlockLayout layout() { return layout; }

  @Override public int dimension() { return dim; }

  @Override public boolean residual() { return residual; }

  @Override public MemorySegment params() { return params; }

  @Override
  public float encode(float[] x, float[] centroid, byte[] code, float[] work) {
    double norm = 0;
    for (int d = 0; d < dim; d++) {
      float c = residual ? centroid[d] : 0f;
      float r = x[d] - c;
      int s;
      if (scale[d] == 0f) {
        s = 0;
      } else {
        s = Math.round((r - base[d]) / scale[d]);
        s = Math.max(-128, Math.min(127, s));
      }
      code[d] = (byte) s;
      double rec = c + base[d] + scale[d] * s;
      norm += rec * rec;
    }
    return l2 ? (float) norm : 0f;
  }

  @Override
  public QueryScorer scorer(float[] q) {
    float[] w = new float[dim];
    double qb = 0;
    double qq = 0;
    for (int d = 0; d < dim; d++) {
      w[d] = q[d] * scale[d];
      qb += (double) q[d] * base[d];
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
