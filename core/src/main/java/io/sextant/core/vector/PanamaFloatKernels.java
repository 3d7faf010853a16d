package io.sextant.core.vector;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import io.sextant.core.vector.lanes.LaneSum;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float loops of {@link PanamaKernels}, in two forms each: reading the second vector from a
 * float array at an index, or from native memory at a byte offset (see {@link SegmentViews} for
 * why heap and native memory get separate loops). The first vector is always an array.
 *
 * <p>Four independent accumulators in the dot and distance loops (three sums unrolled twice in
 * cosine): one accumulator would serialise every step on the 4–5 cycle FMA latency. Whether to
 * fuse multiply and add is {@link FmaPolicy}'s call. A length that is not a multiple of the lane
 * count ends with one masked step, so odd and short dimensions stay vectorised.
 *
 * <p><b>Method size is deliberate.</b> Every loop method starts with explicit range checks (the
 * batch cosine loops also with a scalar path for vectors shorter than one register), which keeps
 * its bytecode above HotSpot's
 * {@code FreqInlineSize} (325 bytes; checked by {@code KernelMethodSizeTest}). That stops C2 from
 * inlining a kernel into a large caller, where the Vector API's deep inline trees can exhaust the
 * caller's node budget ({@code NodeCountInliningCutoff}); the end of the kernel then stays out of
 * line, its vectors are boxed, and it runs 20× slower (seen in JMH with {@code -Dsextant.fma=false}:
 * 0.6 instead of 16 ops/µs). Compiled on its own, a kernel always fits its budget.
 */
final class PanamaFloatKernels {
  static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int FL = F.length();
  static final boolean FMA = FmaPolicy.useFma();
  private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

  private PanamaFloatKernels() {}

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

  private static FloatVector load(float[] a, int i, VectorMask<Float> m) {
    return FloatVector.fromArray(F, a, i, m);
  }

  private static FloatVector load(MemorySegment s, long offset, int i, VectorMask<Float> m) {
    return FloatVector.fromMemorySegment(F, s, offset + 4L * i, LE, m);
  }

  /** Whether {@code n} floats fill whole registers, as the 4-vector kernels require. */
  static boolean fillsRegisters(int n) {
    return n % FL == 0;
  }

  private static int unrolledBound(int n) {
    return n - n % (4 * FL);
  }

  private static float sum(FloatVector s0, FloatVector s1, FloatVector s2, FloatVector s3) {
    return LaneSum.sum(s0.add(s1).add(s2.add(s3)));
  }

  // ---- dot ----

  /** a[0..n) · b[bi..bi+n). */
  static float dot(float[] a, float[] b, int bi, int n) {
    if (n < 0 || n > a.length) {
      throw new IndexOutOfBoundsException("dot: length " + n + " exceeds the first operand's " + a.length);
    }
    if (bi < 0 || bi > b.length - n) {
      throw new IndexOutOfBoundsException("dot: " + n + " floats at index " + bi + " overrun an array of " + b.length);
    }
    FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
    int i = 0;
    for (int end = unrolledBound(n); i < end; i += 4 * FL) {
      s0 = mulAdd(load(a, i), load(b, bi + i), s0);
      s1 = mulAdd(load(a, i + FL), load(b, bi + i + FL), s1);
      s2 = mulAdd(load(a, i + 2 * FL), load(b, bi + i + 2 * FL), s2);
      s3 = mulAdd(load(a, i + 3 * FL), load(b, bi + i + 3 * FL), s3);
    }
    for (int end = F.loopBound(n); i < end; i += FL) s0 = mulAdd(load(a, i), load(b, bi + i), s0);
    if (i < n) {
      // masked loads index the array from bi + i; lanes past n are off and read nothing
      s1 = mulAdd(load(a, i, F.indexInRange(i, n)), FloatVector.fromArray(F, b, bi + i, F.indexInRange(i, n)), s1);
    }
    return sum(s0, s1, s2, s3);
  }

  /** q · the n = q.length floats at byte {@code offset} of native {@code s}. */
  static float dot(float[] q, MemorySegment s, long offset) {
    int n = q.length;
    if (offset < 0) throw new IndexOutOfBoundsException("dot: negative byte offset " + offset);
    if (offset > s.byteSize() - 4L * n) {
      throw new IndexOutOfBoundsException("dot: " + n + " floats at byte offset " + offset + " overrun a segment of "
          + s.byteSize() + " bytes");
    }
    FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
    int i = 0;
    for (int end = unrolledBound(n); i < end; i += 4 * FL) {
      s0 = mulAdd(load(q, i), load(s, offset, i), s0);
      s1 = mulAdd(load(q, i + FL), load(s, offset, i + FL), s1);
      s2 = mulAdd(load(q, i + 2 * FL), load(s, offset, i + 2 * FL), s2);
      s3 = mulAdd(load(q, i + 3 * FL), load(s, offset, i + 3 * FL), s3);
    }
    for (int end = F.loopBound(n); i < end; i += FL) s0 = mulAdd(load(q, i), load(s, offset, i), s0);
    if (i < n) {
      VectorMask<Float> m = F.indexInRange(i, n);
      s1 = mulAdd(load(q, i, m), load(s, offset, i, m), s1);
    }
    return sum(s0, s1, s2, s3);
  }

