package io.sextant.hnsw;

import io.sextant.core.vector.PanamaKernels;
import jdk.incubator.vector.ByteVector;
import io.sextant.core.vector.lanes.LaneSum;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PanamaInt8Kernel} for codes in a heap {@code byte[]} (codes encoded in memory, see
 * {@link QuantizedVectors#encode}): the same arithmetic, 8 or 16 codes at a time, loading with
 * {@code ByteVector.fromArray}.
 *
 * <p>Why a second kernel: on JDK 25 a load from an array costs less than the same load through a
 * {@link java.lang.foreign.MemorySegment}. Measured with batches of 8 random 784-byte codes of a
 * 47 MB block (session 4, {@code docs/bench/hnsw-quantized.md}): 69–74 ns per code from the array
 * against 82–98 ns through a native segment and ~98 ns through a heap segment. Codes read from a
 * mapped file keep the segment kernel.
 */
final class PanamaInt8ArrayKernel implements Int8Kernel {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int FL = F.length();
  private static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class, VectorShape.forBitSize(FL * 8));
  private static final boolean FMA = PanamaKernels.usesFma();

  private final byte[] codes;
  /** Index in {@link #codes} of record 0. */
  private final int base;
  private final int dim;
  private final int stride;
  private final int bound;
  private final float[] tail = new float[16];
  private final float[] sums = new float[16];

  PanamaInt8ArrayKernel(byte[] codes, int base, int dimension, int stride) {
    this.codes = codes;
    this.base = base;
    this.dim = dimension;
    this.stride = stride;
    this.bound = F.loopBound(dimension);
  }

  @Override
  public int batchWidth() {
    return FL == 16 ? 16 : 8;
  }

  /** Entry point reached reflectively by {@link Int8Kernels}. */
  static Int8Kernel create(byte[] codes, int base, int dimension, int stride) {
    return new PanamaInt8ArrayKernel(codes, base, dimension, stride);
  }

  private static FloatVector mulAdd(FloatVector a, FloatVector b, FloatVector acc) {
    return FMA ? a.fma(b, acc) : acc.add(a.mul(b));
  }

  private static FloatVector load(byte[] c, int o) {
    return (FloatVector) ByteVector.fromArray(B, c, o).castShape(F, 0);
  }

  private float rest(float[] w, int o) {
    float s = 0;
    for (int j = bound; j < dim; j++) s += w[j] * codes[o + j];
    return s;
  }

  private int offset(int node) {
    return base + node * stride;
  }

  @Override
  public float dot(float[] w, int node) {
    int o = offset(node);
    dot8(w, o, o, o, o, o, o, o, o, tail, 0);
    return tail[0];
  }

  /** Every batch goes through {@link #dot8} or {@link #dot16}, tails padded with repeats: see {@link PanamaInt8Kernel#dot(float[], int[], int, float[])}. */
  @Override
  public void dot(float[] w, int[] nodes, int count, float[] out) {
    if (FL == 16) {
      dot16s(w, nodes, count, out);
      return;
    }
    int i = 0;
    for (; i + 8 <= count; i += 8) {
      dot8(w, offset(nodes[i]), offset(nodes[i + 1]), offset(nodes[i + 2]), offset(nodes[i + 3]), offset(nodes[i + 4]),
          offset(nodes[i + 5]), offset(nodes[i + 6]), offset(nodes[i + 7]), out, i);
    }
    int left = count - i;
    if (left == 0) return;
    int last = count - 1;
    dot8(w, offset(nodes[i]), offset(nodes[Math.min(i + 1, last)]), offset(nodes[Math.min(i + 2, last)]),
        offset(nodes[Math.min(i + 3, last)]), offset(nodes[Math.min(i + 4, last)]), offset(nodes[Math.min(i + 5, last)]),
        offset(nodes[Math.min(i + 6, last)]), offset(nodes[last]), tail, 0);
    System.arraycopy(tail, 0, out, i, left);
  }

  /**
   * {@link #dot(float[], int[], int, float[])} with 16 float lanes: 16 codes at a time, the rest padded to 16, or to 8
   * when it is 8 or fewer: converting 16 codes' bytes to floats costs ~300 ns even from cache, which a rest of a few
   * codes (the last batch of a beam, the upper layers' short lists) should not pay in full.
   */
  private void dot16s(float[] w, int[] nodes, int count, float[] out) {
    int i = 0;
    for (; i + 16 <= count; i += 16) {
      dot16(w, offset(nodes[i]), offset(nodes[i + 1]), offset(nodes[i + 2]), offset(nodes[i + 3]), offset(nodes[i + 4]), offset(nodes[i + 5]), offset(nodes[i + 6]), offset(nodes[i + 7]), offset(nodes[i + 8]), offset(nodes[i + 9]), offset(nodes[i + 10]), offset(nodes[i + 11]), offset(nodes[i + 12]), offset(nodes[i + 13]), offset(nodes[i + 14]), offset(nodes[i + 15]), out, i);
    }
    int left = count - i;
    if (left == 0) return;
    int last = count - 1;
    if (left > 8) {
      dot16(w, offset(nodes[i]), offset(nodes[Math.min(i + 1, last)]), offset(nodes[Math.min(i + 2, last)]), offset(nodes[Math.min(i + 3, last)]), offset(nodes[Math.min(i + 4, last)]), offset(nodes[Math.min(i + 5, last)]), offset(nodes[Math.min(i + 6, last)]), offset(nodes[Math.min(i + 7, last)]), offset(nodes[Math.min(i + 8, last)]), offset(nodes[Math.min(i + 9, last)]), offset(nodes[Math.min(i + 10, last)]), offset(nodes[Math.min(i + 11, last)]), offset(nodes[Math.min(i + 12, last)]), offset(nodes[Math.min(i + 13, last)]), offset(nodes[Math.min(i + 14, last)]), offset(nodes[Math.min(i + 15, last)]), tail, 0);
    } else {
      dot8(w, offset(nodes[i]), offset(nodes[Math.min(i + 1, last)]), offset(nodes[Math.min(i + 2, last)]), offset(nodes[Math.min(i + 3, last)]), offset(nodes[Math.min(i + 4, last)]), offset(nodes[Math.min(i + 5, last)]), offset(nodes[Math.min(i + 6, last)]), offset(nodes[Math.min(i + 7, last)]), tail, 0);
    }
    System.arraycopy(tail, 0, out, i, left);
  }

  private void dot16(float[] w, int o0, int o1, int o2, int o3, int o4, int o5, int o6, int o7, int o8, int o9, int o10, int o11, int o12, int o13, int o14, int o15, float[] out, int at) {
    byte[] c = codes;
    FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0, a12 = a0, a13 = a0, a14 = a0, a15 = a0;
    for (int i = 0; i < bound; i += FL) {
      FloatVector x = FloatVector.fromArray(F, w, i);
      FloatVector y0 = (FloatVector) ByteVector.fromArray(B, c, o0 + i).castShape(F, 0);
      a0 = FMA ? x.fma(y0, a0) : a0.add(x.mul(y0));
      FloatVector y1 = (FloatVector) ByteVector.fromArray(B, c, o1 + i).castShape(F, 0);
      a1 = FMA ? x.fma(y1, a1) : a1.add(x.mul(y1));
      FloatVector y2 = (FloatVector) ByteVector.fromArray(B, c, o2 + i).castShape(F, 0);
      a2 = FMA ? x.fma(y2, a2) : a2.add(x.mul(y2));
      FloatVector y3 = (FloatVector) ByteVector.fromArray(B, c, o3 + i).castShape(F, 0);
      a3 = FMA ? x.fma(y3, a3) : a3.add(x.mul(y3));
      FloatVector y4 = (FloatVector) ByteVector.fromArray(B, c, o4 + i).castShape(F, 0);
      a4 = FMA ? x.fma(y4, a4) : a4.add(x.mul(y4));
      FloatVector y5 = (FloatVector) ByteVector.fromArray(B, c, o5 + i).castShape(F, 0);
      a5 = FMA ? x.fma(y5, a5) : a5.add(x.mul(y5));
      FloatVector y6 = (FloatVector) ByteVector.fromArray(B, c, o6 + i).castShape(F, 0);
      a6 = FMA ? x.fma(y6, a6) : a6.add(x.mul(y6));
      FloatVector y7 = (FloatVector) ByteVector.fromArray(B, c, o7 + i).castShape(F, 0);
      a7 = FMA ? x.fma(y7, a7) : a7.add(x.mul(y7));
      FloatVector y8 = (FloatVector) ByteVector.fromArray(B, c, o8 + i).castShape(F, 0);
      a8 = FMA ? x.fma(y8, a8) : a8.add(x.mul(y8));
      FloatVector y9 = (FloatVector) ByteVector.fromArray(B, c, o9 + i).castShape(F, 0);
      a9 = FMA ? x.fma(y9, a9) : a9.add(x.mul(y9));
      FloatVector y10 = (FloatVector) ByteVector.fromArray(B, c, o10 + i).castShape(F, 0);
      a10 = FMA ? x.fma(y10, a10) : a10.add(x.mul(y10));
      FloatVector y11 = (FloatVector) ByteVector.fromArray(B, c, o11 + i).castShape(F, 0);
      a11 = FMA ? x.fma(y11, a11) : a11.add(x.mul(y11));
      FloatVector y12 = (FloatVector) ByteVector.fromArray(B, c, o12 + i).castShape(F, 0);
      a12 = FMA ? x.fma(y12, a12) : a12.add(x.mul(y12));
      FloatVector y13 = (FloatVector) ByteVector.fromArray(B, c, o13 + i).castShape(F, 0);
      a13 = FMA ? x.fma(y13, a13) : a13.add(x.mul(y13));
      FloatVector y14 = (FloatVector) ByteVector.fromArray(B, c, o14 + i).castShape(F, 0);
      a14 = FMA ? x.fma(y14, a14) : a14.add(x.mul(y14));
      FloatVector y15 = (FloatVector) ByteVector.fromArray(B, c, o15 + i).castShape(F, 0);
      a15 = FMA ? x.fma(y15, a15) : a15.add(x.mul(y15));
    }
    FloatVector a8_0 = a0.blend(a8, LaneSum.BIT8).add(a8.blend(a0, LaneSum.BIT8).rearrange(LaneSum.SWAP8));
    FloatVector a8_1 = a1.blend(a9, LaneSum.BIT8).add(a9.blend(a1, LaneSum.BIT8).rearrange(LaneSum.SWAP8));
    FloatVector a8_2 = a2.blend(a10, LaneSum.BIT8).add(a10.blend(a2, LaneSum.BIT8).rearrange(LaneSum.SWAP8));
    FloatVector a8_3 = a3.blend(a11, LaneSum.BIT8).add(a11.blend(a3, LaneSum.BIT8).rearrange(LaneSum.SWAP8));
    FloatVector a8_4 = a4.blend(a12, LaneSum.BIT8).add(a12.blend(a4, LaneSum.BIT8).rearrange(LaneSum.SWAP8));
    FloatVector a8_5 = a5.blend(a13, LaneSum.BIT8).add(a13.blend(a5, LaneSum.BIT8).rearrange(LaneSum.SWAP8));
    FloatVector a8_6 = a6.blend(a14, LaneSum.BIT8).add(a14.blend(a6, LaneSum.BIT8).rearrange(LaneSum.SWAP8));
    FloatVector a8_7 = a7.blend(a15, LaneSum.BIT8).add(a15.blend(a7, LaneSum.BIT8).rearrange(LaneSum.SWAP8));
    FloatVector a4_0 = a8_0.blend(a8_4, LaneSum.BIT4).add(a8_4.blend(a8_0, LaneSum.BIT4).rearrange(LaneSum.SWAP4));
    FloatVector a4_1 = a8_1.blend(a8_5, LaneSum.BIT4).add(a8_5.blend(a8_1, LaneSum.BIT4).rearrange(LaneSum.SWAP4));
    FloatVector a4_2 = a8_2.blend(a8_6, LaneSum.BIT4).add(a8_6.blend(a8_2, LaneSum.BIT4).rearrange(LaneSum.SWAP4));
    FloatVector a4_3 = a8_3.blend(a8_7, LaneSum.BIT4).add(a8_7.blend(a8_3, LaneSum.BIT4).rearrange(LaneSum.SWAP4));
    FloatVector a2_0 = a4_0.blend(a4_2, LaneSum.BIT2).add(a4_2.blend(a4_0, LaneSum.BIT2).rearrange(LaneSum.SWAP2));
    FloatVector a2_1 = a4_1.blend(a4_3, LaneSum.BIT2).add(a4_3.blend(a4_1, LaneSum.BIT2).rearrange(LaneSum.SWAP2));
    FloatVector a1_0 = a2_0.blend(a2_1, LaneSum.BIT1).add(a2_1.blend(a2_0, LaneSum.BIT1).rearrange(LaneSum.SWAP1));
    if (bound == dim) {
      a1_0.add(0f).intoArray(out, at); // "+ 0f": the bits of "sum + rest", rest being 0f
      return;
    }
    float[] t = sums;
    a1_0.intoArray(t, 0);
    out[at + 0] = t[0] + rest(w, o0);
    out[at + 1] = t[1] + rest(w, o1);
    out[at + 2] = t[2] + rest(w, o2);
    out[at + 3] = t[3] + rest(w, o3);
    out[at + 4] = t[4] + rest(w, o4);
    out[at + 5] = t[5] + rest(w, o5);
    out[at + 6] = t[6] + rest(w, o6);
    out[at + 7] = t[7] + rest(w, o7);
    out[at + 8] = t[8] + rest(w, o8);
    out[at + 9] = t[9] + rest(w, o9);
    out[at + 10] = t[10] + rest(w, o10);
    out[at + 11] = t[11] + rest(w, o11);
    out[at + 12] = t[12] + rest(w, o12);
    out[at + 13] = t[13] + rest(w, o13);
    out[at + 14] = t[14] + rest(w, o14);
    out[at + 15] = t[15] + rest(w, o15);
  }

  private void dot8(float[] w, int o0, int o1, int o2, int o3, int o4, int o5, int o6, int o7, float[] out, int at) {
    byte[] c = codes;
    FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
    for (int i = 0; i < bound; i += FL) {
      FloatVector x = FloatVector.fromArray(F, w, i);
      a0 = mulAdd(x, load(c, o0 + i), a0);
      a1 = mulAdd(x, load(c, o1 + i), a1);
      a2 = mulAdd(x, load(c, o2 + i), a2);
      a3 = mulAdd(x, load(c, o3 + i), a3);
      a4 = mulAdd(x, load(c, o4 + i), a4);
      a5 = mulAdd(x, load(c, o5 + i), a5);
      a6 = mulAdd(x, load(c, o6 + i), a6);
      a7 = mulAdd(x, load(c, o7 + i), a7);
    }
    if (FL == 16) {
      // dot16's blend tree with accumulators 8..15 taken as 0..7 (a blend of a vector with itself is the
      // vector): lanes 0..7 end with the same bits as LaneSum.sum(a0..a7), without extracting lanes one by
      // one, which C2 left to Float512Vector.laneHelper here: 10 % of an int8 search's time went there.
      FloatVector b0 = a0.add(a0.rearrange(LaneSum.SWAP8));
      FloatVector b1 = a1.add(a1.rearrange(LaneSum.SWAP8));
      FloatVector b2 = a2.add(a2.rearrange(LaneSum.SWAP8));
      FloatVector b3 = a3.add(a3.rearrange(LaneSum.SWAP8));
      FloatVector b4 = a4.add(a4.rearrange(LaneSum.SWAP8));
      FloatVector b5 = a5.add(a5.rearrange(LaneSum.SWAP8));
      FloatVector b6 = a6.add(a6.rearrange(LaneSum.SWAP8));
      FloatVector b7 = a7.add(a7.rearrange(LaneSum.SWAP8));
      FloatVector c0 = b0.blend(b4, LaneSum.BIT4).add(b4.blend(b0, LaneSum.BIT4).rearrange(LaneSum.SWAP4));
      FloatVector c1 = b1.blend(b5, LaneSum.BIT4).add(b5.blend(b1, LaneSum.BIT4).rearrange(LaneSum.SWAP4));
      FloatVector c2 = b2.blend(b6, LaneSum.BIT4).add(b6.blend(b2, LaneSum.BIT4).rearrange(LaneSum.SWAP4));
      FloatVector c3 = b3.blend(b7, LaneSum.BIT4).add(b7.blend(b3, LaneSum.BIT4).rearrange(LaneSum.SWAP4));
      FloatVector d0 = c0.blend(c2, LaneSum.BIT2).add(c2.blend(c0, LaneSum.BIT2).rearrange(LaneSum.SWAP2));
      FloatVector d1 = c1.blend(c3, LaneSum.BIT2).add(c3.blend(c1, LaneSum.BIT2).rearrange(LaneSum.SWAP2));
      float[] t = sums;
      d0.blend(d1, LaneSum.BIT1).add(d1.blend(d0, LaneSum.BIT1).rearrange(LaneSum.SWAP1)).intoArray(t, 0);
      out[at] = t[0] + rest(w, o0);
      out[at + 1] = t[1] + rest(w, o1);
      out[at + 2] = t[2] + rest(w, o2);
      out[at + 3] = t[3] + rest(w, o3);
      out[at + 4] = t[4] + rest(w, o4);
      out[at + 5] = t[5] + rest(w, o5);
      out[at + 6] = t[6] + rest(w, o6);
      out[at + 7] = t[7] + rest(w, o7);
      return;
    }
    out[at] = LaneSum.sum(a0) + rest(w, o0);
    out[at + 1] = LaneSum.sum(a1) + rest(w, o1);
    out[at + 2] = LaneSum.sum(a2) + rest(w, o2);
    out[at + 3] = LaneSum.sum(a3) + rest(w, o3);
    out[at + 4] = LaneSum.sum(a4) + rest(w, o4);
    out[at + 5] = LaneSum.sum(a5) + rest(w, o5);
    out[at + 6] = LaneSum.sum(a6) + rest(w, o6);
    out[at + 7] = LaneSum.sum(a7) + rest(w, o7);
  }
}
