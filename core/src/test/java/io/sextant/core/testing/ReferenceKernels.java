package io.sextant.core.testing;

import io.sextant.core.vector.Similarity;

/**
 * Reference kernels in double precision (floats) and exact integer arithmetic (int8, bits) that
 * optimised kernels are checked against. A float×float product is exact in double (24+24 bits
 * fit in 53), so the only reference error is the double summation, which {@link FloatErrorBounds}
 * accounts for.
 */
public final class ReferenceKernels {
  private ReferenceKernels() {}

  public static double dot(float[] a, float[] b) {
    requireSameLength(a.length, b.length);
    double s = 0;
    for (int i = 0; i < a.length; i++) s += (double) a[i] * b[i];
    return s;
  }

  /** Σ|aᵢbᵢ|: the scale of the rounding error of any dot product of a and b. */
  public static double sumAbsProducts(float[] a, float[] b) {
    requireSameLength(a.length, b.length);
    double s = 0;
    for (int i = 0; i < a.length; i++) s += Math.abs((double) a[i] * b[i]);
    return s;
  }

  public static double squareDistance(float[] a, float[] b) {
    requireSameLength(a.length, b.length);
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double d = (double) a[i] - b[i];
      s += d * d;
    }
    return s;
  }

  /** Cosine similarity; 0 when either vector is zero (the kernels' convention). */
  public static double cosine(float[] a, float[] b) {
    double aa = dot(a, a), bb = dot(b, b);
    if (aa == 0 || bb == 0) return 0;
    return dot(a, b) / Math.sqrt(aa * bb);
  }

  public static double norm(float[] a) {
    return Math.sqrt(dot(a, a));
  }

  /** {@link Similarity#raw} in double: negated squared distance, dot product or cosine. */
  public static double raw(Similarity similarity, float[] q, float[] v) {
    return switch (similarity) {
      case EUCLIDEAN -> -squareDistance(q, v);
      case DOT_PRODUCT, MAXIMUM_INNER_PRODUCT -> dot(q, v);
      case COSINE -> cosine(q, v);
    };
  }

  public static long dot(byte[] a, byte[] b) {
    requireSameLength(a.length, b.length);
    long s = 0;
    for (int i = 0; i < a.length; i++) s += (long) a[i] * b[i];
    return s;
  }

  public static long squareDistance(byte[] a, byte[] b) {
    requireSameLength(a.length, b.length);
    long s = 0;
    for (int i = 0; i < a.length; i++) {
      long d = (long) a[i] - b[i];
      s += d * d;
    }
    return s;
  }

  /** Differing bits, counted bit by bit (deliberately not with {@link Long#bitCount}). */
  public static long hamming(long[] a, long[] b) {
    requireSameLength(a.length, b.length);
    long s = 0;
    for (int i = 0; i < a.length; i++) {
      long x = a[i] ^ b[i];
      for (int bit = 0; bit < 64; bit++) s += (x >>> bit) & 1L;
    }
    return s;
  }

  private static void requireSameLength(int a, int b) {
    if (a != b) throw new IllegalArgumentException("lengths differ: " + a + " vs " + b);
  }
}
