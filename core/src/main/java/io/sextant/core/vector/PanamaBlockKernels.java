package io.sextant.core.vector;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import io.sextant.core.vector.lanes.LaneSum;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Block kernels for {@link PanamaKernels#rawScores}: one query against four consecutive vectors
 * per pass. One query load feeds four multiply-adds, so a block scan issues 5 loads per 4 FMAs
 * instead of 8, with four independent accumulator chains in flight (one per vector).
 *
 * <p>Only for dimensions that are a multiple of the lane count ({@link PanamaFloatKernels#fillsRegisters}):
 * a masked tail for four vectors, or dot and distance in one method, overran C2's node budget for
 * one compilation. Like the single-vector loops, each method stays above FreqInlineSize (see
 * {@link PanamaFloatKernels}), so {@code rawScores} never inlines two of them.
 */
final class PanamaBlockKernels {
  private static final VectorSpecies<Float> F = PanamaFloatKernels.F;
  private static final int FL = F.length();
  private static final boolean FMA = PanamaFloatKernels.FMA;
  private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

  private PanamaBlockKernels() {}

  private static FloatVector mulAdd(FloatVector a, FloatVector b, FloatVector acc) {
    return FMA ? a.fma(b, acc) : acc.add(a.mul(b));
  }

  private static FloatVector squareAdd(FloatVector a, FloatVector b, FloatVector acc) {
    FloatVector d = a.sub(b);
    return mulAdd(d, d, acc);
  }

  private static FloatVector load(float[] a, int i) {
    return FloatVector.fromArray(F, a, i);
  }

  private static FloatVector load(MemorySegment s, long offset, int i) {
    return FloatVector.fromMemorySegment(F, s, offset + 4L * i, LE);
  }

  /**
   * {@code out[o + j]} = q · vector j for the four vectors at byte offsets {@code offset + j·stride} of
   * native {@code s}, j = 0..3.
   */
  static void dot4(float[] q, MemorySegment s, long offset, long stride, float[] out, int o) {
    int n = q.length;
    if (n % FL != 0) throw new IllegalArgumentException("4-vector kernels need a multiple of " + FL + " floats, got " + n);
    if (o < 0 || o > out.length - 4) {
      throw new IndexOutOfBoundsException("dot4: 4 scores at " + o + " overrun an output of " + out.length);
    }
    if (offset < 0 || stride < 4L * n) {
      throw new IndexOutOfBoundsException("dot4: offset " + offset + " and stride " + stride + " for " + n + " floats");
    }
    if (offset > s.byteSize() - 3 * stride - 4L * n) {
      throw new IndexOutOfBoundsException("dot4: 4 vectors of " + n + " floats from byte offset " + offset
          + " overrun a segment of " + s.byteSize() + " bytes");
    }
    long o1 = offset + stride, o2 = o1 + stride, o3 = o2 + stride;
    FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
    for (int i = 0; i < n; i += FL) {
      FloatVector x = load(q, i);
      s0 = mulAdd(x, load(s, offset, i), s0);
      s1 = mulAdd(x, load(s, o1, i), s1);
      s2 = mulAdd(x, load(s, o2, i), s2);
      s3 = mulAdd(x, load(s, o3, i), s3);
    }
    out[o] = LaneSum.sum(s0);
    out[o + 1] = LaneSum.sum(s1);
    out[o + 2] = LaneSum.sum(s2);
    out[o + 3] = LaneSum.sum(s3);
  }

  /** As the native form, for the four vectors at {@code b[bi + j·stride]}. */
  static void dot4(float[] q, float[] b, int bi, int stride, float[] out, int o) {
    int n = q.length;
    if (n % FL != 0) throw new IllegalArgumentException("4-vector kernels need a multiple of " + FL + " floats, got " + n);
    if (o < 0 || o > out.length - 4) {
      throw new IndexOutOfBoundsException("dot4: 4 scores at " + o + " overrun an output of " + out.length);
    }
    if (bi < 0) throw new IndexOutOfBoundsException("dot4: negative index " + bi);
    if (stride < n) throw new IllegalArgumentException("dot4: stride " + stride + " is shorter than the dimension " + n);
    if (bi > (long) b.length - 3L * stride - n) { // in long: 3·stride can overflow an int
      throw new IndexOutOfBoundsException("dot4: 4 vectors of " + n + " floats, stride " + stride + ", at index " + bi
          + " overrun an array of " + b.length);
    }
    int b1 = bi + stride, b2 = b1 + stride, b3 = b2 + stride;
    FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
    for (int i = 0; i < n; i += FL) {
      FloatVector x = load(q, i);
      s0 = mulAdd(x, load(b, bi + i), s0);
      s1 = mulAdd(x, load(b, b1 + i), s1);
      s2 = mulAdd(x, load(b, b2 + i), s2);
      s3 = mulAdd(x, load(b, b3 + i), s3);
    }
    out[o] = LaneSum.sum(s0);
    out[o + 1] = LaneSum.sum(s1);
    out[o + 2] = LaneSum.sum(s2);
    out[o + 3] = LaneSum.sum(s3);
  }

  /**
   * {@code out[o + j]} = ‖q − vector j‖² for the four vectors at byte offsets {@code offset + j·stride} of
   * native {@code s}, j = 0..3.
   */
  static void squareDistance4(float[] q, MemorySegment s, long offset, long stride, float[] out, int o) {
    int n = q.length;
    if (n % FL != 0) throw new IllegalArgumentException("4-vector kernels need a multiple of " + FL + " floats, got " + n);
    if (o < 0 || o > out.length - 4) {
      throw new IndexOutOfBoundsException("squareDistance4: 4 scores at " + o + " overrun an output of " + out.length);
    }
    if (offset < 0 || stride < 4L * n) {
      throw new IndexOutOfBoundsException("squareDistance4: offset " + offset + " and stride " + stride + " for " + n + " floats");
    }
    if (offset > s.byteSize() - 3 * stride - 4L * n) {
      throw new IndexOutOfBoundsException("squareDistance4: 4 vectors of " + n + " floats from byte offset " + offset
          + " overrun a segment of " + s.byteSize() + " bytes");
    }
    long o1 = offset + stride, o2 = o1 + stride, o3 = o2 + stride;
    FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
    for (int i = 0; i < n; i += FL) {
      FloatVector x = load(q, i);
      s0 = squareAdd(x, load(s, offset, i), s0);
      s1 = squareAdd(x, load(s, o1, i), s1);
      s2 = squareAdd(x, load(s, o2, i), s2);
      s3 = squareAdd(x, load(s, o3, i), s3);
    }
    out[o] = LaneSum.sum(s0);
    out[o + 1] = LaneSum.sum(s1);
    out[o + 2] = LaneSum.sum(s2);
    out[o + 3] = LaneSum.sum(s3);
  }

  /** As the native form, for the four vectors at {@code b[bi + j·stride]}. */
  static void squareDistance4(float[] q, float[] b, int bi, int stride, float[] out, int o) {
    int n = q.length;
    if (n % FL != 0) throw new IllegalArgumentException("4-vector kernels need a multiple of " + FL + " floats, got " + n);
    if (o < 0 || o > out.length - 4) {
      throw new IndexOutOfBoundsException("squareDistance4: 4 scores at " + o + " overrun an output of " + out.length);
    }
    if (bi < 0) throw new IndexOutOfBoundsException("squareDistance4: negative index " + bi);
    if (stride < n) throw new IllegalArgumentException("squareDistance4: stride " + stride + " is shorter than the dimension " + n);
    if (bi > (long) b.length - 3L * stride - n) { // in long: 3·stride can overflow an int
      throw new IndexOutOfBoundsException("squareDistance4: 4 vectors of " + n + " floats, stride " + stride + ", at index " + bi
          + " overrun an array of " + b.length);
    }
    int b1 = bi + stride, b2 = b1 + stride, b3 = b2 + stride;
    FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
    for (int i = 0; i < n; i += FL) {
      FloatVector x = load(q, i);
      s0 = squareAdd(x, load(b, bi + i), s0);
      s1 = squareAdd(x, load(b, b1 + i), s1);
      s2 = squareAdd(x, load(b, b2 + i), s2);
      s3 = squareAdd(x, load(b, b3 + i), s3);
    }
    out[o] = LaneSum.sum(s0);
    out[o + 1] = LaneSum.sum(s1);
    out[o + 2] = LaneSum.sum(s2);
    out[o + 3] = LaneSum.sum(s3);
  }
}
