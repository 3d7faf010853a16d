package io.sextant.core.vector;

/**
 * How two vectors are compared. Every index and every hit uses the same convention:
 * <b>a score is non-negative and higher is better</b>, so results from different indexes and
 * segments can be merged by score alone.
 *
 * <ul>
 *   <li>{@link #EUCLIDEAN}: {@code 1 / (1 + ||a - b||²)}</li>
 *   <li>{@link #DOT_PRODUCT}: {@code max(0, (1 + a·b) / 2)}; meant for unit-length vectors,
 *       where it equals the cosine score but skips the norms</li>
 *   <li>{@link #COSINE}: {@code (1 + cos(a, b)) / 2}</li>
 *   <li>{@link #MAXIMUM_INNER_PRODUCT}: {@code a·b + 1} when {@code a·b ≥ 0}, else
 *       {@code 1 / (1 - a·b)}; monotonic in the raw inner product for vectors of any length</li>
 * </ul>
 *
 * These are the same transforms Lucene applies, so scores can be compared with Lucene's in
 * side-by-side runs. Internally, searches may rank by the cheaper raw value
 * ({@link #raw(VectorKernels, float[], float[])}) and convert with {@link #toScore(float)} only for the
 * hits they return; both orders agree.
 */
public enum Similarity {
  EUCLIDEAN {
    @Override public float raw(VectorKernels k, float[] a, float[] b) { return -k.squareDistance(a, b); }
    @Override public float raw(VectorKernels k, float[] q, java.lang.foreign.MemorySegment s, long off) { return -k.squareDistance(q, s, off); }
    @Override public float toScore(float raw) { return 1f / (1f - raw); }
  },
  DOT_PRODUCT {
    @Override public float raw(VectorKernels k, float[] a, float[] b) { return k.dot(a, b); }
    @Override public float raw(VectorKernels k, float[] q, java.lang.foreign.MemorySegment s, long off) { return k.dot(q, s, off); }
    @Override public float toScore(float raw) { return Math.max(0f, (1f + raw) / 2f); }
  },
  COSINE {
    @Override public float raw(VectorKernels k, float[] a, float[] b) { return k.cosine(a, b); }
    @Override public float raw(VectorKernels k, float[] q, java.lang.foreign.MemorySegment s, long off) { return k.cosine(q, s, off); }
    @Override public float toScore(float raw) { return Math.max(0f, (1f + raw) / 2f); }
  },
  MAXIMUM_INNER_PRODUCT {
    @Override public float raw(VectorKernels k, float[] a, float[] b) { return k.dot(a, b); }
    @Override public float raw(VectorKernels k, float[] q, java.lang.foreign.MemorySegment s, long off) { return k.dot(q, s, off); }
    @Override public float toScore(float raw) { return raw < 0 ? 1f / (1f - raw) : raw + 1f; }
  };

  /**
   * A value that orders like the score (higher is better) but skips the final transform:
   * negated squared distance, dot product or cosine.
   */
  public abstract float raw(VectorKernels k, float[] a, float[] b);

  /** {@link #raw(VectorKernels, float[], float[])} against a vector of {@code q.length} floats at byte {@code offset} of {@code s}. */
  public abstract float raw(VectorKernels k, float[] q, java.lang.foreign.MemorySegment s, long offset);

  /** Converts a raw value to the public score. Monotonic non-decreasing. */
  public abstract float toScore(float raw);

  /** The public score of {@code a} against {@code b} with the default kernels. */
  public float score(float[] a, float[] b) {
    return toScore(raw(Kernels.get(), a, b));
  }

  /** Parses a name case-insensitively; also accepts {@code l2}, {@code dot}, {@code ip}, {@code mip}. */
  public static Similarity parse(String name) {
    String n = name.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    return switch (n) {
      case "L2", "EUCLIDEAN", "EUCLIDEAN_DISTANCE" -> EUCLIDEAN;
      case "DOT", "DOT_PRODUCT" -> DOT_PRODUCT;
      case "COSINE", "COS", "ANGULAR" -> COSINE;
      case "IP", "MIP", "MAX_INNER_PRODUCT", "MAXIMUM_INNER_PRODUCT" -> MAXIMUM_INNER_PRODUCT;
      default -> throw new IllegalArgumentException("unknown similarity '" + name
          + "': expected one of EUCLIDEAN (l2), DOT_PRODUCT (dot), COSINE, MAXIMUM_INNER_PRODUCT (mip)");
    };
  }
}
