package io.sextant.core.data;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Reads 2-D, C-order, little-endian {@code .npy} arrays: {@code <f4} vectors, {@code <i4} neighbour ids. */
final class NpyFiles {
  private NpyFiles() {}

  /** Shape of an {@code <f4} or {@code <i4} array. */
  static VectorFiles.Shape shape(Path file) throws IOException {
    try (Arena arena = Arena.ofConfined(); FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      MemorySegment map = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
      NpyHeader h = NpyHeader.parse(file, map);
      NpyHeader c = h.dtype().equals("<i4") ? checked(file, map, "<i4", "int32 little endian")
          : checked(file, map, "<f4", "float32 little endian");
      return new VectorFiles.Shape(c.rows(), (int) c.columns());
    }
  }

  /** Reads up to {@code maxRows} rows of a {@code <f4} array. */
  static VectorBlock readFloats(Path file, int maxRows) throws IOException {
    try (Arena arena = Arena.ofConfined(); FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      MemorySegment map = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
      NpyHeader h = checked(file, map, "<f4", "float32 little endian");
      int rows = (int) Math.min(h.rows(), maxRows);
      int dim = (int) h.columns();
      VectorBlock block = VectorBlock.allocate(rows, dim);
      try {
        long rowBytes = (long) dim * Float.BYTES;
        MemorySegment.copy(map, h.dataOffset(), block.vectors().data(), 0, rows * rowBytes);
        for (int r = 0; r < rows; r++) {
          FiniteCheck.row(file, block.vectors().data(), r * rowBytes, dim, r, h.dataOffset() + r * rowBytes);
        }
        return block;
      } catch (IOException | RuntimeException e) {
        block.close();
        throw e;
      }
    }
  }

  /** Reads up to {@code maxRows} rows of a {@code <i4} array; {@code bound} as in {@link TexmexFiles#readInts}. */
  static int[][] readInts(Path file, int maxRows, int bound) throws IOException {
    try (Arena arena = Arena.ofConfined(); FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      MemorySegment map = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
      NpyHeader h = checked(file, map, "<i4", "int32 little endian");
      int rows = (int) Math.min(h.rows(), maxRows);
      int dim = (int) h.columns();
      int[][] out = new int[rows][dim];
      for (int r = 0; r < rows; r++) {
        long at = h.dataOffset() + (long) r * dim * Integer.BYTES;
        MemorySegment.copy(map, TexmexFiles.INT_LE, at, out[r], 0, dim);
        TexmexFiles.checkIds(file, out[r], r, at, bound);
      }
      return out;
    }
  }

  /** Parses the header and checks dtype, shape bounds and that the data is exactly all there. */
  private static NpyHeader checked(Path file, MemorySegment map, String dtype, String label) throws DatasetFormatException {
    NpyHeader h = NpyHeader.parse(file, map);
    if (!h.dtype().equals(dtype)) {
      throw new DatasetFormatException(file, 10, "dtype: expected '" + dtype + "' (" + label + "), found '" + h.dtype() + "'");
    }
    if (h.columns() < 1 || h.columns() > TexmexFiles.MAX_DIMENSION) {
      throw new DatasetFormatException(file, 10, "shape: expected a dimension in 1.." + TexmexFiles.MAX_DIMENSION
          + ", found " + h.columns());
    }
    if (h.rows() > Integer.MAX_VALUE - 16) {
      throw new DatasetFormatException(file, 10, "shape: expected at most " + (Integer.MAX_VALUE - 16) + " rows, found " + h.rows());
    }
    long need = h.rows() * h.columns() * 4;
    long have = map.byteSize() - h.dataOffset();
    if (have != need) {
      throw new DatasetFormatException(file, h.dataOffset() + Math.min(have, need), "shape (" + h.rows() + ", "
          + h.columns() + ") needs " + need + " bytes of data after the header, found " + have
          + (have < need ? " (truncated)" : " (trailing bytes)"));
    }
    return h;
  }
}
