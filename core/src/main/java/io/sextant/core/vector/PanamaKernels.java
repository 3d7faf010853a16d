package io.sextant.core.vector;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * Kernels on the Vector API ({@code jdk.incubator.vector}) with the preferred species (512 bits on
 * AVX-512, 256 on AVX2). Only {@link Kernels} should touch this class, through reflection, so that
 * nothing links against the incubator module when it is absent.
 *
 * <p>The loops are in {@link PanamaFloatKernels} (4 accumulators, FMA per {@link FmaPolicy},
 * masked tails) and {@link PanamaIntegerKernels} (int8 through 16-bit products, Hamming through
 * lanewise bit counts). This class validates lengths and routes each segment to the loop that
 * reads its kind of memory (see {@link SegmentViews}).
 *
 * <p>Accuracy: each float result is a sum of {@code n} products in a fixed order; it obeys the
 * classic bound {@code |err| ≤ γ(n)·Σ|aᵢbᵢ|}, {@code γ(n) = nu/(1−nu)}, {@code u = 2⁻²⁴}, like the
 * scalar loop (whose order differs, so the two differ in the last bits). The order is the same
 * before and after the JIT compiles a kernel ({@code LaneSum}), so a result never depends on
 * warm-up.
 */
public final class PanamaKernels implements VectorKernels {
  private static final PanamaKernels INSTANCE = new PanamaKernels();

  private PanamaKernels() {}

  /**
   * The Panama kernels, or null when they would not beat the scalar ones: preferred vectors of at
   * most 128 bits (where HotSpot leaves gaps in the intrinsics) or no C2 compiler to intrinsify
   * the Vector API (in the interpreter and C1 it is far slower than plain loops).
   */
  public static VectorKernels createIfUseful() {
    if (PanamaFloatKernels.F.vectorBitSize() <= 128 || !hasC2()) return null;
    return INSTANCE;
  }

  /** The Panama kernels whether or not they would be fast here (tests run them interpreted: see ColdScoresTest). */
  static VectorKernels unconditionally() {
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
    return PanamaFloatKernels.FMA;
  }

  @Override public String name() { return "panama"; }

  @Override public String toString() {
    return "panama(" + PanamaFloatKernels.F.vectorBitSize() + "-bit, " + (usesFma() ? "fma" : "mul+add") + ")";
  }

  // ---- float ----

  @Override
  public float dot(float[] a, float[] b) {
    VectorChecks.requireSameLength(a.length, b.length);
    return PanamaFloatKernels.dot(a, b, 0, a.length);
  }

  @Override
  public float dot(float[] q, MemorySegment data, long offset) {
    if (data.isNative()) return PanamaFloatKernels.dot(q, SegmentViews.nativeView(data), offset);
    float[] array = SegmentViews.floatArray(data, offset, q.length);
    if (array != null) return PanamaFloatKernels.dot(q, array, SegmentViews.floatIndex(data, offset), q.length);
    return dot(q, SegmentViews.copyFloats(data, offset, q.length));
  }

  @Override
  public float squareDistance(float[] a, float[] b) {
    VectorChecks.requireSameLength(a.length, b.length);
    return PanamaFloatKernels.squareDistance(a, b, 0, a.length);
  }

  @Override
  public float squareDistance(float[] q, MemorySegment data, long offset) {
    if (data.isNative()) return PanamaFloatKernels.squareDistance(q, SegmentViews.nativeView(data), offset);
    float[] array = SegmentViews.floatArray(data, offset, q.length);
    if (array != null) return PanamaFloatKernels.squareDistance(q, array, SegmentViews.floatIndex(data, offset), q.length);
    return squareDistance(q, SegmentViews.copyFloats(data, offset, q.length));
  }

  @Override
  public float cosine(float[] a, float[] b) {
    VectorChecks.requireSameLength(a.length, b.length);
    return PanamaFloatKernels.cosine(a, b, 0, a.length);
  }

  @Override
  public float cosine(float[] q, MemorySegment data, long offset) {
    if (data.isNative()) return PanamaFloatKernels.cosine(q, SegmentViews.nativeView(data), offset);
    float[] array = SegmentViews.floatArray(data, offset, q.length);
    if (array != null) return PanamaFloatKernels.cosine(q, array, SegmentViews.floatIndex(data, offset), q.length);
    return cosine(q, SegmentViews.copyFloats(data, offset, q.length));
  }

  // ---- int8 and bits ----

  @Override
  public int dot(byte[] a, byte[] b) {
    VectorChecks.requireSameLength(a.length, b.length);
    return PanamaIntegerKernels.dot(a, b, 0, a.length);
  }

