package io.sextant.core.filter;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.roaringbitmap.RoaringBitmap;

/** A growable little-endian byte buffer for writing index files. */
final class ByteSink {
  private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private byte[] buf = new byte[256];
  private int size;

  int size() {
    return size;
  }

  private void ensure(int extra) {
    if (size + extra > buf.length) {
      long want = Math.max((long) buf.length * 2, (long) size + extra);
      if (want > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("index larger than 2 GiB cannot be written in one piece");
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

  void putBytes(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, size, b.length);
    size += b.length;
  }

  void putLongs(long[] a, int n) {
    ensure(8 * n);
    MemorySegment.copy(a, 0, MemorySegment.ofArray(buf), LONG, size, n);
    size += 8 * n;
  }

  void putInts(int[] a, int n) {
    ensure(4 * n);
    MemorySegment.copy(a, 0, MemorySegment.ofArray(buf), INT, size, n);
    size += 4 * n;
  }

  /** A bitmap as its byte length (int) then RoaringBitmap's portable serialization. */
  void putBitmap(RoaringBitmap bitmap) {
    bitmap.runOptimize();
    int len = bitmap.serializedSizeInBytes();
    putInt(len);
    ensure(len);
    bitmap.serialize(ByteBuffer.wrap(buf, size, len).order(ByteOrder.LITTLE_ENDIAN));
    size += len;
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
