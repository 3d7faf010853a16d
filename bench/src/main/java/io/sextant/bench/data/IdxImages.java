package io.sextant.bench.data;

import io.sextant.core.data.DatasetFormatException;
import io.sextant.core.data.VectorBlock;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads unsigned-byte IDX files (the MNIST format), gzipped: a big-endian header of two zero
 * bytes, the element type {@code 0x08} (uint8), the number of dimensions, then one big-endian
 * int32 size per dimension; then the bytes. The first dimension is the item count, the rest
 * (28 × 28 for images) make one vector; pixels become floats 0..255. Offsets in error messages
 * count bytes of the uncompressed stream.
 */
final class IdxImages {
  private static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final int UBYTE = 0x08;

  private IdxImages() {}

  /** Reads a gzipped IDX file of uint8 items as float vectors. */
  static VectorBlock read(Path gz) throws IOException {
    try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(gz)), 1 << 16)) {
      return read(in, gz);
    }
  }

  /** Reads an uncompressed IDX stream; {@code name} is used in messages. */
  static VectorBlock read(InputStream raw, Path name) throws IOException {
    CountingInput in = new CountingInput(raw, name);
    int zero = in.readUnsignedShort();
    if (zero != 0) throw new DatasetFormatException(name, 0, "expected the IDX magic to start with two zero bytes, found 0x"
        + Integer.toHexString(zero));
    int type = in.readUnsignedByte();
    if (type != UBYTE) {
      throw new DatasetFormatException(name, 2, "expected element type 0x08 (unsigned byte), found 0x" + Integer.toHexString(type));
    }
    int dims = in.readUnsignedByte();
    if (dims < 2) throw new DatasetFormatException(name, 3, "expected at least 2 dimensions (items, values), found " + dims);
    int count = in.readInt();
    if (count < 0) throw new DatasetFormatException(name, 4, "expected a non-negative item count, found " + count);
    long dim = 1;
    for (int d = 1; d < dims; d++) {
      long at = in.position();
      int size = in.readInt();
      if (size <= 0) throw new DatasetFormatException(name, at, "dimension " + d + ": expected a positive size, found " + size);
      dim *= size;
      if (dim > 1 << 20) throw new DatasetFormatException(name, at, "expected at most 2^20 values per item, found " + dim);
    }
    VectorBlock block = VectorBlock.allocate(count, (int) dim);
    try {
      MemorySegment out = block.vectors().data();
      byte[] row = new byte[(int) dim];
      for (int i = 0; i < count; i++) {
        in.readFully(row, "item " + i + " of " + count + " (" + dim + " bytes each)");
        long base = block.vectors().offset(i);
        for (int j = 0; j < row.length; j++) out.set(FLOAT_LE, base + 4L * j, (float) Byte.toUnsignedInt(row[j]));
      }
      if (raw.read() != -1) {
        throw new DatasetFormatException(name, in.position(), "expected the end of the data after " + count + " items, found more bytes");
      }
      return block;
    } catch (IOException | RuntimeException e) {
      block.close();
      throw e;
    }
  }

  /** Big-endian reads that know their position, for error messages. */
  private static final class CountingInput {
    private final InputStream in;
    private final Path name;
    private long position;

    CountingInput(InputStream in, Path name) {
      this.in = in;
      this.name = name;
    }

    long position() {
      return position;
    }

    int readUnsignedByte() throws IOException {
      int b = in.read();
      if (b < 0) throw new DatasetFormatException(name, position, "truncated header: expected more bytes, found the end");
      position++;
      return b;
    }

    int readUnsignedShort() throws IOException {
      return (readUnsignedByte() << 8) | readUnsignedByte();
    }

    int readInt() throws IOException {
      return (readUnsignedShort() << 16) | readUnsignedShort();
    }

    void readFully(byte[] b, String what) throws IOException {
      int off = 0;
      while (off < b.length) {
        int n = in.read(b, off, b.length - off);
        if (n < 0) {
          throw new DatasetFormatException(name, position + off, "truncated " + what + ": expected " + b.length
              + " bytes, found " + off);
        }
        off += n;
      }
      position += b.length;
    }
  }
}

