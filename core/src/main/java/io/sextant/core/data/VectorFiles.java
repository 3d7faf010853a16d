package io.sextant.core.data;

import io.sextant.core.vector.FloatVectors;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads and writes vector files, choosing the format from the file name:
 * <ul>
 *   <li>{@code .fvecs}, {@code .bvecs}, {@code .ivecs}: TEXMEX rows (int32 little-endian dimension,
 *       then float32, uint8 or int32 values);</li>
 *   <li>{@code .npy}: a 2-D C-order little-endian array, {@code <f4} for vectors, {@code <i4} for
 *       neighbour ids.</li>
 * </ul>
 * Files are memory-mapped while read, so they may exceed 2 GiB. Vectors come back in one
 * contiguous {@link VectorBlock} that the caller closes. A malformed file raises
 * {@link DatasetFormatException} naming the file and byte offset; NaN and infinite values are
 * rejected the same way. Writers replace the target atomically (temporary file, then rename).
 */
public final class VectorFiles {
  /** Pass as {@code maxRows} to read every row. */
  public static final int ALL_ROWS = Integer.MAX_VALUE;

  private VectorFiles() {}

  /** True when {@code file}'s extension is one {@link #readFloats} understands. */
  public static boolean isVectorFile(Path file) {
    return switch (extension(file)) {
      case "fvecs", "bvecs", "npy" -> true;
      default -> false;
    };
  }

  /** True when {@code file}'s extension is one {@link #readInts} understands. */
  public static boolean isIdFile(Path file) {
    return switch (extension(file)) {
      case "ivecs", "npy" -> true;
      default -> false;
    };
  }

  /** Rows and values per row of a vector or id file, read from its header without loading it. */
  public record Shape(long rows, int dimension) {}

  /** The shape of a {@code .fvecs}, {@code .bvecs}, {@code .ivecs} or {@code .npy} file, validated like a full read. */
  public static Shape shape(Path file) throws IOException {
    return switch (extension(file)) {
      case "fvecs" -> TexmexFiles.shape(file, TexmexFiles.Element.FLOAT);
      case "ivecs" -> TexmexFiles.shape(file, TexmexFiles.Element.INT);
      case "bvecs" -> TexmexFiles.shape(file, TexmexFiles.Element.BYTE);
      case "npy" -> NpyFiles.shape(file);
      default -> throw new IllegalArgumentException(file + ": unknown extension, expected .fvecs, .bvecs, .ivecs or .npy");
    };
  }

  /** Reads all vectors of a {@code .fvecs}, {@code .bvecs} (uint8 widened to float) or {@code .npy} file. */
  public static VectorBlock readFloats(Path file) throws IOException {
    return readFloats(file, ALL_ROWS);
  }

  /** Reads the first {@code maxRows} vectors (fewer when the file holds fewer). */
  public static VectorBlock readFloats(Path file, int maxRows) throws IOException {
    requireRows(maxRows);
    return switch (extension(file)) {
      case "fvecs" -> TexmexFiles.readFloats(file, TexmexFiles.Element.FLOAT, maxRows);
      case "bvecs" -> TexmexFiles.readFloats(file, TexmexFiles.Element.BYTE, maxRows);
      case "npy" -> NpyFiles.readFloats(file, maxRows);
      default -> throw new IllegalArgumentException(file + ": unknown vector file extension, expected .fvecs, .bvecs or .npy");
    };
  }

  /** Reads all rows of an {@code .ivecs} or {@code <i4 .npy} file (e.g. ground-truth neighbour ids). */
  public static int[][] readInts(Path file) throws IOException {
    return readInts(file, ALL_ROWS);
  }

  /** Reads the first {@code maxRows} rows of an {@code .ivecs} or {@code <i4 .npy} file. */
  public static int[][] readInts(Path file, int maxRows) throws IOException {
    return readIds(file, maxRows, -1);
  }

  /** Like {@link #readInts(Path, int)}, also checking every value is an ordinal in {@code [0, bound)} unless {@code bound < 0}. */
  static int[][] readIds(Path file, int maxRows, int bound) throws IOException {
    requireRows(maxRows);
    return switch (extension(file)) {
      case "ivecs" -> TexmexFiles.readInts(file, maxRows, bound);
      case "npy" -> NpyFiles.readInts(file, maxRows, bound);
      default -> throw new IllegalArgumentException(file + ": unknown id file extension, expected .ivecs or .npy");
    };
  }

  /** Writes {@code vectors} as an {@code .fvecs} file, replacing {@code file} atomically. */
  public static void writeFvecs(Path file, FloatVectors vectors) throws IOException {
    if (vectors.size() == 0) throw new IllegalArgumentException("cannot write " + file + ": no vectors");
    TexmexFiles.write(file, vectors.data(), vectors.offset(0), vectors.size(), vectors.dimension(), Float.BYTES);
  }

  /** Writes rows of equal length as an {@code .ivecs} file, replacing {@code file} atomically. */
  public static void writeIvecs(Path file, int[][] rows) throws IOException {
    if (rows.length == 0) throw new IllegalArgumentException("cannot write " + file + ": no rows (ivecs needs a dimension)");
    int dim = rows[0].length;
    if (dim == 0) throw new IllegalArgumentException("cannot write " + file + ": rows are empty");
    int[] flat = new int[Math.multiplyExact(rows.length, dim)];
    for (int r = 0; r < rows.length; r++) {
      if (rows[r].length != dim) {
        throw new IllegalArgumentException("cannot write " + file + ": row " + r + " has " + rows[r].length
            + " values, expected " + dim);
      }
      System.arraycopy(rows[r], 0, flat, r * dim, dim);
    }
    TexmexFiles.write(file, MemorySegment.ofArray(flat), 0, rows.length, dim, Integer.BYTES);
  }

  private static void requireRows(int maxRows) {
    if (maxRows < 0) throw new IllegalArgumentException("maxRows must be >= 0, got " + maxRows);
  }

  static String extension(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
