package io.sextant.hnsw;

/** A stored HNSW graph failed a format, bounds or checksum check; the message says where. */
public final class CorruptGraphException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long offset;
  private final String problem;

  /**
   * @param source  what was being read (a file name, or "graph in memory")
   * @param offset  byte offset of the problem from the start of the graph
   * @param problem what was expected and what was found
   */
  public CorruptGraphException(String source, long offset, String problem) {
    super(source + ", offset " + offset + ": " + problem);
    this.offset = offset;
    this.problem = problem;
  }

  /** Byte offset of the problem from the start of the graph. */
  public long offset() { return offset; }

  /** The problem, without the location. */
  public String problem() { return problem; }
}