  @Override
  public int dot(byte[] q, MemorySegment data, long offset) {
    if (data.isNative()) return PanamaIntegerKernels.dot(q, SegmentViews.nativeView(data), offset);
    byte[] array = SegmentViews.byteArray(data, offset, q.length);
    if (array != null) return PanamaIntegerKernels.dot(q, array, SegmentViews.byteIndex(data, offset), q.length);
    return dot(q, SegmentViews.copyBytes(data, offset, q.length));
  }

  @Override
  public int squareDistance(byte[] a, byte[] b) {
    VectorChecks.requireSameLength(a.length, b.length);
    return PanamaIntegerKernels.squareDistance(a, b, 0, a.length);
  }

  @Override
  public int squareDistance(byte[] q, MemorySegment data, long offset) {
    if (data.isNative()) return PanamaIntegerKernels.squareDistance(q, SegmentViews.nativeView(data), offset);
    byte[] array = SegmentViews.byteArray(data, offset, q.length);
    if (array != null) return PanamaIntegerKernels.squareDistance(q, array, SegmentViews.byteIndex(data, offset), q.length);
    return squareDistance(q, SegmentViews.copyBytes(data, offset, q.length));
  }

  @Override
  public int hamming(long[] a, long[] b) {
    VectorChecks.requireSameLength(a.length, b.length);
    return PanamaIntegerKernels.hamming(a, b, 0, a.length);
  }

  @Override
  public int hamming(long[] q, MemorySegment data, long offset) {
    if (data.isNative()) return PanamaIntegerKernels.hamming(q, SegmentViews.nativeView(data), offset);
    long[] array = SegmentViews.longArray(data, offset, q.length);
    if (array != null) return PanamaIntegerKernels.hamming(q, array, SegmentViews.longIndex(data, offset), q.length);
    return hamming(q, SegmentViews.copyLongs(data, offset, q.length));
  }

  // ---- batch ----

  @Override
  public void rawScores(Similarity similarity, float[] q, MemorySegment data, long offset, int count, float[] out) {
    Objects.requireNonNull(similarity, "similarity");
    checkBlock(q.length, data, offset, count, out);
    if (count == 0) return;
    int n = q.length;
    if (data.isNative()) {
      MemorySegment s = SegmentViews.nativeView(data);
      long stride = 4L * n;
      switch (similarity) {
        case DOT_PRODUCT, MAXIMUM_INNER_PRODUCT, EUCLIDEAN -> {
          boolean l2 = similarity == Similarity.EUCLIDEAN;
          int v = 0;
          if (PanamaFloatKernels.fillsRegisters(n)) {
            for (; v + 4 <= count; v += 4) {
              if (l2) {
                PanamaBlockKernels.squareDistance4(q, s, offset + v * stride, stride, out, v);
              } else {
                PanamaBlockKernels.dot4(q, s, offset + v * stride, stride, out, v);
              }
            }
          }
          for (; v < count; v++) {
            long at = offset + v * stride;
            out[v] = l2 ? PanamaFloatKernels.squareDistance(q, s, at) : PanamaFloatKernels.dot(q, s, at);
          }
          if (l2) negate(out, count);
        }
        case COSINE -> {
          float qq = PanamaFloatKernels.dot(q, q, 0, n);
          for (int v = 0; v < count; v++) out[v] = PanamaFloatKernels.cosine(q, qq, s, offset + v * stride);
        }
      }
      return;
    }
    float[] array = SegmentViews.floatArray(data, offset, Math.multiplyExact(n, count));
    int base;
    if (array != null) {
      base = SegmentViews.floatIndex(data, offset);
    } else {
      array = SegmentViews.copyFloats(data, offset, n * count);
      base = 0;
    }
    switch (similarity) {
      case DOT_PRODUCT, MAXIMUM_INNER_PRODUCT, EUCLIDEAN -> {
        boolean l2 = similarity == Similarity.EUCLIDEAN;
        int v = 0;
        if (PanamaFloatKernels.fillsRegisters(n)) {
          for (; v + 4 <= count; v += 4) {
            if (l2) {
              PanamaBlockKernels.squareDistance4(q, array, base + v * n, n, out, v);
            } else {
              PanamaBlockKernels.dot4(q, array, base + v * n, n, out, v);
            }
          }
        }
        for (; v < count; v++) {
          int at = base + v * n;
          out[v] = l2 ? PanamaFloatKernels.squareDistance(q, array, at, n) : PanamaFloatKernels.dot(q, array, at, n);
        }
        if (l2) negate(out, count);
      }
      case COSINE -> {
        float qq = PanamaFloatKernels.dot(q, q, 0, n);
        for (int v = 0; v < count; v++) out[v] = PanamaFloatKernels.cosine(q, qq, array, base + v * n);
      }
    }
  }

  /** Squared distances become raw EUCLIDEAN values (higher is better). */
  private static void negate(float[] out, int count) {
    for (int v = 0; v < count; v++) out[v] = -out[v];
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
