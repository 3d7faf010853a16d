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
  /**
   * Floats left unused at the front of a heap block's array, so that vector 0 starts on a 64-byte
   * cache line. G1 puts an array this large at the start of a region of its own, and its data
   * begins 16 bytes in (the array header), so without this every 64-byte load of a row with a
   * multiple of 16 floats straddled two cache lines. Measured on Zen 4 (AVX-512): 16-wide batches
   * of random 784-d rows 180.0 against 196.9 ns per vector (medians of 12 rounds), and a
   * fashion-mnist M32 graph search 1.44–1.49x (median 1.47x) against 1.42–1.44x Lucene's QPS in
   * four pairs of alternating interleaved runs (docs/bench/hnsw.md, "Session 13"). Where the JVM
   * lays arrays out differently (other collectors, compact object headers, small arrays) the rows
   * are merely as misaligned as before.
   */
  private static final int HEAD_FLOATS = 12;

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
    FloatVectors heap = heapBlock(size, dimension);
    if (heap != null) return new VectorBlock(heap, null);
    long bytes = (long) size * dimension * Float.BYTES;
    Arena arena = Arena.ofShared();
    try {
      MemorySegment seg = arena.allocate(bytes, 64);
      return new VectorBlock(new FloatVectors(seg, 0, size, dimension), arena);
    } catch (RuntimeException | OutOfMemoryError e) {
      arena.close();
      throw e;
    }
  }

  /**
   * As {@link #allocate}, for a block with no owner to close it: the same heap layout, or when
   * that does not fit, off-heap memory the garbage collector frees once the vectors are
   * unreachable (for copies an index keeps for as long as it lives).
   */
  public static FloatVectors allocateCollected(int size, int dimension) {
    FloatVectors heap = heapBlock(size, dimension);
    if (heap != null) return heap;
    return new FloatVectors(Arena.ofAuto().allocate((long) size * dimension * Float.BYTES, 64), 0, size, dimension);
  }

  /** A heap block on 64-byte lines (see {@link #HEAD_FLOATS}), or null when it belongs off-heap. */
  private static FloatVectors heapBlock(int size, int dimension) {
    if (size < 0) throw new IllegalArgumentException("size must be >= 0, got " + size);
    if (dimension <= 0) throw new IllegalArgumentException("dimension must be positive, got " + dimension);
    long floats = (long) size * dimension;
    long bytes = floats * Float.BYTES;
    if (floats + HEAD_FLOATS > MAX_ARRAY_LENGTH || bytes > Runtime.getRuntime().maxMemory() / 4) return null;
    float[] a = new float[(int) floats + HEAD_FLOATS];
    return new FloatVectors(MemorySegment.ofArray(a).asSlice(HEAD_FLOATS * Float.BYTES, bytes), 0, size, dimension);
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
