package io.sextant.core.filter;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

/**
 * Bounds-checked little-endian reads from an index file mapped as a {@link MemorySegment}.
 * Every failed check is an {@link IllegalStateException} naming the file part and the offset,
 * so corrupt bytes never turn into a JVM crash or a silently wrong bitmap.
 */
final class IndexBytes {
  static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private final MemorySegment seg;
  private final String what;

  IndexBytes(MemorySegment seg, String what) {
    this.seg = seg;
    this.what = what;
  }

  MemorySegment segment() {
    return seg;
  }

  long size() {
    return seg.byteSize();
  }

  IllegalStateException corrupt(long offset, String problem) {
    return new IllegalStateException(what + " is corrupt at byte " + offset + " (of "
        + seg.byteSize() + "): " + problem);
  }

  void checkRange(long offset, long length, String part) {
    if (offset < 0 || length < 0 || offset > seg.byteSize() - length) {
      throw corrupt(offset, part + " of " + length + " bytes does not fit");
    }
  }

  int getInt(long offset, String part) {
    checkRange(offset, 4, part);
    return seg.get(INT, offset);
  }

  long getLong(long offset, String part) {
    checkRange(offset, 8, part);
    return seg.get(LONG, offset);
  }

  /** A bitmap stored as int length + portable bytes at {@code offset}. */
  ImmutableRoaringBitmap bitmapAt(long offset, String part) {
    int len = getInt(offset, part + " length");
    checkRange(offset + 4, len, part);
    return bitmap(offset + 4, len, part);
  }

  ImmutableRoaringBitmap bitmap(long offset, long len, String part) {
    checkRange(offset, len, part);
    ImmutableRoaringBitmap b;
    try {
      b = new ImmutableRoaringBitmap(seg.asSlice(offset, len).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN));
    } catch (RuntimeException e) {
      throw corrupt(offset, part + " is not a valid Roaring bitmap: " + e);
    }
    if (b.serializedSizeInBytes() != len) {
      throw corrupt(offset, part + " declares " + len + " bytes but its bitmap takes "
          + b.serializedSizeInBytes());
    }
    return b;
  }

  static long align8(long x) {
    return (x + 7) & ~7L;
  }
}
