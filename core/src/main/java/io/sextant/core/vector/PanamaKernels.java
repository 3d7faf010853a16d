package io.sextant.core.vector;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.Objects;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the Vector API ({@code jdk.incubator.vector}) with the preferred species (512 bits on
 * AVX-512, 256 on AVX2). Only {@link Kernels} should touch this class, through reflection, so that
 * nothing links against the incubator module when it is absent.
 *
 * <p>Float loops keep 4 independent accumulators: one accumulator would serialise every step on
 * the 4–5 cycle add/FMA latency, while 4 chains let the core issue a multiply-add per cycle per
 * port. Whether to fuse multiply and add is decided by {@link FmaPolicy}. Lengths that are not a
 * multiple of the lane count finish with one masked step (AVX-512 and AVX2 have masked loads), so
 * short and odd dimensions stay vectorised. Integer kernels are in {@link PanamaIntegerKernels}.
 *
 * <p>Accuracy: each result is a sum of {@code n} products computed in float with some summation
 * order; it obeys the classic bound {@code |err| ≤ γ(n)·Σ|aᵢbᵢ|}, {@code γ(n) = nu/(1-nu)},
 * {@code u = 2⁻²⁴}, like the scalar loop (whose order differs, so results differ in the last bits).
 */
public final class PanamaKernels implements VectorKernels {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int FL = F.length();
  private static final boolean FMA = FmaPolicy.useFma();
  private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

  private static final PanamaKernels INSTANCE = new PanamaKernels();

  private PanamaKernels() {}

  /**
   * The Panama kernels, or null when they would not beat the scalar ones: preferred vectors of at
   * most 128 bits (where HotSpot leaves gaps in the intrinsics) or no C2 compiler to intrinsify
   * the Vector API (in the interpreter and C1 it is far slower than plain loops).
   */
  public static VectorKernels createIfUseful() {
    if (F.vectorBitSize() <= 128 || !hasC2()) return null;
    return INSTANCE;
  }

  private static boolean hasC2() {
    String info = System.getProperty("java.vm.info", "");
    if (info.contains("interpreted mode") || info.contains("emulated-client")) return false;
    boolean tiered = HotSpotFlags.get("TieredCompilation").map(Boolean::parseBoolean).orElse(true);
    int stopAt = HotSpotFlags.get("TieredStopAtLevel").map(Integer::parseInt).orElse(4);
    return !tiered || stopAt >= 4;
  }

  /** Whether float kernels use fused multiply-add (see {@link FmaPolicy}). */
  public static boolean usesFma() {
    return FMA;
  }

  @Override public String name() { return "panama"; }

  @Override public String toString() {
    return "panama(" + F.vectorBitSize() + "-bit, " + (FMA ? "fma" : "mul+add") + ")";
  }

  private static FloatVector mulAdd(FloatVector a, FloatVector b, FloatVector acc) {
    return FMA ? a.fma(b, acc) : acc.add(a.mul(b));
  }

  private static FloatVector load(float[] a, int i) {
    return FloatVector.fromArray(F, a, i);
  }

  private static FloatVector load(MemorySegment s, long offset, int i) {
    return FloatVector.fromMemorySegment(F, s, offset + 4L * i, LE);
  }

  private static int unrolledBound(int n) {
    return n - n % (4 * FL);
  }

  // ---- dot ----

  @Override
  public float dot(float[] a, float[] b) {
    VectorChecks.requireSameLength(a.length, b.length);
    int n = a.length;
    FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
    int i = 0;
    for (int end = unrolledBound(n); i < end; i += 4 * FL) {
      s0 = mulAdd(load(a, i), load(b, i), s0);
      s1 = mulAdd(load(a, i + FL), load(b, i + FL), s1);
      s2 = mulAdd(load(a, i + 2 * FL), load(b, i + 2 * FL), s2);
      s3 = mulAdd(load(a, i + 3 * FL), load(b, i + 3 * FL), s3);
    }
    for (int end = F.loopBound(n); i < end; i += FL) s0 = mulAdd(load(a, i), load(b, i), s0);
    if (i < n) {
      VectorMask<Float> m = F.indexInRange(i, n);
      s1 = mulAdd(FloatVector.fromArray(F, a, i, m), FloatVector.fromArray(F, b, i, m), s1);
    }
    return s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
  }

  @Override
  public float dot(float[] q, MemorySegment data, long offset) {
    int n = q.length;
    FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
    int i = 0;
    for (int end = unrolledBound(n); i < end; i += 4 * FL) {
      s0 = mulAdd(load(q, i), load(data, offset, i), s0);
      s1 = mulAdd(load(q, i + FL), load(data, offset, i + FL), s1);
      s2 = mulAdd(load(q, i + 2 * FL), load(data, offset, i + 2 * FL), s2);
      s3 = mulAdd(load(q, i + 3 * FL), load(data, offset, i + 3 * FL), s3);
    }
    for (int end = F.loopBound(n); i < end; i += FL) s0 = mulAdd(load(q, i), load(data, offset, i), s0);
    if (i < n) {
      VectorMask<Float> m = F.indexInRange(i, n);
      s1 = mulAdd(FloatVector.fromArray(F, q, i, m),
          FloatVector.fromMemorySegment(F, data, offset + 4L * i, LE, m), s1);
    }
    return s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
  }

