package io.sextant.hnsw;

import io.sextant.core.quant.BinaryQuantizer;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Scores binary codes by minus their Hamming distance to the query's code: a coarse ordering
 * (at most dimension+1 distinct values) that only a generous exact rerank makes usable. Codes are
 * a handful of longs (13 for 784 dimensions), so a scalar XOR/popcount loop is already cheap.
 * Reusable, not thread-safe.
 */
final class BinaryScorer implements GraphScorer {
  private static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private final BinaryQuantizer quantizer;
  private final MemorySegment codes;
  private final int words;
  private final long bytes;
  private final long[] query;

  BinaryScorer(QuantizedVectors codes) {
    this.quantizer = codes.binary();
    this.codes = codes.codes();
    this.words = quantizer.words();
    this.bytes = codes.codeBytes();
    this.query = new long[words];
  }

  BinaryScorer setQuery(float[] q) {
    quantizer.encode(q, query);
    return this;
  }

  @Override
  public float score(int node) {
    MemorySegment c = codes.asSlice(node * bytes, bytes);
    long[] q = query;
    int h = 0;
    for (int i = 0; i < words; i++) h += Long.bitCount(q[i] ^ c.get(LONG_LE, (long) i * Long.BYTES));
    return -h;
  }

  @Override
  public void score(int[] nodes, int count, float[] out) {
    for (int i = 0; i < count; i++) out[i] = score(nodes[i]);
  }
}
