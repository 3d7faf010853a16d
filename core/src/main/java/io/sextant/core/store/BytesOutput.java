package io.sextant.core.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable little-endian byte buffer on the heap, for encoding records (log records, stored
 * field blocks) before they are checksummed, compressed or written. Same encodings as
 * {@link ChecksummedOutput} and {@link MappedInput}. Not thread-safe.
 */
public final class BytesOutput {
  private byte[] buf;
  private int size;

  public BytesOutput(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  public int size() {
    return size;
  }

  public void reset() {
    size = 0;
  }

  /** The backing array; bytes {@code [0, size())} are valid. */
  public byte[] array() {
    return buf;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  private void ensure(int n) {
    if (size + n > buf.length) {
      long want = Math.max((long) buf.length * 2, (long) size + n);
      if (want > Integer.MAX_VALUE - 16) throw new IllegalStateException("record larger than 2 GiB");
      buf = Arrays.copyOf(buf, (int) want);
    }
  }

  public void writeByte(int b) {
    ensure(1);
    buf[size++] = (byte) b;
  }

  public void writeInt(int v) {
    ensure(4);
    buf[size++] = (byte) v;
    buf[size++] = (byte) (v >>> 8);
    buf[size++] = (byte) (v >>> 16);
    buf[size++] = (byte) (v >>> 24);
  }

  /** Overwrites 4 bytes at {@code offset} (a length or checksum known only at the end). */
  public void setInt(int offset, int v) {
    buf[offset] = (byte) v;
    buf[offset + 1] = (byte) (v >>> 8);
    buf[offset + 2] = (byte) (v >>> 16);
    buf[offset + 3] = (byte) (v >>> 24);
  }

  public void writeLong(long v) {
    writeInt((int) v);
    writeInt((int) (v >>> 32));
  }

  public void writeFloat(float v) {
    writeInt(Float.floatToRawIntBits(v));
  }

  public void writeDouble(double v) {
    writeLong(Double.doubleToRawLongBits(v));
  }

  public void writeFloats(float[] v) {
    ensure(4 * v.length);
    for (float x : v) writeInt(Float.floatToRawIntBits(x));
  }

  public void writeVInt(int v) {
    ensure(5);
    while ((v & ~0x7f) != 0) {
      buf[size++] = (byte) ((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    buf[size++] = (byte) v;
  }

  public void writeBytes(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, size, len);
    size += len;
  }

  public void writeBytes(byte[] b) {
    writeBytes(b, 0, b.length);
  }

  public void writeString(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    writeVInt(b.length);
    writeBytes(b);
  }
}