  // ---- squared Euclidean distance ----

  private static FloatVector squareAdd(FloatVector a, FloatVector b, FloatVector acc) {
    FloatVector d = a.sub(b);
    return mulAdd(d, d, acc);
  }

  @Override
  public float squareDistance(float[] a, float[] b) {
    VectorChecks.requireSameLength(a.length, b.length);
    int n = a.length;
    FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
    int i = 0;
    for (int end = unrolledBound(n); i < end; i += 4 * FL) {
      s0 = squareAdd(load(a, i), load(b, i), s0);
      s1 = squareAdd(load(a, i + FL), load(b, i + FL), s1);
      s2 = squareAdd(load(a, i + 2 * FL), load(b, i + 2 * FL), s2);
      s3 = squareAdd(load(a, i + 3 * FL), load(b, i + 3 * FL), s3);
    }
    for (int end = F.loopBound(n); i < end; i += FL) s0 = squareAdd(load(a, i), load(b, i), s0);
    if (i < n) {
      VectorMask<Float> m = F.indexInRange(i, n);
      s1 = squareAdd(FloatVector.fromArray(F, a, i, m), FloatVector.fromArray(F, b, i, m), s1);
    }
    return s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
  }

  @Override
  public float squareDistance(float[] q, MemorySegment data, long offset) {
    int n = q.length;
    FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
    int i = 0;
    for (int end = unrolledBound(n); i < end; i += 4 * FL) {
      s0 = squareAdd(load(q, i), load(data, offset, i), s0);
      s1 = squareAdd(load(q, i + FL), load(data, offset, i + FL), s1);
      s2 = squareAdd(load(q, i + 2 * FL), load(data, offset, i + 2 * FL), s2);
      s3 = squareAdd(load(q, i + 3 * FL), load(data, offset, i + 3 * FL), s3);
    }
    for (int end = F.loopBound(n); i < end; i += FL) s0 = squareAdd(load(q, i), load(data, offset, i), s0);
    if (i < n) {
      VectorMask<Float> m = F.indexInRange(i, n);
      s1 = squareAdd(FloatVector.fromArray(F, q, i, m),
          FloatVector.fromMemorySegment(F, data, offset + 4L * i, LE, m), s1);
    }
    return s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
  }

  // ---- cosine ----
  // Three sums (a·b, a·a, b·b) unrolled twice: 6 independent chains, enough to cover the latency.

  @Override
  public float cosine(float[] a, float[] b) {
    VectorChecks.requireSameLength(a.length, b.length);
    int n = a.length;
    FloatVector ab0 = FloatVector.zero(F), ab1 = ab0, aa0 = ab0, aa1 = ab0, bb0 = ab0, bb1 = ab0;
    int i = 0;
    for (int end = n - n % (2 * FL); i < end; i += 2 * FL) {
      FloatVector x0 = load(a, i), y0 = load(b, i), x1 = load(a, i + FL), y1 = load(b, i + FL);
      ab0 = mulAdd(x0, y0, ab0);
      aa0 = mulAdd(x0, x0, aa0);
      bb0 = mulAdd(y0, y0, bb0);
      ab1 = mulAdd(x1, y1, ab1);
      aa1 = mulAdd(x1, x1, aa1);
      bb1 = mulAdd(y1, y1, bb1);
    }
    for (; i < n; i += FL) {
      VectorMask<Float> m = F.indexInRange(i, n);
      FloatVector x = FloatVector.fromArray(F, a, i, m), y = FloatVector.fromArray(F, b, i, m);
      ab0 = mulAdd(x, y, ab0);
      aa0 = mulAdd(x, x, aa0);
      bb0 = mulAdd(y, y, bb0);
    }
    return ScalarKernels.cosineFrom(ab0.add(ab1).reduceLanes(VectorOperators.ADD),
        aa0.add(aa1).reduceLanes(VectorOperators.ADD), bb0.add(bb1).reduceLanes(VectorOperators.ADD));
  }

