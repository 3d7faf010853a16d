package io.sextant.core.text;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;

/** A growable little-endian byte buffer with varints, for writing the text index. */
final class ByteSink {
  static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private byte[] buf = new byte[1024];
  private int size;

  int size() {
    return size;
  }

  private void ensure(int extra) {
    if (size + extra > buf.length) {
      long want = Math.max((long) buf.length * 2, (long) size + extra);
      if (want > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("text index larger than 2 GiB cannot be written in one piece");
      }
      buf = Arrays.copyOf(buf, (int) want);
    }
  }

  void putInt(int v) {
    ensure(4);
    MemorySegment.ofArray(buf).set(INT, size, v);
    size += 4;
  }

  void putLong(long v) {
    ensure(8);
    MemorySegment.ofArray(buf).set(LONG, size, v);
    size += 8;
  }

  void putIntAt(int offset, int v) {
    MemorySegment.ofArray(buf).set(INT, offset, v);
  }

  void putLongAt(int offset, long v) {
    MemorySegment.ofArray(buf).set(LONG, offset, v);
  }

  void putBytes(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, size, len);
    size += len;
  }

  /** Unsigned LEB128: 7 bits per byte, high bit set on all but the last. */
  void putVarLong(long v) {
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      buf[size++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[size++] = (byte) v;
  }

  void align(int to) {
    int pad = (to - (size % to)) % to;
    ensure(pad);
    size += pad;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }
}