  // ---- squared Euclidean distance ----

  static float squareDistance(float[] a, float[] b, int bi, int n) {
    if (n < 0 || n > a.length) {
      throw new IndexOutOfBoundsException("squareDistance: length " + n + " exceeds the first operand's " + a.length);
    }
    if (bi < 0 || bi > b.length - n) {
      throw new IndexOutOfBoundsException("squareDistance: " + n + " floats at index " + bi + " overrun an array of " + b.length);
    }
    FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
    int i = 0;
    for (int end = unrolledBound(n); i < end; i += 4 * FL) {
      s0 = squareAdd(load(a, i), load(b, bi + i), s0);
      s1 = squareAdd(load(a, i + FL), load(b, bi + i + FL), s1);
      s2 = squareAdd(load(a, i + 2 * FL), load(b, bi + i + 2 * FL), s2);
      s3 = squareAdd(load(a, i + 3 * FL), load(b, bi + i + 3 * FL), s3);
    }
    for (int end = F.loopBound(n); i < end; i += FL) s0 = squareAdd(load(a, i), load(b, bi + i), s0);
    if (i < n) {
      s1 = squareAdd(load(a, i, F.indexInRange(i, n)), FloatVector.fromArray(F, b, bi + i, F.indexInRange(i, n)), s1);
    }
    return sum(s0, s1, s2, s3);
  }

  static float squareDistance(float[] q, MemorySegment s, long offset) {
    int n = q.length;
    if (offset < 0) throw new IndexOutOfBoundsException("squareDistance: negative byte offset " + offset);
    if (offset > s.byteSize() - 4L * n) {
      throw new IndexOutOfBoundsException("squareDistance: " + n + " floats at byte offset " + offset + " overrun a segment of "
          + s.byteSize() + " bytes");
    }
    FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
    int i = 0;
    for (int end = unrolledBound(n); i < end; i += 4 * FL) {
      s0 = squareAdd(load(q, i), load(s, offset, i), s0);
      s1 = squareAdd(load(q, i + FL), load(s, offset, i + FL), s1);
      s2 = squareAdd(load(q, i + 2 * FL), load(s, offset, i + 2 * FL), s2);
      s3 = squareAdd(load(q, i + 3 * FL), load(s, offset, i + 3 * FL), s3);
    }
    for (int end = F.loopBound(n); i < end; i += FL) s0 = squareAdd(load(q, i), load(s, offset, i), s0);
    if (i < n) {
      VectorMask<Float> m = F.indexInRange(i, n);
      s1 = squareAdd(load(q, i, m), load(s, offset, i, m), s1);
    }
    return sum(s0, s1, s2, s3);
  }

  // ---- cosine: a·b, a·a, b·b unrolled twice (6 chains) ----

  static float cosine(float[] a, float[] b, int bi, int n) {
    if (n < 0 || n > a.length) {
      throw new IndexOutOfBoundsException("cosine: length " + n + " exceeds the first operand's " + a.length);
    }
    if (bi < 0 || bi > b.length - n) {
      throw new IndexOutOfBoundsException("cosine: " + n + " floats at index " + bi + " overrun an array of " + b.length);
    }
    FloatVector ab0 = FloatVector.zero(F), ab1 = ab0, aa0 = ab0, aa1 = ab0, bb0 = ab0, bb1 = ab0;
    int i = 0;
    for (int end = n - n % (2 * FL); i < end; i += 2 * FL) {
      FloatVector x0 = load(a, i), y0 = load(b, bi + i), x1 = load(a, i + FL), y1 = load(b, bi + i + FL);
      ab0 = mulAdd(x0, y0, ab0);
      aa0 = mulAdd(x0, x0, aa0);
      bb0 = mulAdd(y0, y0, bb0);
      ab1 = mulAdd(x1, y1, ab1);
      aa1 = mulAdd(x1, x1, aa1);
      bb1 = mulAdd(y1, y1, bb1);
    }
    for (; i < n; i += FL) {
      VectorMask<Float> m = F.indexInRange(i, n);
      FloatVector x = load(a, i, m), y = FloatVector.fromArray(F, b, bi + i, m);
      ab0 = mulAdd(x, y, ab0);
      aa0 = mulAdd(x, x, aa0);
      bb0 = mulAdd(y, y, bb0);
    }
    return ScalarKernels.cosineFrom(LaneSum.sum(ab0.add(ab1)),
        LaneSum.sum(aa0.add(aa1)), LaneSum.sum(bb0.add(bb1)));
  }