  @Override
  public float cosine(float[] q, MemorySegment data, long offset) {
    int n = q.length;
    FloatVector ab0 = FloatVector.zero(F), ab1 = ab0, aa0 = ab0, aa1 = ab0, bb0 = ab0, bb1 = ab0;
    int i = 0;
    for (int end = n - n % (2 * FL); i < end; i += 2 * FL) {
      FloatVector x0 = load(q, i), y0 = load(data, offset, i);
      FloatVector x1 = load(q, i + FL), y1 = load(data, offset, i + FL);
      ab0 = mulAdd(x0, y0, ab0);
      aa0 = mulAdd(x0, x0, aa0);
      bb0 = mulAdd(y0, y0, bb0);
      ab1 = mulAdd(x1, y1, ab1);
      aa1 = mulAdd(x1, x1, aa1);
      bb1 = mulAdd(y1, y1, bb1);
    }
    for (; i < n; i += FL) {
      VectorMask<Float> m = F.indexInRange(i, n);
      FloatVector x = FloatVector.fromArray(F, q, i, m);
      FloatVector y = FloatVector.fromMemorySegment(F, data, offset + 4L * i, LE, m);
      ab0 = mulAdd(x, y, ab0);
      aa0 = mulAdd(x, x, aa0);
      bb0 = mulAdd(y, y, bb0);
    }
    return ScalarKernels.cosineFrom(ab0.add(ab1).reduceLanes(VectorOperators.ADD),
        aa0.add(aa1).reduceLanes(VectorOperators.ADD), bb0.add(bb1).reduceLanes(VectorOperators.ADD));
  }

  /** a·b and b·b of {@code q} against the vector at {@code offset}; the query norm is known. */
  private static float cosineWithQueryNorm(float[] q, float qq, MemorySegment data, long offset) {
    int n = q.length;
    FloatVector ab0 = FloatVector.zero(F), ab1 = ab0, bb0 = ab0, bb1 = ab0;
    int i = 0;
    for (int end = n - n % (2 * FL); i < end; i += 2 * FL) {
      FloatVector y0 = load(data, offset, i), y1 = load(data, offset, i + FL);
      ab0 = mulAdd(load(q, i), y0, ab0);
      bb0 = mulAdd(y0, y0, bb0);
      ab1 = mulAdd(load(q, i + FL), y1, ab1);
      bb1 = mulAdd(y1, y1, bb1);
    }
    for (; i < n; i += FL) {
      VectorMask<Float> m = F.indexInRange(i, n);
      FloatVector y = FloatVector.fromMemorySegment(F, data, offset + 4L * i, LE, m);
      ab0 = mulAdd(FloatVector.fromArray(F, q, i, m), y, ab0);
      bb0 = mulAdd(y, y, bb0);
    }
    return ScalarKernels.cosineFrom(ab0.add(ab1).reduceLanes(VectorOperators.ADD), qq,
        bb0.add(bb1).reduceLanes(VectorOperators.ADD));
  }

  // ---- integer kernels ----

  @Override
  public int dot(byte[] a, byte[] b) {
    VectorChecks.requireSameLength(a.length, b.length);
    return PanamaIntegerKernels.dot(a, b);
  }

  @Override
  public int squareDistance(byte[] a, byte[] b) {
    VectorChecks.requireSameLength(a.length, b.length);
    return PanamaIntegerKernels.squareDistance(a, b);
  }

  @Override
  public int dot(byte[] q, MemorySegment data, long offset) {
    return PanamaIntegerKernels.dot(q, data, offset);
  }

  @Override
  public int squareDistance(byte[] q, MemorySegment data, long offset) {
    return PanamaIntegerKernels.squareDistance(q, data, offset);
  }

  @Override
  public int hamming(long[] a, long[] b) {
    VectorChecks.requireSameLength(a.length, b.length);
    return PanamaIntegerKernels.hamming(a, b);
  }

  @Override
  public int hamming(long[] q, MemorySegment data, long offset) {
    return PanamaIntegerKernels.hamming(q, data, offset);
  }

  // ---- batch ----

  @Override
  public void rawScores(Similarity similarity, float[] q, MemorySegment data, long offset, int count, float[] out) {
    Objects.requireNonNull(similarity, "similarity");
    long stride = 4L * q.length;
    checkBlock(q.length, data, offset, count, out);
    switch (similarity) {
      case DOT_PRODUCT, MAXIMUM_INNER_PRODUCT -> {
        for (int v = 0; v < count; v++) out[v] = dot(q, data, offset + v * stride);
      }
      case EUCLIDEAN -> {
        for (int v = 0; v < count; v++) out[v] = -squareDistance(q, data, offset + v * stride);
      }
      case COSINE -> {
        float qq = dot(q, q);
        for (int v = 0; v < count; v++) out[v] = cosineWithQueryNorm(q, qq, data, offset + v * stride);
      }
    }
  }

  static void checkBlock(int dimension, MemorySegment data, long offset, int count, float[] out) {
    if (count < 0 || count > out.length) {
      throw new IndexOutOfBoundsException("cannot score " + count + " vectors into an output array of length " + out.length);
    }
    long need = (long) count * dimension * Float.BYTES;
    if (offset < 0 || offset > data.byteSize() - need) {
      throw new IndexOutOfBoundsException("block of " + count + " vectors x " + dimension + " floats at byte offset "
          + offset + " needs " + need + " bytes but the memory holds " + data.byteSize());
    }
  }
}
