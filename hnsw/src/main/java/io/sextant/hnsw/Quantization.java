package io.sextant.hnsw;

import java.util.Locale;

/**
 * How graph traversal scores nodes: on the float vectors themselves, or on compact codes with an
 * exact float rerank of the best candidates afterwards (see {@link QuantizedHnswIndex}).
 */
public enum Quantization {
  /** Traversal on the float vectors (4 bytes per dimension). */
  NONE,
  /** Traversal on int8 codes of {@link io.sextant.core.quant.ScalarQuantizer} (1 byte per dimension + 4). */
  INT8,
  /** Traversal on sign bits around the mean, {@link io.sextant.core.quant.BinaryQuantizer} (1 bit per dimension). */
  BINARY;

  /** The lowercase name used in index parameters. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code none}, {@code int8} or {@code binary} (any case); the message lists them otherwise. */
  public static Quantization parse(String text) {
    for (Quantization q : values()) if (q.label().equalsIgnoreCase(text.trim())) return q;
    throw new IllegalArgumentException("index parameter 'quantization' must be one of none, int8, binary, got '"
        + text + "'");
  }
}
