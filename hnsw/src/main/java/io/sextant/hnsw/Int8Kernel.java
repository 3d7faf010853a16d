package io.sextant.hnsw;

/**
 * Dot products of a float query against int8 codes stored by ordinal:
 * {@code Σⱼ w[j]·code[node][j]}. The query stays in float (asymmetric scoring), so only the stored
 * side carries quantization error. Bound to one block of codes; may keep scratch: not thread-safe.
 */
interface Int8Kernel {

  float dot(float[] w, int node);

  /** Dots of {@code w} with the codes of {@code nodes[0..count)} into {@code out[0..count)}. */
  void dot(float[] w, int[] nodes, int count, float[] out);

  /** The widest batch this kernel scores in one loop (see {@link GraphScorer#batchWidth()}). */
  default int batchWidth() {
    return 8;
  }
}
