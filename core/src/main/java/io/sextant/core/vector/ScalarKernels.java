package io.sextant.core.vector;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** Portable kernels: plain loops, float accumulation. Used when the Vector API is unavailable. */
public final class ScalarKernels implements VectorKernels {
  static final ValueLayout.OfFloat FLOAT_LE =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  static final ValueLayout.OfLong LONG_LE =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  public static final ScalarKernels INSTANCE = new ScalarKernels();

  private ScalarKernels() {}

  @Override public String name() { return "scalar"; }

  @Override public String toString() { return "scalar"; }

  @Override
  public float dot(float[] a, float[] b) {
    VectorChecks.requireSameLength(a.length, b.length);
    float s = 0f;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }

  @Override
  public float squareDistance(float[] a, float[] b) {
    VectorChecks.requireSameLength(a.length, b.length);
    float s = 0f;
    for (int i = 0; i < a.length; i++) {
      float d = a[i] - b[i];
      s += d * d;
    }
    return s;
  }

  @Override
  public float cosine(float[] a, float[] b) {
    VectorChecks.requireSameLength(a.length, b.length);
    float ab = 0f, aa = 0f, bb = 0f;
    for (int i = 0; i < a.length; i++) {
      ab += a[i] * b[i];
      aa += a[i] * a[i];
      bb += b[i] * b[i];
    }
    return cosineFrom(ab, aa, bb);
  }

  static float cosineFrom(float ab, float aa, float bb) {
    double denom = Math.sqrt((double) aa * (double) bb);
    return denom == 0 ? 0f : (float) (ab / denom);
  }

  @Override
  public float dot(float[] q, MemorySegment data, long offset) {
    float s = 0f;
    for (int i = 0; i < q.length; i++) s += q[i] * data.get(FLOAT_LE, offset + 4L * i);
    return s;
  }

  @Override
  public float squareDistance(float[] q, MemorySegment data, long offset) {
    float s = 0f;
    for (int i = 0; i < q.length; i++) {
      float d = q[i] - data.get(FLOAT_LE, offset + 4L * i);
      s += d * d;
    }
    return s;
  }

  @Override
  public float cosine(float[] q, MemorySegment data, long offset) {
    float ab = 0f, aa = 0f, bb = 0f;
    for (int i = 0; i < q.length; i++) {
      float v = data.get(FLOAT_LE, offset + 4L * i);
      ab += q[i] * v;
      aa += q[i] * q[i];
      bb += v * v;
    }
    return cosineFrom(ab, aa, bb);
  }

  @Override
  public int dot(byte[] a, byte[] b) {
    VectorChecks.requireSameLength(a.length, b.length);
    int s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }

  @Override
  public int squareDistance(byte[] a, byte[] b) {
    VectorChecks.requireSameLength(a.length, b.length);
    int s = 0;
    for (int i = 0; i < a.length; i++) {
      int d = a[i] - b[i];
      s += d * d;
    }
    return s;
  }

  @Override
  public int dot(byte[] q, MemorySegment data, long offset) {
    int s = 0;
    for (int i = 0; i < q.length; i++) s += q[i] * data.get(ValueLayout.JAVA_BYTE, offset + i);
    return s;
  }

  @Override
  public int squareDistance(byte[] q, MemorySegment data, long offset) {
    int s = 0;
    for (int i = 0; i < q.length; i++) {
      int d = q[i] - data.get(ValueLayout.JAVA_BYTE, offset + i);
      s += d * d;
    }
    return s;
  }

  @Override
  public int hamming(long[] a, long[] b) {
    VectorChecks.requireSameLength(a.length, b.length);
    int s = 0;
    for (int i = 0; i < a.length; i++) s += Long.bitCount(a[i] ^ b[i]);
    return s;
  }

  @Override
  public int hamming(long[] q, MemorySegment data, long offset) {
    int s = 0;
    for (int i = 0; i < q.length; i++) s += Long.bitCount(q[i] ^ data.get(LONG_LE, offset + 8L * i));
    return s;
  }

  @Override
  public void rawScores(Similarity similarity, float[] q, MemorySegment data, long offset, int count, float[] out) {
    long stride = 4L * q.length;
    for (int i = 0; i < count; i++) out[i] = similarity.raw(this, q, data, offset + i * stride);
  }
}
