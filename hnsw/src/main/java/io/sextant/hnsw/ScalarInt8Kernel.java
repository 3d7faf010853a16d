package io.sextant.hnsw;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** {@link Int8Kernel} one byte at a time: the portable fallback when the Panama kernels are off. */
final class ScalarInt8Kernel implements Int8Kernel {
  private final MemorySegment codes;
  private final int dim;
  private final long stride;

  ScalarInt8Kernel(MemorySegment codes, int dimension, int stride) {
    this.codes = codes;
    this.dim = dimension;
    this.stride = stride;
  }

  @Override
  public float dot(float[] w, int node) {
    long o = node * stride;
    float s = 0;
    for (int j = 0; j < dim; j++) s += w[j] * codes.get(ValueLayout.JAVA_BYTE, o + j);
    return s;
  }

  @Override
  public void dot(float[] w, int[] nodes, int count, float[] out) {
    for (int i = 0; i < count; i++) out[i] = dot(w, nodes[i]);
  }
}
