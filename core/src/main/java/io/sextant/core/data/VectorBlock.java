package io.sextant.core.data;

import io.sextant.core.vector.FloatVectors;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Owns {@code size × dimension} float32 vectors held back to back in one contiguous block of
 * memory, exposed as {@link FloatVectors}. Small blocks live in a heap {@code float[]}; blocks
 * that do not fit in a Java array, or would take more than a quarter of the maximum heap, live
 * off-heap in a shared {@link Arena} that {@link #close()} frees. Use try-with-resources: after
 * close, the vectors of an off-heap block must not be touched (access fails with
 * {@link IllegalStateException} rather than reading freed memory).
 */
public final class VectorBlock implements AutoCloseable {
  /** Largest Java array the JVM reliably allocates. */
  private static final long MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 16;

  private final FloatVectors vectors;
  private final Arena arena;

  private VectorBlock(FloatVectors vectors, Arena arena) {
    this.vectors = vectors;
    this.arena = arena;
  }

  /**
   * A zero-filled block of {@code size} vectors of {@code dimension} floats, for filling in place
   * (generators and readers write straight into {@link FloatVectors#data()}).
   */
  public static VectorBlock allocate(int size, int dimension) {
    if (size < 0) throw new IllegalArgumentException("size must be >= 0, got " + size);
    if (dimension <= 0) throw new IllegalArgumentException("dimension must be positive, got " + dimension);
    long floats = (long) size * dimension;
    long bytes = floats * Float.BYTES;
    if (floats <= MAX_ARRAY_LENGTH && bytes <= Runtime.getRuntime().maxMemory() / 4) {
      return new VectorBlock(new FloatVectors(MemorySegment.ofArray(new float[(int) floats]), 0, size, dimension), null);
    }
    Arena arena = Arena.ofShared();
    try {
      MemorySegment seg = arena.allocate(bytes, 64);
      return new VectorBlock(new FloatVectors(seg, 0, size, dimension), arena);
    } catch (RuntimeException | OutOfMemoryError e) {
      arena.close();
      throw e;
    }
  }

  /** The vectors; valid until {@link #close()}. */
  public FloatVectors vectors() {
    return vectors;
  }

  public int size() {
    return vectors.size();
  }

  public int dimension() {
    return vectors.dimension();
  }

  /** True when the vectors live outside the Java heap (and {@link #close()} frees them). */
  public boolean offHeap() {
    return arena != null;
  }

  /** Frees off-heap memory; a no-op for heap blocks. Idempotent. */
  @Override
  public synchronized void close() {
    if (arena != null && arena.scope().isAlive()) arena.close();
  }
}
