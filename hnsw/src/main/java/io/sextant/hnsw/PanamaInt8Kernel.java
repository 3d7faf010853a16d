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
 * {@link Int8Kernel} with the Vector API, 8 codes at a time, gathered by ordinal from a
 * memory segment (off-heap or mapped), in the style of {@link PanamaSegmentKernel}: one
 * accumulator per code keeps the loads of 8 scattered codes in flight together, and slicing each
 * code first lets the JIT drop per-load bounds checks.
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
  private final float[] tail = new float[8];

  PanamaInt8Kernel(MemorySegment codes, int dimension, int stride) {
    this.codes = codes;
    this.dim = dimension;
    this.bytes = dimension;
    this.stride = stride;
    this.bound = F.loopBound(dimension);
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
   * Every batch, tail and single code included, goes through {@link #dot8}: the repeats of a
   * padded tail come from cache, and one hot loop is one method for C2 to compile. With a 4-wide
   * variant for tails (as the float kernels have) that method was often still running in C1
   * (which boxes every vector) thousands of queries into a benchmark on a loaded machine.
   */
  @Override
  public void dot(float[] w, int[] nodes, int count, float[] out) {
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
