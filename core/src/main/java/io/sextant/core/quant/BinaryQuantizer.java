package io.sextant.core.quant;

import io.sextant.core.vector.VectorChecks;
import io.sextant.core.vector.VectorKernels;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.lang.foreign.MemorySegment;

/**
 * One bit per dimension: bit j of a code is set when {@code xⱼ > centreⱼ}, the centre being the
 * mean of a training sample. Bits are packed little-end first into longs (dimension j is bit
 * {@code j & 63} of word {@code j >>> 6}); the unused high bits of the last word are always 0,
 * so they never count. The Hamming distance between codes counts the axes on which two vectors
 * fall on different sides of the centre: a cheap, coarse estimate of their angle around it,
 * meant to pick candidates that are then rescored exactly (or with {@link ScalarQuantizer}).
 * Immutable and thread-safe.
 */
public final class BinaryQuantizer {
  static final byte VERSION = 1;
  private static final int MAGIC = 0x42513101; // "BQ1" + 1

  private final float[] centre;

  private BinaryQuantizer(float[] centre) {
    this.centre = centre;
  }

  /** Centre = mean of {@code sample} (rows of equal dimension, finite). */
  public static BinaryQuantizer train(float[][] sample) {
    if (sample.length == 0) throw new IllegalArgumentException("cannot train a binary quantizer on an empty sample");
    int d = sample[0] == null ? 0 : sample[0].length;
    if (d == 0) throw new IllegalArgumentException("sample vector 0 is null or empty");
    double[] sum = new double[d];
    for (int i = 0; i < sample.length; i++) {
      VectorChecks.requireValid(sample[i], d, "sample vector " + i);
      for (int j = 0; j < d; j++) sum[j] += sample[i][j];
    }
    float[] c = new float[d];
    for (int j = 0; j < d; j++) c[j] = (float) (sum[j] / sample.length);
    return new BinaryQuantizer(c);
  }

  /** A quantizer around a given centre (e.g. the origin for already centred data). */
  public static BinaryQuantizer withCentre(float[] centre) {
    if (centre == null || centre.length == 0) throw new IllegalArgumentException("centre is null or empty");
    return new BinaryQuantizer(VectorChecks.requireValid(centre, centre.length, "centre").clone());
  }

  public int dimension() { return centre.length; }

  /** Longs per code: ⌈dimension / 64⌉. */
  public int words() { return words(centre.length); }

  static int words(int dimension) { return (dimension + 63) >>> 6; }

  public float[] centre() { return centre.clone(); }

  public long[] encode(float[] v) {
    long[] out = new long[words()];
    encode(v, out);
    return out;
  }

  public void encode(float[] v, long[] out) {
    VectorChecks.requireValid(v, dimension(), "vector to quantize");
    VectorChecks.requireSameLength(out.length, words());
    java.util.Arrays.fill(out, 0L);
    for (int j = 0; j < v.length; j++) {
      if (v[j] > centre[j]) out[j >>> 6] |= 1L << (j & 63);
    }
  }

  /** Hamming distance between two codes (lower is closer). */
  public int distance(VectorKernels k, long[] a, long[] b) {
    VectorChecks.requireSameLength(a.length, words());
    return k.hamming(a, b);
  }

  /** Hamming distance between {@code q} and the code at byte {@code offset} of {@code data}. */
  public int distance(VectorKernels k, long[] q, MemorySegment data, long offset) {
    VectorChecks.requireSameLength(q.length, words());
    return k.hamming(q, data, offset);
  }

  /** Serialized form: magic, version byte, dimension, then the centre. */
  public void writeTo(DataOutput out) throws IOException {
    out.writeInt(MAGIC);
    out.writeByte(VERSION);
    out.writeInt(centre.length);
    for (float c : centre) out.writeFloat(c);
  }

  public static BinaryQuantizer readFrom(DataInput in) throws IOException {
    int magic = in.readInt();
    if (magic != MAGIC) {
      throw new IOException(String.format("not a binary quantizer: magic 0x%08x, expected 0x%08x", magic, MAGIC));
    }
    byte version = in.readByte();
    if (version != VERSION) throw new IOException("binary quantizer version " + version + " is not supported (expected " + VERSION + ")");
    int d = in.readInt();
    if (d <= 0 || d > (1 << 20)) throw new IOException("binary quantizer dimension " + d + " is out of range (1.." + (1 << 20) + ")");
    float[] c = new float[d];
    for (int j = 0; j < d; j++) {
      c[j] = in.readFloat();
      if (!Float.isFinite(c[j])) throw new IOException("binary quantizer centre has a non-finite component " + c[j] + " at index " + j);
    }
    return new BinaryQuantizer(c);
  }

  public byte[] toBytes() {
    return QuantizerBytes.write(this::writeTo);
  }

  public static BinaryQuantizer fromBytes(byte[] bytes) throws IOException {
    return QuantizerBytes.read(bytes, BinaryQuantizer::readFrom);
  }

  @Override public String toString() {
    return "BinaryQuantizer[dimension " + dimension() + "]";
  }
}
