package io.sextant.core.index;

import io.sextant.core.vector.Similarity;
import io.sextant.core.vector.VectorKernels;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Append-only float vectors of the write buffer, in fixed-size heap chunks so that appending
 * never moves a vector a concurrent search is reading. One thread appends; any number read the
 * ordinals they were told about (through a happens-before edge such as a lock or a volatile).
 */
public final class LiveVectors {
  private static final ValueLayout.OfFloat FLOAT_LE =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final int TARGET_CHUNK_BYTES = 1 << 20;

  private final int dimension;
  private final int chunkShift;
  private final int chunkMask;
  private volatile MemorySegment[] chunks = new MemorySegment[0];
  private volatile int size;

  public LiveVectors(int dimension) {
    if (dimension <= 0) throw new IllegalArgumentException("dimension must be positive, got " + dimension);
    this.dimension = dimension;
    int perChunk = Integer.highestOneBit(Math.max(16, TARGET_CHUNK_BYTES / (4 * dimension)));
    this.chunkShift = Integer.numberOfTrailingZeros(perChunk);
    this.chunkMask = perChunk - 1;
  }

  public int dimension() {
    return dimension;
  }

  /** Number of vectors appended so far. */
  public int size() {
    return size;
  }

  /** Vectors per chunk: the {@code count} of {@link #rawScores} never crosses a multiple of this. */
  public int vectorsPerChunk() {
    return chunkMask + 1;
  }

  /** Appends a copy of {@code v} (of {@link #dimension()} floats) and returns its ordinal. */
  public int append(float[] v) {
    if (v.length != dimension) {
      throw new IllegalArgumentException("vector has dimension " + v.length + ", expected " + dimension);
    }
    int ord = size;
    int c = ord >>> chunkShift;
    MemorySegment[] cs = chunks;
    if (c == cs.length) {
      cs = Arrays.copyOf(cs, c + 1);
      cs[c] = MemorySegment.ofArray(new float[(chunkMask + 1) * dimension]);
      chunks = cs;
    }
    MemorySegment.copy(v, 0, cs[c], FLOAT_LE, offsetInChunk(ord), dimension);
    size = ord + 1;
    return ord;
  }

  /** The memory holding vector {@code ord}; the vector starts at {@link #offsetInChunk(int)}. */
  public MemorySegment chunkOf(int ord) {
    return chunks[ord >>> chunkShift];
  }

  public long offsetInChunk(int ord) {
    return (long) (ord & chunkMask) * dimension * Float.BYTES;
  }

  /** A copy of vector {@code ord}. */
  public float[] get(int ord) {
    checkOrd(ord);
    float[] v = new float[dimension];
    MemorySegment.copy(chunkOf(ord), FLOAT_LE, offsetInChunk(ord), v, 0, dimension);
    return v;
  }

  /** Raw score (higher is better) of {@code q} against vector {@code ord}. */
  public float raw(VectorKernels k, Similarity sim, float[] q, int ord) {
    return sim.raw(k, q, chunkOf(ord), offsetInChunk(ord));
  }

  /**
   * Raw scores of {@code count} consecutive vectors from {@code ord} into {@code out}; the run must
   * stay inside one chunk ({@code ord / vectorsPerChunk() == (ord + count - 1) / vectorsPerChunk()}).
   */
  public void rawScores(VectorKernels k, Similarity sim, float[] q, int ord, int count, float[] out) {
    if (count <= 0) return;
    if ((ord >>> chunkShift) != ((ord + count - 1) >>> chunkShift)) {
      throw new IllegalArgumentException("run [" + ord + ", " + (ord + count) + ") crosses a chunk boundary");
    }
    k.rawScores(sim, q, chunkOf(ord), offsetInChunk(ord), count, out);
  }

  private void checkOrd(int ord) {
    if (ord < 0 || ord >= size) throw new IndexOutOfBoundsException("ordinal " + ord + " outside [0, " + size + ")");
  }
}
