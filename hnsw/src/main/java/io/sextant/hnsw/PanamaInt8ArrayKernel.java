package io.sextant.hnsw;

import io.sextant.core.vector.PanamaKernels;
import jdk.incubator.vector.ByteVector;
import io.sextant.core.vector.lanes.LaneSum;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PanamaInt8Kernel} for codes in a heap {@code byte[]} (codes encoded in memory, see
 * {@link QuantizedVectors#encode}): the same arithmetic, 8 codes at a time, loading with
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
  private final float[] tail = new float[8];

  PanamaInt8ArrayKernel(byte[] codes, int base, int dimension, int stride) {
    this.codes = codes;
    this.base = base;
    this.dim = dimension;
    this.stride = stride;
    this.bound = F.loopBound(dimension);
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

  /** Every batch goes through {@link #dot8}, tails padded with repeats: see {@link PanamaInt8Kernel#dot(float[], int[], int, float[])}. */
  @Override
  public void dot(float[] w, int[] nodes, int count, float[] out) {
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
