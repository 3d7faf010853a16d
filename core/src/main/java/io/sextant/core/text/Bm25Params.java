package io.sextant.core.text;

/**
 * BM25's two parameters: {@code k1} (term-frequency saturation) and {@code b} (length
 * normalization). Defaults are Lucene's, 1.2 and 0.75.
 */
public record Bm25Params(float k1, float b) {
  public static final Bm25Params DEFAULT = new Bm25Params(1.2f, 0.75f);

  public Bm25Params {
    if (!Float.isFinite(k1) || k1 < 0) {
      throw new IllegalArgumentException("BM25 k1 must be finite and >= 0, got " + k1);
    }
    if (!(b >= 0 && b <= 1)) {
      throw new IllegalArgumentException("BM25 b must be in [0, 1], got " + b);
    }
  }
}
