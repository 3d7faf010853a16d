package io.sextant.core.vector;

/** Validation of vectors at the API boundary: clear messages naming what and where. */
public final class VectorChecks {
  private VectorChecks() {}

  /**
   * Throws {@link IllegalArgumentException} when {@code v} is null, has the wrong dimension, or
   * holds NaN or an infinity. {@code what} names the vector in the message (e.g. "query", "vector of id 'doc-3'").
   */
  public static float[] requireValid(float[] v, int dimension, String what) {
    if (v == null) throw new IllegalArgumentException(what + " is null");
    if (v.length != dimension) {
      throw new IllegalArgumentException(what + " has dimension " + v.length + ", expected " + dimension);
    }
    for (int i = 0; i < v.length; i++) {
      float x = v[i];
      if (Float.isNaN(x) || Float.isInfinite(x)) {
        throw new IllegalArgumentException(what + " has a non-finite component " + x + " at index " + i);
      }
    }
    return v;
  }

  /** Like {@link #requireValid} and also rejects the zero vector, which has no direction under COSINE. */
  public static float[] requireValid(float[] v, int dimension, Similarity similarity, String what) {
    requireValid(v, dimension, what);
    if (similarity == Similarity.COSINE) {
      boolean zero = true;
      for (float x : v) {
        if (x != 0f) { zero = false; break; }
      }
      if (zero) throw new IllegalArgumentException(what + " is the zero vector, which has no cosine similarity");
    }
    return v;
  }

  /** Throws when two lengths differ; used by kernels before touching memory. */
  public static void requireSameLength(int a, int b) {
    if (a != b) throw new IllegalArgumentException("vector dimensions differ: " + a + " vs " + b);
  }
}
