package io.sextant.core.store;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A sequential little-endian reader over a region {@code [start, end)} of a mapped file. Every
 * read is checked against the region, so a damaged length or offset becomes a
 * {@link CorruptIndexException} naming the file and offset, never a read of foreign memory.
 */
public final class MappedInput {
  private static final ValueLayout.OfFloat FLOAT_LE =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private final String resource;
  private final MemorySegment data;
  private final long start;
  private final long end;
  private long pos;

  public MappedInput(String resource, MemorySegment data, long start, long end) {
    this.resource = resource;
    this.data = data;
    this.start = start;
    this.end = end;
    this.pos = start;
  }

  public String resource() {
    return resource;
  }

  public long position() {
    return pos;
  }

  public long end() {
    return end;
  }

  public long remaining() {
    return end - pos;
  }

  public void seek(long position) throws CorruptIndexException {
    if (position < start || position > end) {
      throw new CorruptIndexException(resource, position, "offset outside the region [" + start + ", " + end + ")");
    }
    pos = position;
  }

  private long take(long n, String what) throws CorruptIndexException {
    if (n < 0 || n > end - pos) {
      throw new CorruptIndexException(resource, pos, "reading " + what + " needs " + n + " bytes but only "
          + (end - pos) + " remain before offset " + end);
    }
    long p = pos;
    pos += n;
    return p;
  }

  public byte readByte() throws CorruptIndexException {
    return data.get(ValueLayout.JAVA_BYTE, take(1, "a byte"));
  }

  public int readInt() throws CorruptIndexException {
    return data.get(FileFormat.INT_LE, take(4, "an int"));
  }

  public long readLong() throws CorruptIndexException {
    return data.get(FileFormat.LONG_LE, take(8, "a long"));
  }

  public float readFloat() throws CorruptIndexException {
    return data.get(FLOAT_LE, take(4, "a float"));
  }

  public double readDouble() throws CorruptIndexException {
    return Double.longBitsToDouble(readLong());
  }

  public int readVInt() throws CorruptIndexException {
    long at = pos;
    int v = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      byte b = readByte();
      v |= (b & 0x7f) << shift;
      if (b >= 0) return v;
    }
    throw new CorruptIndexException(resource, at, "variable-length int longer than 5 bytes");
  }

  /** A non-negative vint no larger than {@code max}; {@code what} names the field in the message. */
  public int readVInt(int max, String what) throws CorruptIndexException {
    long at = pos;
    int v = readVInt();
    if (v < 0 || v > max) {
      throw new CorruptIndexException(resource, at, what + " must be in [0, " + max + "], found " + v);
    }
    return v;
  }

  public byte[] readBytes(int n) throws CorruptIndexException {
    long p = take(n, n + " bytes");
    byte[] b = new byte[n];
    // Segment to segment: the copy into an array by layout makes a fresh JVM spin a type-switch
    // class (tens of milliseconds), and the first string a collection's open reads comes here.
    MemorySegment.copy(data, p, MemorySegment.ofArray(b), 0, n);
    return b;
  }

  public float[] readFloats(int n) throws CorruptIndexException {
    long p = take(4L * n, n + " floats");
    float[] v = new float[n];
    MemorySegment.copy(data, FLOAT_LE, p, v, 0, n);
    return v;
  }

  /** A string written by {@link ChecksummedOutput#writeString}; malformed UTF-8 is corruption. */
  public String readString() throws CorruptIndexException {
    long at = pos;
    int n = readVInt(Integer.MAX_VALUE - 8, "string length");
    byte[] b = readBytes(n);
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(b)).toString();
    } catch (CharacterCodingException e) {
      throw new CorruptIndexException(resource, at, "string of " + n + " bytes is not valid UTF-8", e);
    }
  }

  /** Advances {@code n} bytes without reading them. */
  public void skip(long n) throws CorruptIndexException {
    take(n, "a skip of " + n + " bytes");
  }
}
