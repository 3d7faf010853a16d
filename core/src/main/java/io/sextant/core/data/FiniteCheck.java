package io.sextant.core.data;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/** Rejects NaN and infinite values read from files: they would make every distance meaningless. */
final class FiniteCheck {
  private FiniteCheck() {}

  /**
   * Checks {@code dim} floats at byte {@code at} of {@code data}; {@code fileOffset} is where the
   * row starts in {@code file}, for the message.
   */
  static void row(Path file, MemorySegment data, long at, int dim, long row, long fileOffset)
      throws DatasetFormatException {
    for (int j = 0; j < dim; j++) {
      float v = data.get(TexmexFiles.FLOAT_LE, at + 4L * j);
      if (!Float.isFinite(v)) {
        throw new DatasetFormatException(file, fileOffset + 4L * j,
            "row " + row + " component " + j + ": expected a finite float, found " + v);
      }
    }
  }
}
