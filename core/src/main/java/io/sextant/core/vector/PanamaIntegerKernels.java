package io.sextant.core.vector;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.Vector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * int8 and bit kernels of {@link PanamaKernels}; exact integer arithmetic, so any order is fine.
 *
 * <p>int8: a half-width byte load (32 bytes on AVX-512) is sign-extended to a full register of
 * shorts, multiplied as shorts (|a·b| ≤ 2¹⁴ fits), and the products are widened to ints in two
 * halves and added to two int accumulators. Widening bytes straight to ints would need a 32-bit
 * multiply, which is 2–3× the cost of the 16-bit one on x86. For the squared distance the
 * difference (|d| ≤ 255) is formed in shorts and squared there too: d² ≤ 65025 does not fit a
 * signed short but does fit 16 unsigned bits, so the low half of the 16-bit product is exact and
 * is <em>zero</em>-extended to int.
 *
 * <p>Hamming: XOR then lanewise BIT_COUNT on longs (VPOPCNTQ on AVX-512, otherwise HotSpot's
 * emulation), summed in long lanes.
 *
 * <p>Each loop exists for arrays (second operand at an index) and for native memory (see
 * {@link SegmentViews}).
 */
final class PanamaIntegerKernels {
  /** Register width for the int8 loops: the preferred one, at most 512 bits (no wider shapes on x86). */
  private static final int BITS = Math.min(512, VectorShape.preferredShape().vectorBitSize());
  private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, VectorShape.forBitSize(BITS));
  private static final VectorSpecies<Short> S = VectorSpecies.of(short.class, VectorShape.forBitSize(BITS));
  private static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class, VectorShape.forBitSize(BITS / 2));
  /** Bytes consumed per step: one short lane per byte. */
  private static final int BL = S.length();
  private static final VectorSpecies<Long> L = LongVector.SPECIES_PREFERRED;
  private static final int LL = L.length();
  private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
  private static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(LE);

  private PanamaIntegerKernels() {}

  @SuppressWarnings("unchecked")
  private static ShortVector widen(ByteVector v) {
    return (ShortVector) v.convertShape(VectorOperators.B2S, S, 0);
  }

  @SuppressWarnings("unchecked")
  private static IntVector low(Vector<Short> v, VectorOperators.Conversion<Short, Integer> op) {
    return (IntVector) v.convertShape(op, I, 0);
  }

  @SuppressWarnings("unchecked")
  private static IntVector high(Vector<Short> v, VectorOperators.Conversion<Short, Integer> op) {
    return (IntVector) v.convertShape(op, I, 1);
  }

  static int dot(byte[] a, byte[] b, int bi, int n) {
    IntVector s0 = IntVector.zero(I), s1 = s0;
    int i = 0;
    for (int end = n - n % BL; i < end; i += BL) {
      ShortVector p = widen(ByteVector.fromArray(B, a, i)).mul(widen(ByteVector.fromArray(B, b, bi + i)));
      s0 = s0.add(low(p, VectorOperators.S2I));
      s1 = s1.add(high(p, VectorOperators.S2I));
    }
    int s = s0.add(s1).reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) s += a[i] * b[bi + i];
    return s;
  }

  static int dot(byte[] q, MemorySegment data, long offset) {
    int n = q.length;
    IntVector s0 = IntVector.zero(I), s1 = s0;
    int i = 0;
    for (int end = n - n % BL; i < end; i += BL) {
      ShortVector p = widen(ByteVector.fromArray(B, q, i))
          .mul(widen(ByteVector.fromMemorySegment(B, data, offset + i, LE)));
      s0 = s0.add(low(p, VectorOperators.S2I));
      s1 = s1.add(high(p, VectorOperators.S2I));
    }
    int s = s0.add(s1).reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) s += q[i] * data.get(ValueLayout.JAVA_BYTE, offset + i);
    return s;
  }

  static int squareDistance(byte[] a, byte[] b, int bi, int n) {
    IntVector s0 = IntVector.zero(I), s1 = s0;
    int i = 0;
    for (int end = n - n % BL; i < end; i += BL) {
      ShortVector d = widen(ByteVector.fromArray(B, a, i)).sub(widen(ByteVector.fromArray(B, b, bi + i)));
      ShortVector sq = d.mul(d);
      s0 = s0.add(low(sq, VectorOperators.ZERO_EXTEND_S2I));
      s1 = s1.add(high(sq, VectorOperators.ZERO_EXTEND_S2I));
    }
    int s = s0.add(s1).reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      int d = a[i] - b[bi + i];
      s += d * d;
    }
    return s;
  }

  static int squareDistance(byte[] q, MemorySegment data, long offset) {
    int n = q.length;
    IntVector s0 = IntVector.zero(I), s1 = s0;
    int i = 0;
    for (int end = n - n % BL; i < end; i += BL) {
      ShortVector d = widen(ByteVector.fromArray(B, q, i))
          .sub(widen(ByteVector.fromMemorySegment(B, data, offset + i, LE)));
      ShortVector sq = d.mul(d);
      s0 = s0.add(low(sq, VectorOperators.ZERO_EXTEND_S2I));
      s1 = s1.add(high(sq, VectorOperators.ZERO_EXTEND_S2I));
    }
    int s = s0.add(s1).reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      int d = q[i] - data.get(ValueLayout.JAVA_BYTE, offset + i);
      s += d * d;
    }
    return s;
  }

  private static LongVector xorCount(LongVector a, LongVector b) {
    return a.lanewise(VectorOperators.XOR, b).lanewise(VectorOperators.BIT_COUNT);
  }

  static int hamming(long[] a, long[] b, int bi, int n) {
    LongVector s0 = LongVector.zero(L), s1 = s0;
    int i = 0;
    for (int end = n - n % (2 * LL); i < end; i += 2 * LL) {
      s0 = s0.add(xorCount(LongVector.fromArray(L, a, i), LongVector.fromArray(L, b, bi + i)));
      s1 = s1.add(xorCount(LongVector.fromArray(L, a, i + LL), LongVector.fromArray(L, b, bi + i + LL)));
    }
    for (int end = n - n % LL; i < end; i += LL) {
      s0 = s0.add(xorCount(LongVector.fromArray(L, a, i), LongVector.fromArray(L, b, bi + i)));
    }
    long s = i == 0 ? 0 : s0.add(s1).reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) s += Long.bitCount(a[i] ^ b[bi + i]);
    return (int) s;
  }

  static int hamming(long[] q, MemorySegment data, long offset) {
    int n = q.length;
    LongVector s0 = LongVector.zero(L), s1 = s0;
    int i = 0;
    for (int end = n - n % (2 * LL); i < end; i += 2 * LL) {
      s0 = s0.add(xorCount(LongVector.fromArray(L, q, i), LongVector.fromMemorySegment(L, data, offset + 8L * i, LE)));
      s1 = s1.add(xorCount(LongVector.fromArray(L, q, i + LL),
          LongVector.fromMemorySegment(L, data, offset + 8L * (i + LL), LE)));
    }
    for (int end = n - n % LL; i < end; i += LL) {
      s0 = s0.add(xorCount(LongVector.fromArray(L, q, i), LongVector.fromMemorySegment(L, data, offset + 8L * i, LE)));
    }
    long s = i == 0 ? 0 : s0.add(s1).reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) s += Long.bitCount(q[i] ^ data.get(LONG_LE, offset + 8L * i));
    return (int) s;
  }
}
