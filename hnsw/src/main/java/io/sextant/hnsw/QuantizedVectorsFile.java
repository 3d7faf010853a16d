package io.sextant.hnsw;

import io.sextant.core.quant.BinaryQuantizer;
import io.sextant.core.quant.ScalarQuantizer;
import io.sextant.core.store.ChecksummedOutput;
import io.sextant.core.store.CorruptIndexException;
import io.sextant.core.store.FileFormat;
import io.sextant.core.store.MappedFile;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The segment file {@code <segment>.hnswq} (kind {@code HNSQ}, version 1) holding the
 * {@link QuantizedVectors} a quantized HNSW graph is traversed with. Inside the common envelope
 * (offsets are file offsets, little endian):
 * <pre>
 *  16  4  encoding: 1 int8, 2 binary
 *  20  4  vector count n
 *  24  4  dimension d
 *  28  4  bytes per record c (int8: d + 4; binary: 8·⌈d/64⌉)
 *  32  4  quantizer length L
 *  36  4  reserved, 0
 *  40  8  offset of the codes (a multiple of 64)
 *  48  8  reserved, 0
 *  56  L  the quantizer, as core's ScalarQuantizer / BinaryQuantizer serialize it
 *  ..     zero padding to a multiple of 64
 *         n records of c bytes, back to back: int8, d signed bytes then the float32 ‖x̂‖² of the
 *         reconstruction; binary, ⌈d/64⌉ little-endian int64 words
 * </pre>
 * Opening maps it and checks every field against the segment and against the file's length;
 * the codes are read in place.
 */
final class QuantizedVectorsFile {
  static final String EXTENSION = "hnswq";
  static final String KIND = "HNSQ";
  static final int VERSION = 1;
  private static final int ALIGNMENT = 64;
  private static final int QUANTIZER_OFFSET = 56;
  private static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private QuantizedVectorsFile() {}

  private static long align(long x) { return (x + ALIGNMENT - 1) & -ALIGNMENT; }

  private static byte[] quantizerBytes(QuantizedVectors v) {
    return v.quantization() == Quantization.INT8 ? v.scalar().toBytes() : v.binary().toBytes();
  }

  /** Offsets of the records and of their end, for a quantizer of {@code quantizerLength} bytes. */
  private static long[] layout(Quantization q, int n, int d, int quantizerLength) {
    long codes = align(QUANTIZER_OFFSET + (long) quantizerLength);
    return new long[] {codes, codes + (long) n * QuantizedVectors.codeBytes(q, d)};
  }

  /** The length of the file {@link #write} makes for {@code v}, envelope included. */
  static long fileBytes(QuantizedVectors v) {
    return layout(v.quantization(), v.size(), v.dimension(), quantizerBytes(v).length)[1] + FileFormat.FOOTER_BYTES;
  }

  /** Writes {@code v} into {@code out}, a file just created (so positioned after the envelope header), and finishes it. */
  static void write(QuantizedVectors v, ChecksummedOutput out) throws IOException {
    if (out.position() != FileFormat.HEADER_BYTES) {
      throw new IllegalStateException("expected a new file positioned at " + FileFormat.HEADER_BYTES + ", at " + out.position());
    }
    byte[] quantizer = quantizerBytes(v);
    long[] at = layout(v.quantization(), v.size(), v.dimension(), quantizer.length);
    out.writeInt(v.quantization() == Quantization.INT8 ? 1 : 2);
    out.writeInt(v.size());
    out.writeInt(v.dimension());
    out.writeInt(v.codeBytes());
    out.writeInt(quantizer.length);
    out.writeInt(0);
    out.writeLong(at[0]);
    out.writeLong(0);
    out.writeBytes(quantizer);
    out.align(ALIGNMENT);
    out.writeBytes(v.codes(), 0, (long) v.size() * v.codeBytes());
    if (out.position() != at[1]) throw new IllegalStateException("wrote " + out.position() + " bytes, layout says " + at[1]);
    out.finish();
  }

