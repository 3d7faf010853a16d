package io.sextant.bench.open;

/**
 * The probe collection's vectors: component {@code d} of document {@code i} is a cheap hash of
 * {@code (i, d)} in [-1, 1), so the child JVM can rebuild any document's vector to query with
 * and knows which id must come first.
 */
public final class ProbeVectors {
  private ProbeVectors() {}

  public static float component(long i, int d) {
    long x = (i * 0x9E3779B97F4A7C15L) ^ (d * 0xC2B2AE3D27D4EB4FL);
    x ^= x >>> 31;
    x *= 0xBF58476D1CE4E5B9L;
    x ^= x >>> 29;
    return ((x >>> 40) / (float) (1L << 24)) * 2f - 1f;
  }

  public static float[] vector(long i, int dim) {
    float[] v = new float[dim];
    for (int d = 0; d < dim; d++) v[d] = component(i, d);
    return v;
  }

  public static String id(long i) {
    return "doc-" + i;
  }
}
