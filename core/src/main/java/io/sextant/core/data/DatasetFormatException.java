package io.sextant.core.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A dataset file is malformed: truncated, inconsistent, or not the format its name claims. The
 * message names the file, the byte offset where reading failed, and what was expected versus
 * found, e.g. {@code base.fvecs: at byte 3136: row 1 has dimension 785, expected 784}.
 *
 * <p>A subclass of {@link IOException} because a bad file is an I/O condition callers already
 * handle when they open files; catching it separately lets them tell corruption from absence.
 */
public final class DatasetFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final long offset;

  /**
   * @param file   the file being read
   * @param offset byte offset in {@code file} where the problem was found
   * @param problem what was expected and what was found
   */
  public DatasetFormatException(Path file, long offset, String problem) {
    super(file + ": at byte " + offset + ": " + problem);
    this.file = file;
    this.offset = offset;
  }

  /**
   * For text files where a byte offset means little: names the field instead, e.g.
   * {@code dataset.properties: field 'similarity': expected ..., found ...}. {@link #offset()} is -1.
   */
  public DatasetFormatException(Path file, String field, String problem) {
    super(file + ": field '" + field + "': " + problem);
    this.file = file;
    this.offset = -1;
  }

  /** The malformed file. */
  public Path file() {
    return file;
  }

  /** Byte offset in {@link #file()} where the problem was found, or -1 when a field is named instead. */
  public long offset() {
    return offset;
  }
}