  /**
   * Reads the codes of a segment of {@code size} vectors of {@code dimension} from {@code file},
   * in place.
   *
   * @throws CorruptIndexException naming the file, the offset and the field that does not fit
   */
  static QuantizedVectors open(MappedFile file, Quantization expected, int size, int dimension)
      throws CorruptIndexException {
    MemorySegment s = file.segment();
    String name = file.name();
    long contentEnd = file.contentEnd();
    if (contentEnd < QUANTIZER_OFFSET) {
      throw new CorruptIndexException(name, file.contentStart(), "file of " + file.length()
          + " bytes is too short for the quantized-vectors header");
    }
    int encoding = s.get(INT_LE, 16);
    Quantization q = switch (encoding) {
      case 1 -> Quantization.INT8;
      case 2 -> Quantization.BINARY;
      default -> throw new CorruptIndexException(name, 16, "unknown code encoding " + encoding + " (expected 1 int8 or 2 binary)");
    };
    if (q != expected) {
      throw new CorruptIndexException(name, 16, "codes are " + q.label() + " but the index parameters say quantization="
          + expected.label());
    }
    check(name, 20, "vector count", s.get(INT_LE, 20), size);
    check(name, 24, "dimension", s.get(INT_LE, 24), dimension);
    check(name, 28, "bytes per record", s.get(INT_LE, 28), QuantizedVectors.codeBytes(q, dimension));
    int quantizerLength = s.get(INT_LE, 32);
    if (quantizerLength <= 0 || QUANTIZER_OFFSET + (long) quantizerLength > contentEnd) {
      throw new CorruptIndexException(name, 32, "quantizer length " + quantizerLength + " does not fit a file whose content ends at "
          + contentEnd);
    }
    check(name, 36, "reserved field", s.get(INT_LE, 36), 0);
    long[] at = layout(q, size, dimension, quantizerLength);
    checkOffset(name, 40, "codes offset", s.get(LONG_LE, 40), at[0]);
    checkOffset(name, 48, "reserved field", s.get(LONG_LE, 48), 0);
    if (at[1] != contentEnd) {
      throw new CorruptIndexException(name, contentEnd, "content ends at " + contentEnd + ", expected " + at[1] + " for "
          + size + " " + q.label() + " codes of dimension " + dimension);
    }
    byte[] quantizer = s.asSlice(QUANTIZER_OFFSET, quantizerLength).toArray(ValueLayout.JAVA_BYTE);
    ScalarQuantizer sq = null;
    BinaryQuantizer bq = null;
    try {
      if (q == Quantization.INT8) {
        sq = ScalarQuantizer.fromBytes(quantizer);
        check(name, QUANTIZER_OFFSET, "quantizer dimension", sq.dimension(), dimension);
      } else {
        bq = BinaryQuantizer.fromBytes(quantizer);
        check(name, QUANTIZER_OFFSET, "quantizer dimension", bq.dimension(), dimension);
      }
    } catch (CorruptIndexException e) {
      throw e;
    } catch (IOException e) {
      throw new CorruptIndexException(name, QUANTIZER_OFFSET, "bad quantizer: " + e.getMessage(), e);
    }
    MemorySegment codes = s.asSlice(at[0], (long) size * QuantizedVectors.codeBytes(q, dimension));
    return new QuantizedVectors(q, size, dimension, codes, sq, bq);
  }

  private static void check(String file, long offset, String field, int found, int expected) throws CorruptIndexException {
    if (found != expected) {
      throw new CorruptIndexException(file, offset, field + " is " + found + ", expected " + expected);
    }
  }

  private static void checkOffset(String file, long offset, String field, long found, long expected)
      throws CorruptIndexException {
    if (found != expected) {
      throw new CorruptIndexException(file, offset, field + " is " + found + ", expected " + expected);
    }
  }
}
