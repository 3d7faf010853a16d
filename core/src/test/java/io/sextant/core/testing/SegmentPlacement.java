package io.sextant.core.testing;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Where a segment-form kernel finds its vector: on the heap (backed by float[] or byte[]) or off
 * the heap, at a byte offset that may be unaligned. Values are written little endian.
 */
public enum SegmentPlacement {
  /** A float[]-backed heap segment (offsets are rounded up to a multiple of 4). */
  HEAP_FLOATS,
  /** A byte[]-backed heap segment, any byte offset. */
  HEAP_BYTES,
  /** A long[]-backed heap segment (offsets are rounded up to a multiple of 8). */
  HEAP_LONGS,
  /** Native memory from the given arena, any byte offset. */
  OFF_HEAP;

  public static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  public static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  /** The byte offset this placement really uses when asked for {@code offset}. */
  public long effectiveOffset(long offset) {
    return switch (this) {
      case HEAP_FLOATS -> (offset + 3) & ~3L;
      case HEAP_LONGS -> (offset + 7) & ~7L;
      default -> offset;
    };
  }

  /** A segment of {@code bytes} bytes (rounded up to the element size for HEAP_FLOATS and HEAP_LONGS). */
  public MemorySegment allocate(Arena arena, long bytes) {
    return switch (this) {
      case HEAP_FLOATS -> MemorySegment.ofArray(new float[Math.toIntExact((bytes + 3) / 4)]);
      case HEAP_BYTES -> MemorySegment.ofArray(new byte[Math.toIntExact(bytes)]);
      case HEAP_LONGS -> MemorySegment.ofArray(new long[Math.toIntExact((bytes + 7) / 8)]);
      case OFF_HEAP -> arena.allocate(bytes, 64);
    };
  }

  /** A segment holding {@code v} at {@link #effectiveOffset(long) effectiveOffset(offset)}, with trailing slack bytes. */
  public MemorySegment place(Arena arena, float[] v, long offset, int slack) {
    long at = effectiveOffset(offset);
    MemorySegment s = allocate(arena, at + 4L * v.length + slack);
    for (int i = 0; i < v.length; i++) s.set(FLOAT_LE, at + 4L * i, v[i]);
    return s;
  }

  public MemorySegment place(Arena arena, byte[] v, long offset, int slack) {
    long at = effectiveOffset(offset);
    MemorySegment s = allocate(arena, at + v.length + slack);
    MemorySegment.copy(v, 0, s, ValueLayout.JAVA_BYTE, at, v.length);
    return s;
  }

  public MemorySegment place(Arena arena, long[] v, long offset, int slack) {
    long at = effectiveOffset(offset);
    MemorySegment s = allocate(arena, at + 8L * v.length + slack);
    for (int i = 0; i < v.length; i++) s.set(LONG_LE, at + 8L * i, v[i]);
    return s;
  }
}
