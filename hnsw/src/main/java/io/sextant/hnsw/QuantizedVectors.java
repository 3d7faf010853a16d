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
 * cheaply (see {@link QuantizedHnswIndex}). For {@link Quantization#INT8} each record is
 * {@code dimension} signed bytes of a per-dimension {@link ScalarQuantizer} followed by a
 * little-endian float, the squared norm of the reconstruction, which Euclidean and cosine
 * estimates need; for {@link Quantization#BINARY} each record is {@code ⌈dimension/64⌉}
 * little-endian longs of a {@link BinaryQuantizer}. The norm sits right after its code rather
 * than in a block of its own so that scoring a node touches one region of memory, not two: graph
 * traversal is bound by the latency of such scattered reads. Records live in one memory segment
 * (off-heap after {@link #encode}, or mapped from a segment file by {@link QuantizedVectorsFile})
 * and are read in place. Immutable and thread-safe.
 */
public final class QuantizedVectors {
  static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  /** Vectors sampled to train the quantizer: quantiles of 25k values per dimension are stable to well under a grid step. */
  static final int TRAINING_SAMPLE = 25_000;
  /** Largest code block kept in one heap array (a little under the JVM's array length limit). */
  static final int MAX_ARRAY_BYTES = Integer.MAX_VALUE - 64;

  private final Quantization quantization;
  private final int size;
  private final int dimension;
  private final int codeBytes;
  private final MemorySegment codes;
  private final ScalarQuantizer scalar;
  private final BinaryQuantizer binary;

  QuantizedVectors(Quantization quantization, int size, int dimension, MemorySegment codes, ScalarQuantizer scalar,
      BinaryQuantizer binary) {
    this.quantization = quantization;
    this.size = size;
    this.dimension = dimension;
    this.codeBytes = codeBytes(quantization, dimension);
    this.codes = codes;
    this.scalar = scalar;
    this.binary = binary;
  }

  /** Bytes of one record: the code, and for int8 its norm. */
  static int codeBytes(Quantization q, int dimension) {
    return switch (q) {
      case INT8 -> dimension + Float.BYTES;
      case BINARY -> ((dimension + 63) >>> 6) * Long.BYTES;
      case NONE -> throw new IllegalArgumentException("no codes for quantization 'none'");
    };
  }

  /**
   * Trains a quantizer on an evenly spaced sample of {@code vectors} (at most
   * {@value #TRAINING_SAMPLE}) and encodes every vector into a block that lives as long as the
   * returned object is reachable: a heap array when it fits one and a quarter of the heap, off-heap otherwise.
   */
  public static QuantizedVectors encode(FloatVectors vectors, Quantization quantization) {
    int n = vectors.size(), d = vectors.dimension();
    if (n == 0) throw new IllegalArgumentException("cannot quantize an empty block of vectors");
    float[][] sample = new float[Math.min(n, TRAINING_SAMPLE)][];
    for (int i = 0; i < sample.length; i++) sample[i] = vectors.get((int) ((long) i * n / sample.length));
    int bytes = codeBytes(quantization, d);
    long total = (long) n * bytes;
    // A heap array when the block fits one and a quarter of the heap (core's VectorBlock rule): the int8
    // kernel loads from an array faster than through a segment (PanamaInt8ArrayKernel). Else off-heap.
    MemorySegment codes = total <= MAX_ARRAY_BYTES && total <= Runtime.getRuntime().maxMemory() / 4
        ? MemorySegment.ofArray(new byte[(int) total])
        : Arena.ofAuto().allocate(total, 64);
    switch (quantization) {
      case INT8 -> {
        ScalarQuantizer sq = ScalarQuantizer.train(sample, ScalarQuantizer.Range.PER_DIMENSION);
        byte[] code = new byte[d];
        for (int i = 0; i < n; i++) {
          float norm = sq.encode(vectors.get(i), code);
          MemorySegment.copy(code, 0, codes, ValueLayout.JAVA_BYTE, (long) i * bytes, d);
          codes.set(FLOAT_LE, (long) i * bytes + d, norm);
        }
        return new QuantizedVectors(quantization, n, d, codes, sq, null);
      }
      case BINARY -> {
        BinaryQuantizer bq = BinaryQuantizer.train(sample);
        long[] code = new long[bq.words()];
        ValueLayout.OfLong le = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
          bq.encode(vectors.get(i), code);
          MemorySegment.copy(code, 0, codes, le, (long) i * bytes, code.length);
        }
        return new QuantizedVectors(quantization, n, d, codes, null, bq);
      }
      case NONE -> throw new IllegalArgumentException("quantization 'none' has no codes");
    }
    throw new AssertionError(quantization);
  }

  public Quantization quantization() { return quantization; }

  public int size() { return size; }

  public int dimension() { return dimension; }

  /** Bytes of one record (the code, and for int8 its norm): what traversal reads per scored node. */
  public int codeBytes() { return codeBytes; }

  /** The records, {@code size × codeBytes} bytes back to back from offset 0. */
  MemorySegment codes() { return codes; }

  /** int8 only: ‖x̂‖² of the reconstruction of {@code node}. */
  float norm(int node) {
    return codes.get(FLOAT_LE, (long) node * codeBytes + dimension);
  }

  /** The int8 quantizer, or null. */
  ScalarQuantizer scalar() { return scalar; }

  /** The binary quantizer, or null. */
  BinaryQuantizer binary() { return binary; }

  /** Length of the segment file {@code <segment>.hnswq} holding these codes (see {@link QuantizedVectorsFile}). */
  public long fileBytes() {
    return QuantizedVectorsFile.fileBytes(this);
  }

}
