package io.sextant.hnsw;

/** A stored HNSW graph failed a format, bounds or checksum check; the message says where. */
public final class CorruptGraphException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CorruptGraphException(String message) {
    super(message);
  }
}
