package io.sextant.hnsw;

import io.sextant.core.vector.PanamaKernels;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import io.sextant.core.vector.lanes.LaneSum;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Int8Kernel} with the Vector API, 8 codes at a time (16 with 16 float lanes, AVX-512),
 * gathered by ordinal from a memory segment (off-heap or mapped), in the style of
 * {@link PanamaSegmentKernel}: one accumulator per code keeps the loads of 8 or 16 scattered codes
 * in flight together, and slicing each code first lets the JIT drop per-load bounds checks. The
 * 16-wide loop calls no helper and sums its lanes in one blend tree, as the float kernels' do
 * (C2's inlining node budget; see {@code hnsw/tools/generate_kernels.py}).
 *
 * <p>Each step loads as many bytes as a float register has lanes (16 on AVX-512), sign-extends
 * and converts them to floats in one lanewise conversion and multiply-adds them with the float
 * query. The conversion is written {@code castShape(F, 0)}: on JDK 25 the equivalent
 * {@code convertShape(B2F, F, 0)} took about twice as long in a micro-benchmark and left whole
 * searches ~10x slower than the float path (C2 deoptimized the batch loops again and again). That is as many vector operations per dimension as an all-integer dot product would need
 * (which must widen bytes to shorts, multiply, then widen to ints in two halves), keeps the query
 * exact, and reads a quarter of the bytes of the float kernel.
 */
final class PanamaInt8Kernel implements Int8Kernel {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int FL = F.length();
  private static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class, VectorShape.forBitSize(FL * 8));
  private static final boolean FMA = PanamaKernels.usesFma();
  private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

  private final MemorySegment codes;
  private final int dim;
  private final long bytes;
  /** Bytes from one record to the next (the code and whatever follows it). */
  private final long stride;
  private final int bound;
  private final float[] tail = new float[16];
  private final float[] sums = new float[16];

  PanamaInt8Kernel(MemorySegment codes, int dimension, int stride) {
    this.codes = codes;
    this.dim = dimension;
    this.bytes = dimension;
    this.stride = stride;
    this.bound = F.loopBound(dimension);
  }

  @Override
  public int batchWidth() {
    return FL == 16 ? 16 : 8;
  }

  /** Entry point reached reflectively by {@link Int8Kernels}. */
  static Int8Kernel create(MemorySegment codes, int dimension, int stride) {
    return new PanamaInt8Kernel(codes, dimension, stride);
  }

  private static FloatVector mulAdd(FloatVector a, FloatVector b, FloatVector acc) {
    return FMA ? a.fma(b, acc) : acc.add(a.mul(b));
  }

  private static FloatVector load(MemorySegment v, int i) {
    return (FloatVector) ByteVector.fromMemorySegment(B, v, i, LE).castShape(F, 0);
  }

  private float rest(float[] w, MemorySegment v) {
    float s = 0;
    for (int j = bound; j < dim; j++) s += w[j] * v.get(ValueLayout.JAVA_BYTE, j);
    return s;
  }

  @Override
  public float dot(float[] w, int node) {
    dot8(w, node, node, node, node, node, node, node, node, tail, 0);
    return tail[0];
  }

  /**
   * Every batch, tail and single code included, goes through {@link #dot8} or, with 16 lanes, {@link #dot16}: the repeats of a
   * padded tail come from cache, and few hot loops are few methods for C2 to compile. With a 4-wide
   * variant for tails (as the float kernels have) that method was often still running in C1
   * (which boxes every vector) thousands of queries into a benchmark on a loaded machine.
   */
  @Override
  public void dot(float[] w, int[] nodes, int count, float[] out) {
    if (FL == 16) {
      dot16s(w, nodes, count, out);
      return;
    }
    int i = 0;
    for (; i + 8 <= count; i += 8) {
      dot8(w, nodes[i], nodes[i + 1], nodes[i + 2], nodes[i + 3], nodes[i + 4], nodes[i + 5], nodes[i + 6],
          nodes[i + 7], out, i);
    }
    int left = count - i;
    if (left == 0) return;
    int last = count - 1;
    dot8(w, nodes[i], nodes[Math.min(i + 1, last)], nodes[Math.min(i + 2, last)], nodes[Math.min(i + 3, last)],
        nodes[Math.min(i + 4, last)], nodes[Math.min(i + 5, last)], nodes[Math.min(i + 6, last)], nodes[last], tail, 0);
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
      dot16(w, nodes[i], nodes[i + 1], nodes[i + 2], nodes[i + 3], nodes[i + 4], nodes[i + 5], nodes[i + 6], nodes[i + 7], nodes[i + 8], nodes[i + 9], nodes[i + 10], nodes[i + 11], nodes[i + 12], nodes[i + 13], nodes[i + 14], nodes[i + 15], out, i);
    }
    int left = count - i;
    if (left == 0) return;
    int last = count - 1;
    if (left > 8) {
      dot16(w, nodes[i], nodes[Math.min(i + 1, last)], nodes[Math.min(i + 2, last)], nodes[Math.min(i + 3, last)], nodes[Math.min(i + 4, last)], nodes[Math.min(i + 5, last)], nodes[Math.min(i + 6, last)], nodes[Math.min(i + 7, last)], nodes[Math.min(i + 8, last)], nodes[Math.min(i + 9, last)], nodes[Math.min(i + 10, last)], nodes[Math.min(i + 11, last)], nodes[Math.min(i + 12, last)], nodes[Math.min(i + 13, last)], nodes[Math.min(i + 14, last)], nodes[Math.min(i + 15, last)], tail, 0);
    } else {
      dot8(w, nodes[i], nodes[Math.min(i + 1, last)], nodes[Math.min(i + 2, last)], nodes[Math.min(i + 3, last)], nodes[Math.min(i + 4, last)], nodes[Math.min(i + 5, last)], nodes[Math.min(i + 6, last)], nodes[Math.min(i + 7, last)], tail, 0);
    }
    System.arraycopy(tail, 0, out, i, left);
  }

  private void dot16(float[] w, int n0, int n1, int n2, int n3, int n4, int n5, int n6, int n7, int n8, int n9, int n10, int n11, int n12, int n13, int n14, int n15, float[] out, int at) {
    MemorySegment v0 = codes.asSlice(n0 * stride, bytes);
    MemorySegment v1 = codes.asSlice(n1 * stride, bytes);
    MemorySegment v2 = codes.asSlice(n2 * stride, bytes);
    MemorySegment v3 = codes.asSlice(n3 * stride, bytes);
    MemorySegment v4 = codes.asSlice(n4 * stride, bytes);
    MemorySegment v5 = codes.asSlice(n5 * stride, bytes);
    MemorySegment v6 = codes.asSlice(n6 * stride, bytes);
    MemorySegment v7 = codes.asSlice(n7 * stride, bytes);
    MemorySegment v8 = codes.asSlice(n8 * stride, bytes);
    MemorySegment v9 = codes.asSlice(n9 * stride, bytes);
    MemorySegment v10 = codes.asSlice(n10 * stride, bytes);
    MemorySegment v11 = codes.asSlice(n11 * stride, bytes);
    MemorySegment v12 = codes.asSlice(n12 * stride, bytes);
    MemorySegment v13 = codes.asSlice(n13 * stride, bytes);
    MemorySegment v14 = codes.asSlice(n14 * stride, bytes);
    MemorySegment v15 = codes.asSlice(n15 * stride, bytes);
    FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0, a12 = a0, a13 = a0, a14 = a0, a15 = a0;
    for (int i = 0; i < bound; i += FL) {
      FloatVector x = FloatVector.fromArray(F, w, i);
      FloatVector y0 = (FloatVector) ByteVector.fromMemorySegment(B, v0, i, LE).castShape(F, 0);
      a0 = FMA ? x.fma(y0, a0) : a0.add(x.mul(y0));
      FloatVector y1 = (FloatVector) ByteVector.fromMemorySegment(B, v1, i, LE).castShape(F, 0);
      a1 = FMA ? x.fma(y1, a1) : a1.add(x.mul(y1));
      FloatVector y2 = (FloatVector) ByteVector.fromMemorySegment(B, v2, i, LE).castShape(F, 0);
      a2 = FMA ? x.fma(y2, a2) : a2.add(x.mul(y2));
      FloatVector y3 = (FloatVector) ByteVector.fromMemorySegment(B, v3, i, LE).castShape(F, 0);
      a3 = FMA ? x.fma(y3, a3) : a3.add(x.mul(y3));
      FloatVector y4 = (FloatVector) ByteVector.fromMemorySegment(B, v4, i, LE).castShape(F, 0);
      a4 = FMA ? x.fma(y4, a4) : a4.add(x.mul(y4));
      FloatVector y5 = (FloatVector) ByteVector.fromMemorySegment(B, v5, i, LE).castShape(F, 0);
      a5 = FMA ? x.fma(y5, a5) : a5.add(x.mul(y5));
      FloatVector y6 = (FloatVector) ByteVector.fromMemorySegment(B, v6, i, LE).castShape(F, 0);
      a6 = FMA ? x.fma(y6, a6) : a6.add(x.mul(y6));
      FloatVector y7 = (FloatVector) ByteVector.fromMemorySegment(B, v7, i, LE).castShape(F, 0);
      a7 = FMA ? x.fma(y7, a7) : a7.add(x.mul(y7));
      FloatVector y8 = (FloatVector) ByteVector.fromMemorySegment(B, v8, i, LE).castShape(F, 0);
      a8 = FMA ? x.fma(y8, a8) : a8.add(x.mul(y8));
      FloatVector y9 = (FloatVector) ByteVector.fromMemorySegment(B, v9, i, LE).castShape(F, 0);
      a9 = FMA ? x.fma(y9, a9) : a9.add(x.mul(y9));
      FloatVector y10 = (FloatVector) ByteVector.fromMemorySegment(B, v10, i, LE).castShape(F, 0);
      a10 = FMA ? x.fma(y10, a10) : a10.add(x.mul(y10));
      FloatVector y11 = (FloatVector) ByteVector.fromMemorySegment(B, v11, i, LE).castShape(F, 0);
      a11 = FMA ? x.fma(y11, a11) : a11.add(x.mul(y11));
      FloatVector y12 = (FloatVector) ByteVector.fromMemorySegment(B, v12, i, LE).castShape(F, 0);
      a12 = FMA ? x.fma(y12, a12) : a12.add(x.mul(y12));
      FloatVector y13 = (FloatVector) ByteVector.fromMemorySegment(B, v13, i, LE).castShape(F, 0);
      a13 = FMA ? x.fma(y13, a13) : a13.add(x.mul(y13));
      FloatVector y14 = (FloatVector) ByteVector.fromMemorySegment(B, v14, i, LE).castShape(F, 0);
      a14 = FMA ? x.fma(y14, a14) : a14.add(x.mul(y14));
      FloatVector y15 = (FloatVector) ByteVector.fromMemorySegment(B, v15, i, LE).castShape(F, 0);
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
    out[at + 0] = t[0] + rest(w, v0);
    out[at + 1] = t[1] + rest(w, v1);
    out[at + 2] = t[2] + rest(w, v2);
    out[at + 3] = t[3] + rest(w, v3);
    out[at + 4] = t[4] + rest(w, v4);
    out[at + 5] = t[5] + rest(w, v5);
    out[at + 6] = t[6] + rest(w, v6);
    out[at + 7] = t[7] + rest(w, v7);
    out[at + 8] = t[8] + rest(w, v8);
    out[at + 9] = t[9] + rest(w, v9);
    out[at + 10] = t[10] + rest(w, v10);
    out[at + 11] = t[11] + rest(w, v11);
    out[at + 12] = t[12] + rest(w, v12);
    out[at + 13] = t[13] + rest(w, v13);
    out[at + 14] = t[14] + rest(w, v14);
    out[at + 15] = t[15] + rest(w, v15);
  }

  private void dot8(float[] w, int n0, int n1, int n2, int n3, int n4, int n5, int n6, int n7, float[] out, int at) {
    MemorySegment v0 = codes.asSlice(n0 * stride, bytes);
    MemorySegment v1 = codes.asSlice(n1 * stride, bytes);
    MemorySegment v2 = codes.asSlice(n2 * stride, bytes);
    MemorySegment v3 = codes.asSlice(n3 * stride, bytes);
    MemorySegment v4 = codes.asSlice(n4 * stride, bytes);
    MemorySegment v5 = codes.asSlice(n5 * stride, bytes);
    MemorySegment v6 = codes.asSlice(n6 * stride, bytes);
    MemorySegment v7 = codes.asSlice(n7 * stride, bytes);
    FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
    for (int i = 0; i < bound; i += FL) {
      FloatVector x = FloatVector.fromArray(F, w, i);
      a0 = mulAdd(x, load(v0, i), a0);
      a1 = mulAdd(x, load(v1, i), a1);
      a2 = mulAdd(x, load(v2, i), a2);
      a3 = mulAdd(x, load(v3, i), a3);
      a4 = mulAdd(x, load(v4, i), a4);
      a5 = mulAdd(x, load(v5, i), a5);
      a6 = mulAdd(x, load(v6, i), a6);
      a7 = mulAdd(x, load(v7, i), a7);
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
      out[at] = t[0] + rest(w, v0);
      out[at + 1] = t[1] + rest(w, v1);
      out[at + 2] = t[2] + rest(w, v2);
      out[at + 3] = t[3] + rest(w, v3);
      out[at + 4] = t[4] + rest(w, v4);
      out[at + 5] = t[5] + rest(w, v5);
      out[at + 6] = t[6] + rest(w, v6);
      out[at + 7] = t[7] + rest(w, v7);
      return;
    }
    out[at] = LaneSum.sum(a0) + rest(w, v0);
    out[at + 1] = LaneSum.sum(a1) + rest(w, v1);
    out[at + 2] = LaneSum.sum(a2) + rest(w, v2);
    out[at + 3] = LaneSum.sum(a3) + rest(w, v3);
    out[at + 4] = LaneSum.sum(a4) + rest(w, v4);
    out[at + 5] = LaneSum.sum(a5) + rest(w, v5);
    out[at + 6] = LaneSum.sum(a6) + rest(w, v6);
    out[at + 7] = LaneSum.sum(a7) + rest(w, v7);
  }
}
