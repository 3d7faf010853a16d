package io.sextant.core.vector;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Dense float32 vectors addressed by ordinal {@code 0..size-1}, stored back to back (little
 * endian, stride {@code 4 * dimension} bytes) in one {@link MemorySegment}: a heap array, an
 * off-heap buffer or a memory-mapped file. Indexes score against it in place; nothing is copied.
 */
public final class FloatVectors {
  private static final ValueLayout.OfFloat FLOAT_LE =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private final MemorySegment data;
  private final long base;
  private final int size;
  private final int dimension;
  private final long stride;

  /**
   * @param data   the memory holding the vectors
   * @param base   byte offset of vector 0 in {@code data}
   * @param size   number of vectors
   * @param dimension floats per vector
   */
  public FloatVectors(MemorySegment data, long base, int size, int dimension) {
    if (dimension <= 0) throw new IllegalArgumentException("dimension must be positive, got " + dimension);
    if (size < 0) throw new IllegalArgumentException("size must be >= 0, got " + size);
    long need = base + (long) size * dimension * Float.BYTES;
    if (base < 0 || need > data.byteSize()) {
      throw new IllegalArgumentException("vector block of " + size + " x " + dimension + " floats at offset " + base
          + " needs " + need + " bytes but the memory holds " + data.byteSize());
    }
    this.data = data;
    this.base = base;
    this.size = size;
    this.dimension = dimension;
    this.stride = (long) dimension * Float.BYTES;
  }

  /** Wraps rows of a heap matrix by copying them into one contiguous off-heap-like array segment. */
  public static FloatVectors copyOf(float[][] rows, int dimension) {
    float[] flat = new float[Math.multiplyExact(rows.length, dimension)];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != dimension) {
        throw new IllegalArgumentException("row " + i + " has dimension " + rows[i].length + ", expected " + dimension);
      }
      System.arraycopy(rows[i], 0, flat, i * dimension, dimension);
    }
    return new FloatVectors(MemorySegment.ofArray(flat), 0, rows.length, dimension);
  }

  public MemorySegment data() { return data; }

  public int size() { return size; }

  public int dimension() { return dimension; }

  /** Byte offset of vector {@code ord} in {@link #data()}. */
  public long offset(int ord) {
    return base + ord * stride;
  }

  /** Copies vector {@code ord} to a new array (for tests and reranking outside hot loops). */
  public float[] get(int ord) {
    float[] v = new float[dimension];
    MemorySegment.copy(data, FLOAT_LE, offset(ord), v, 0, dimension);
    return v;
  }

  /** Raw score (higher is better) of {@code q} against vector {@code ord}. */
  public float raw(VectorKernels k, Similarity sim, float[] q, int ord) {
    return sim.raw(k, q, data, offset(ord));
  }
}
