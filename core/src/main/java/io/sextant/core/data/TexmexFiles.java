package io.sextant.core.data;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The TEXMEX formats ({@code .fvecs}, {@code .ivecs}, {@code .bvecs}): each row is an int32
 * little-endian dimension followed by that many float32, int32 or uint8 values. Files are mapped,
 * so they may be larger than 2 GiB; every row's dimension is checked against the first row's.
 */
final class TexmexFiles {
  static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  /** Larger than any real embedding; a bigger value means the header is garbage, not data. */
  static final int MAX_DIMENSION = 1 << 20;

  private TexmexFiles() {}

  /** Element types of the three formats. */
  enum Element {
    FLOAT(4, "float32"), INT(4, "int32"), BYTE(1, "uint8");

    final int bytes;
    final String label;

    Element(int bytes, String label) {
      this.bytes = bytes;
      this.label = label;
    }
  }

  /** Row layout of a TEXMEX file, validated against its size. */
  record Layout(int dimension, long recordBytes, long rows) {}

  /**
   * Reads the first row's dimension, checks it is plausible and that the file is a whole number of
   * rows, and checks the dimension header of the first {@code checkRows} rows.
   */
  static Layout layout(Path file, MemorySegment map, Element element, long checkRows) throws DatasetFormatException {
    long size = map.byteSize();
    if (size == 0) throw new DatasetFormatException(file, 0, "expected at least one row, found an empty file");
    if (size < Integer.BYTES) {
      throw new DatasetFormatException(file, 0, "expected a 4-byte dimension header, found only " + size + " bytes");
    }
    int dim = map.get(INT_LE, 0);
    if (dim <= 0 || dim > MAX_DIMENSION) {
      throw new DatasetFormatException(file, 0, "expected a dimension in 1.." + MAX_DIMENSION + ", found " + dim
          + " (not a " + element.label + " TEXMEX file, or corrupt)");
    }
    long record = Integer.BYTES + (long) dim * element.bytes;
    if (record > size) {
      throw new DatasetFormatException(file, 0, "row 0 declares dimension " + dim + " and needs " + record
          + " bytes, but the file has only " + size + " bytes");
    }
    long rows = size / record;
    long check = Math.min(rows, checkRows);
    for (long r = 1; r < check; r++) {
      int d = map.get(INT_LE, r * record);
      if (d != dim) {
        throw new DatasetFormatException(file, r * record, "row " + r + " has dimension " + d + ", expected " + dim);
      }
    }
    long tail = size % record;
    if (tail != 0) {
      throw new DatasetFormatException(file, rows * record, "truncated row " + rows + ": expected " + record
          + " bytes (4 + " + dim + " x " + element.bytes + "), found " + tail);
    }
    return new Layout(dim, record, rows);
  }

  /** Shape of the file, with the size and first row checked (not every row header). */
  static VectorFiles.Shape shape(Path file, Element element) throws IOException {
    try (Arena arena = Arena.ofConfined(); FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      Layout l = layout(file, ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena), element, 1);
      return new VectorFiles.Shape(l.rows(), l.dimension());
    }
  }

  /** Reads up to {@code maxRows} rows of an {@code .fvecs} or {@code .bvecs} file as floats. */
  static VectorBlock readFloats(Path file, Element element, int maxRows) throws IOException {
    try (Arena arena = Arena.ofConfined(); FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      MemorySegment map = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
      Layout layout = layout(file, map, element, maxRows);
      int rows = rowCount(file, layout, maxRows);
      int dim = layout.dimension();
      VectorBlock block = VectorBlock.allocate(rows, dim);
      try {
        MemorySegment dst = block.vectors().data();
        long rowBytes = (long) dim * Float.BYTES;
        for (int r = 0; r < rows; r++) {
          long src = r * layout.recordBytes() + Integer.BYTES;
          long at = r * rowBytes;
          if (element == Element.FLOAT) {
            MemorySegment.copy(map, src, dst, at, rowBytes);
            FiniteCheck.row(file, dst, at, dim, r, src);
          } else {
            for (int j = 0; j < dim; j++) {
              dst.set(FLOAT_LE, at + 4L * j, (float) Byte.toUnsignedInt(map.get(ValueLayout.JAVA_BYTE, src + j)));
            }
          }
        }
        return block;
      } catch (IOException | RuntimeException e) {
        block.close();
        throw e;
      }
    }
  }

  /**
   * Reads up to {@code maxRows} rows of an {@code .ivecs} file; when {@code bound >= 0}, every
   * value must lie in {@code [0, bound)} (neighbour ids of a base of that size).
   */
  static int[][] readInts(Path file, int maxRows, int bound) throws IOException {
    try (Arena arena = Arena.ofConfined(); FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      MemorySegment map = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
      Layout layout = layout(file, map, Element.INT, maxRows);
      int rows = rowCount(file, layout, maxRows);
      int[][] out = new int[rows][layout.dimension()];
      for (int r = 0; r < rows; r++) {
        long at = r * layout.recordBytes() + Integer.BYTES;
        MemorySegment.copy(map, INT_LE, at, out[r], 0, layout.dimension());
        checkIds(file, out[r], r, at, bound);
      }
      return out;
    }
  }

  static void checkIds(Path file, int[] row, int r, long rowOffset, int bound) throws DatasetFormatException {
    if (bound < 0) return;
    for (int j = 0; j < row.length; j++) {
      if (row[j] < 0 || row[j] >= bound) {
        throw new DatasetFormatException(file, rowOffset + 4L * j, "row " + r + " column " + j
            + ": expected a base ordinal in 0.." + (bound - 1) + ", found " + row[j]);
      }
    }
  }

  private static int rowCount(Path file, Layout layout, int maxRows) throws DatasetFormatException {
    long rows = Math.min(layout.rows(), maxRows);
    if (rows > Integer.MAX_VALUE - 16) {
      throw new DatasetFormatException(file, 0, "expected at most " + (Integer.MAX_VALUE - 16) + " rows, found " + rows);
    }
    return (int) rows;
  }

  /** Writes {@code rows × dim} values from {@code src} (little-endian floats or ints) as TEXMEX rows. */
  static void write(Path file, MemorySegment src, long base, int rows, int dim, int valueBytes) throws IOException {
    long rowBytes = (long) dim * valueBytes;
    int perBuffer = (int) Math.max(1, Math.min(rows, (1 << 22) / (rowBytes + 4)));
    ByteBuffer buf = ByteBuffer.allocateDirect((int) Math.max(perBuffer * (rowBytes + 4), rowBytes + 4))
        .order(ByteOrder.LITTLE_ENDIAN);
    MemorySegment bufSeg = MemorySegment.ofBuffer(buf);
    try (AtomicFile out = AtomicFile.create(file)) {
      for (int r = 0; r < rows; ) {
        int n = Math.min(perBuffer, rows - r);
        long at = 0;
        for (int i = 0; i < n; i++, r++) {
          bufSeg.set(INT_LE, at, dim);
          MemorySegment.copy(src, base + r * rowBytes, bufSeg, at + 4, rowBytes);
          at += rowBytes + 4;
        }
        buf.clear().limit((int) at);
        out.write(buf);
      }
      out.commit();
    }
  }
}
