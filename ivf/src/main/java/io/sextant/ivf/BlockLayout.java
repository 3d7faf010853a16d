package io.sextant.ivf;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Geometry of an inverted list: a run of fixed-size blocks of {@value #BLOCK} vectors, each block
 * holding the vectors' ids (int32), then their reconstruction norms (float32, only for encodings
 * that need them), then their codes, padded to 64 bytes. A probe therefore reads one contiguous
 * region, ids beside codes. Codes are row-major (one vector after another) or, for PQ, transposed
 * (sub-quantizer j of all {@value #BLOCK} vectors together) so the ADC scan reads each lookup
 * column as one run. Everything is little endian.
 */
record BlockLayout(int codeBytes, boolean norms, boolean transposed) {
  static final int BLOCK = 32;
  static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  BlockLayout {
    if (codeBytes <= 0) throw new IllegalArgumentException("codeBytes must be positive, got " + codeBytes);
  }

  int normsOffset() {
    return BLOCK * Integer.BYTES;
  }

  int codesOffset() {
    return BLOCK * Integer.BYTES + (norms ? BLOCK * Float.BYTES : 0);
  }

  long blockBytes() {
    long raw = codesOffset() + (long) BLOCK * codeBytes;
    return (raw + 63) & ~63L;
  }

  static int blocks(int count) {
    return (count + BLOCK - 1) / BLOCK;
  }

  long listBytes(int count) {
    return blocks(count) * blockBytes();
  }

  /** Writes vector {@code pos} of a list starting at {@code listOffset}. */
  void write(MemorySegment seg, long listOffset, int pos, int id, float norm, byte[] code) {
    long block = listOffset + (pos / BLOCK) * blockBytes();
    int v = pos % BLOCK;
    seg.set(INT_LE, block + 4L * v, id);
    if (norms) seg.set(FLOAT_LE, block + normsOffset() + 4L * v, norm);
    long codes = block + codesOffset();
    if (transposed) {
      for (int j = 0; j < codeBytes; j++) seg.set(ValueLayout.JAVA_BYTE, codes + (long) j * BLOCK + v, code[j]);
    } else {
      MemorySegment.copy(code, 0, seg, ValueLayout.JAVA_BYTE, codes + (long) v * codeBytes, codeBytes);
    }
  }

  static int id(MemorySegment seg, long blockOffset, int v) {
    return seg.get(INT_LE, blockOffset + 4L * v);
  }

  float norm(MemorySegment seg, long blockOffset, int v) {
    return seg.get(FLOAT_LE, blockOffset + normsOffset() + 4L * v);
  }
}