  static float cosine(float[] q, MemorySegment s, long offset) {
    int n = q.length;
    if (offset < 0) throw new IndexOutOfBoundsException("cosine: negative byte offset " + offset);
    if (offset > s.byteSize() - 4L * n) {
      throw new IndexOutOfBoundsException("cosine: " + n + " floats at byte offset " + offset + " overrun a segment of "
          + s.byteSize() + " bytes");
    }
    FloatVector ab0 = FloatVector.zero(F), ab1 = ab0, aa0 = ab0, aa1 = ab0, bb0 = ab0, bb1 = ab0;
    int i = 0;
    for (int end = n - n % (2 * FL); i < end; i += 2 * FL) {
      FloatVector x0 = load(q, i), y0 = load(s, offset, i), x1 = load(q, i + FL), y1 = load(s, offset, i + FL);
      ab0 = mulAdd(x0, y0, ab0);
      aa0 = mulAdd(x0, x0, aa0);
      bb0 = mulAdd(y0, y0, bb0);
      ab1 = mulAdd(x1, y1, ab1);
      aa1 = mulAdd(x1, x1, aa1);
      bb1 = mulAdd(y1, y1, bb1);
    }
    for (; i < n; i += FL) {
      VectorMask<Float> m = F.indexInRange(i, n);
      FloatVector x = load(q, i, m), y = load(s, offset, i, m);
      ab0 = mulAdd(x, y, ab0);
      aa0 = mulAdd(x, x, aa0);
      bb0 = mulAdd(y, y, bb0);
    }
    return ScalarKernels.cosineFrom(LaneSum.sum(ab0.add(ab1)),
        LaneSum.sum(aa0.add(aa1)), LaneSum.sum(bb0.add(bb1)));
  }

  /** Cosine when ‖q‖² = {@code qq} is known (batch scoring): only a·b and b·b per vector. */
  static float cosine(float[] q, float qq, float[] b, int bi) {
    int n = q.length;
    float[] a = q;
    if (n < 0 || n > a.length) {
      throw new IndexOutOfBoundsException("cosine: length " + n + " exceeds the first operand's " + a.length);
    }
    if (bi < 0 || bi > b.length - n) {
      throw new IndexOutOfBoundsException("cosine: " + n + " floats at index " + bi + " overrun an array of " + b.length);
    }
    if (n < FL) {
      float ab = 0f, bb = 0f;
      for (int i = 0; i < n; i++) {
        float y = b[bi + i];
        ab = FMA ? Math.fma(q[i], y, ab) : ab + q[i] * y;
        bb = FMA ? Math.fma(y, y, bb) : bb + y * y;
      }
      return ScalarKernels.cosineFrom(ab, qq, bb);
    }
    FloatVector ab0 = FloatVector.zero(F), ab1 = ab0, bb0 = ab0, bb1 = ab0;
    int i = 0;
    for (int end = n - n % (2 * FL); i < end; i += 2 * FL) {
      FloatVector y0 = load(b, bi + i), y1 = load(b, bi + i + FL);
      ab0 = mulAdd(load(q, i), y0, ab0);
      bb0 = mulAdd(y0, y0, bb0);
      ab1 = mulAdd(load(q, i + FL), y1, ab1);
      bb1 = mulAdd(y1, y1, bb1);
    }
    for (; i < n; i += FL) {
      VectorMask<Float> m = F.indexInRange(i, n);
      FloatVector y = FloatVector.fromArray(F, b, bi + i, m);
      ab0 = mulAdd(load(q, i, m), y, ab0);
      bb0 = mulAdd(y, y, bb0);
    }
    return ScalarKernels.cosineFrom(LaneSum.sum(ab0.add(ab1)), qq,
        LaneSum.sum(bb0.add(bb1)));
  }

  static float cosine(float[] q, float qq, MemorySegment s, long offset) {
    int n = q.length;
    if (offset < 0) throw new IndexOutOfBoundsException("cosine: negative byte offset " + offset);
    if (offset > s.byteSize() - 4L * n) {
      throw new IndexOutOfBoundsException("cosine: " + n + " floats at byte offset " + offset + " overrun a segment of "
          + s.byteSize() + " bytes");
    }
    if (n < FL) {
      float ab = 0f, bb = 0f;
      for (int i = 0; i < n; i++) {
        float y = s.get(SegmentViews.FLOAT_LE, offset + 4L * i);
        ab = FMA ? Math.fma(q[i], y, ab) : ab + q[i] * y;
        bb = FMA ? Math.fma(y, y, bb) : bb + y * y;
      }
      return ScalarKernels.cosineFrom(ab, qq, bb);
    }
    FloatVector ab0 = FloatVector.zero(F), ab1 = ab0, bb0 = ab0, bb1 = ab0;
    int i = 0;
    for (int end = n - n % (2 * FL); i < end; i += 2 * FL) {
      FloatVector y0 = load(s, offset, i), y1 = load(s, offset, i + FL);
      ab0 = mulAdd(load(q, i), y0, ab0);
      bb0 = mulAdd(y0, y0, bb0);
      ab1 = mulAdd(load(q, i + FL), y1, ab1);
      bb1 = mulAdd(y1, y1, bb1);
    }
    for (; i < n; i += FL) {
      VectorMask<Float> m = F.indexInRange(i, n);
      FloatVector y = load(s, offset, i, m);
      ab0 = mulAdd(load(q, i, m), y, ab0);
      bb0 = mulAdd(y, y, bb0);
    }
    return ScalarKernels.cosineFrom(LaneSum.sum(ab0.add(ab1)), qq,
        LaneSum.sum(bb0.add(bb1)));
  }
}
