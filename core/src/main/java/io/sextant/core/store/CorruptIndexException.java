package io.sextant.core.store;

import java.io.IOException;

/**
 * A file of a collection failed a checksum, a bounds check or a structural check. The message
 * names the file, the byte offset when one is known, and what was expected versus found, so the
 * operator can tell a torn copy from a bit flip from a file that does not belong there.
 */
public class CorruptIndexException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String resource;
  private final long offset;

  /** @param resource the file (or file and record) that is corrupt; @param offset byte offset, or -1 when unknown */
  public CorruptIndexException(String resource, long offset, String problem) {
    this(resource, offset, problem, null);
  }

  public CorruptIndexException(String resource, long offset, String problem, Throwable cause) {
    super("corrupt " + resource + (offset >= 0 ? " at offset " + offset : "") + ": " + problem, cause);
    this.resource = resource;
    this.offset = offset;
  }

  public CorruptIndexException(String resource, String problem) {
    this(resource, -1, problem, null);
  }

  /** The corrupt file (a path or a name inside the collection folder). */
  public String resource() {
    return resource;
  }

  /** Byte offset of the problem in {@link #resource()}, or -1 when it is not about one place. */
  public long offset() {
    return offset;
  }
}
