package io.sextant.hnsw;

import io.sextant.core.quant.BinaryQuantizer;
import io.sextant.core.quant.ScalarQuantizer;
import io.sextant.core.vector.FloatVectors;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Compact codes of a block of vectors, one fixed-size code per ordinal, used to traverse the graph
 * cheaply (see {@link QuantizedHnswIndex}). For {@link Quantization#INT8} each code is
 * {@code dimension} signed bytes of a per-dimension {@link ScalarQuantizer}, and a float per vector,
 * the squared norm of its reconstruction, lets Euclidean and cosine scores be estimated; for
 * {@link Quantization#BINARY} each code is {@code ⌈dimension/64⌉} little-endian longs of a
 * {@link BinaryQuantizer}. Codes and norms live in memory segments (off-heap after
 * {@link #encode}, or mapped from a segment file by {@link QuantizedVectorsFile}) and are read in
 * place. Immutable and thread-safe.
 */
public final class QuantizedVectors {
  static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  /** Vectors sampled to train the quantizer: quantiles of 25k values per dimension are stable to well under a grid step. */
  static final int TRAINING_SAMPLE = 25_000;

  private final Quantization quantization;
  private final int size;
  private final int dimension;
  private final int codeBytes;
  private final MemorySegment codes;
  private final MemorySegment norms;
  private final ScalarQuantizer scalar;
  private final BinaryQuantizer binary;

  QuantizedVectors(Quantization quantization, int size, int dimension, MemorySegment codes, MemorySegment norms,
      ScalarQuantizer scalar, BinaryQuantizer binary) {
    this.quantization = quantization;
    this.size = size;
    this.dimension = dimension;
    this.codeBytes = codeBytes(quantization, dimension);
    this.codes = codes;
    this.norms = norms;
    this.scalar = scalar;
    this.binary = binary;
  }

  /** Bytes of one code. */
  static int codeBytes(Quantization q, int dimension) {
    return switch (q) {
      case INT8 -> dimension;
      case BINARY -> ((dimension + 63) >>> 6) * Long.BYTES;
      case NONE -> throw new IllegalArgumentException("no codes for quantization 'none'");
    };
  }

  /**
   * Trains a quantizer on an evenly spaced sample of {@code vectors} (at most
   * {@value #TRAINING_SAMPLE}) and encodes every vector into an off-heap block that lives as long
   * as the returned object is reachable.
   */
  public static QuantizedVectors encode(FloatVectors vectors, Quantization quantization) {
    int n = vectors.size(), d = vectors.dimension();
    if (n == 0) throw new IllegalArgumentException("cannot quantize an empty block of vectors");
    float[][] sample = new float[Math.min(n, TRAINING_SAMPLE)][];
    for (int i = 0; i < sample.length; i++) sample[i] = vectors.get((int) ((long) i * n / sample.length));
    int bytes = codeBytes(quantization, d);
    Arena arena = Arena.ofAuto();
    MemorySegment codes = arena.allocate((long) n * bytes, 64);
    switch (quantization) {
      case INT8 -> {
        ScalarQuantizer sq = ScalarQuantizer.train(sample, ScalarQuantizer.Range.PER_DIMENSION);
        MemorySegment norms = arena.allocate((long) n * Float.BYTES, 64);
        byte[] code = new byte[d];
        for (int i = 0; i < n; i++) {
          float norm = sq.encode(vectors.get(i), code);
          MemorySegment.copy(code, 0, codes, ValueLayout.JAVA_BYTE, (long) i * bytes, d);
          norms.set(FLOAT_LE, (long) i * Float.BYTES, norm);
        }
        return new QuantizedVectors(quantization, n, d, codes, norms, sq, null);
      }
      case BINARY -> {
        BinaryQuantizer bq = BinaryQuantizer.train(sample);
        long[] code = new long[bq.words()];
        ValueLayout.OfLong le = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
          bq.encode(vectors.get(i), code);
          MemorySegment.copy(code, 0, codes, le, (long) i * bytes, code.length);
        }
        return new QuantizedVectors(quantization, n, d, codes, null, null, bq);
      }
      case NONE -> throw new IllegalArgumentException("quantization 'none' has no codes");
    }
    throw new AssertionError(quantization);
  }

  public Quantization quantization() { return quantization; }

  public int size() { return size; }

  public int dimension() { return dimension; }

  /** Bytes of one code (norms not included). */
  public int codeBytes() { return codeBytes; }

  /** The codes, {@code size × codeBytes} bytes back to back from offset 0. */
  MemorySegment codes() { return codes; }

  /** int8 only: {@code size} little-endian floats, ‖x̂‖² of each reconstruction; null for binary. */
  MemorySegment norms() { return norms; }

  /** The int8 quantizer, or null. */
  ScalarQuantizer scalar() { return scalar; }

  /** The binary quantizer, or null. */
  BinaryQuantizer binary() { return binary; }

  /** Length of the segment file {@code <segment>.hnswq} holding these codes (see {@link QuantizedVectorsFile}). */
  public long fileBytes() {
    return QuantizedVectorsFile.fileBytes(this);
  }

  /** Bytes per vector that traversal reads: the code, plus its norm for int8. */
  public int bytesPerVector() {
    return codeBytes + (norms != null ? Float.BYTES : 0);
  }
}
