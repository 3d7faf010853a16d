package io.sextant.core.filter;

/**
 * A filter that cannot be used: a syntax error, an unknown field, or a value whose type does not
 * fit the field. When the filter came from text, {@link #column()} is the 1-based column of the
 * offending token and the message shows the text with a caret under it.
 */
public final class FilterException extends IllegalArgumentException {
  private final int column;

  FilterException(String message) {
    super(message);
    this.column = 0;
  }

  private FilterException(String message, int column) {
    super(message);
    this.column = column;
  }

  /** An error at a 0-based offset of {@code source}; the message reports a 1-based column. */
  static FilterException at(String source, int offset, String problem) {
    int column = offset + 1;
    String caret = " ".repeat(Math.max(0, offset)) + "^";
    return new FilterException("filter error at column " + column + ": " + problem + "\n  "
        + source.replace('\n', ' ').replace('\t', ' ') + "\n  " + caret, column);
  }

  /** The 1-based column of the problem in the filter text; 0 when the filter was not text. */
  public int column() {
    return column;
  }
}
