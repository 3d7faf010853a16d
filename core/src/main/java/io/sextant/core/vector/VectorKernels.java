package io.sextant.core.vector;

import java.lang.foreign.MemorySegment;

/**
 * Distance kernels: the innermost loops of every index. Two implementations exist, a Panama one
 * ({@code jdk.incubator.vector}) and a portable scalar one; {@link Kernels#get()} picks one once.
 *
 * <p>Arguments are not validated for NaN/Inf here (that happens at the API boundary, see
 * {@link VectorChecks}); lengths are checked because a mismatch would read foreign memory.
 * Segment forms read a vector of {@code q.length} elements starting at byte {@code offset},
 * little endian, so memory-mapped segment files are scored in place.
 */
public interface VectorKernels {

  /** {@code "panama"} or {@code "scalar"}; reported as {@code simd} by the bench harness. */
  String name();

  float dot(float[] a, float[] b);

  float squareDistance(float[] a, float[] b);

  /** Cosine similarity; 0 when either vector has zero norm. */
  float cosine(float[] a, float[] b);

  float dot(float[] q, MemorySegment data, long offset);

  float squareDistance(float[] q, MemorySegment data, long offset);

  float cosine(float[] q, MemorySegment data, long offset);

  /** Signed int8 dot product. */
  int dot(byte[] a, byte[] b);

  /** Signed int8 squared Euclidean distance. */
  int squareDistance(byte[] a, byte[] b);

  int dot(byte[] q, MemorySegment data, long offset);

  int squareDistance(byte[] q, MemorySegment data, long offset);

  /** Number of differing bits between two packed bit vectors of equal length. */
  int hamming(long[] a, long[] b);

  int hamming(long[] q, MemorySegment data, long offset);

  /**
   * Scores {@code count} contiguous float vectors of {@code q.length} dimensions starting at byte
   * {@code offset} of {@code data} against {@code q}, writing {@link Similarity#raw raw} values
   * (higher is better) into {@code out[0..count)}.
   */
  void rawScores(Similarity similarity, float[] q, MemorySegment data, long offset, int count, float[] out);
}
