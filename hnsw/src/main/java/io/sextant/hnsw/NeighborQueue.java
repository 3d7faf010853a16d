package io.sextant.hnsw;

import java.util.Arrays;

/**
 * A binary heap of (node, score) pairs packed into one {@code long} each, so a comparison is one
 * integer compare and the heap is one primitive array. The high 32 bits hold the score mapped to
 * an int that sorts like the float; the low 32 bits hold {@code ~node}, so on equal scores the
 * smaller node ordinal ranks higher: ties resolve the same way on every run.
 *
 * <p>A min-queue keeps the worst entry on top (the result set, evicting its worst); a max-queue
 * keeps the best on top (the candidate frontier). Not thread-safe.
 */
final class NeighborQueue {
  private final boolean maxOnTop;
  private long[] heap; // 1-based
  private int size;

  NeighborQueue(int initialCapacity, boolean maxOnTop) {
    this.maxOnTop = maxOnTop;
    this.heap = new long[Math.max(2, initialCapacity + 1)];
  }

  static long encode(int node, float score) {
    return ((long) sortableInt(score) << 32) | (~node & 0xFFFFFFFFL);
  }

  static int decodeNode(long packed) { return ~(int) packed; }

  static float decodeScore(long packed) { return unsortableFloat((int) (packed >> 32)); }

  private static int sortableInt(float f) {
    int bits = Float.floatToIntBits(f);
    return bits ^ ((bits >> 31) & 0x7fffffff);
  }

  private static float unsortableFloat(int s) {
    return Float.intBitsToFloat(s ^ ((s >> 31) & 0x7fffffff));
  }

  int size() { return size; }

  boolean isEmpty() { return size == 0; }

  void clear() { size = 0; }

  /** Adds an entry, growing as needed. */
  void add(int node, float score) {
    push(orient(encode(node, score)));
  }

  /**
   * For a min-queue bounded at {@code capacity}: adds the entry if there is room or if it beats
   * the current worst (which it then replaces). Returns whether it was kept.
   */
  boolean insertWithOverflow(int node, float score, int capacity) {
    long e = encode(node, score);
    if (size < capacity) {
      push(orient(e));
      return true;
    }
    if (orient(e) <= heap[1]) return false;
    heap[1] = orient(e);
    siftDown(1);
    return true;
  }

  int topNode() { return decodeNode(orient(heap[1])); }

  float topScore() { return decodeScore(orient(heap[1])); }

  /** Removes the top entry and returns its packed form (see {@link #decodeNode}, {@link #decodeScore}). */
  long pop() {
    long top = heap[1];
    heap[1] = heap[size];
    size--;
    if (size > 1) siftDown(1);
    return orient(top);
  }

  /** Copies the packed entries, in heap order, into {@code dst}; returns how many. */
  int copyTo(long[] dst) {
    for (int i = 0; i < size; i++) dst[i] = orient(heap[i + 1]);
    return size;
  }

  // A max-queue stores bitwise-complemented keys in the same min-heap: ~ reverses the order of longs without overflow.
  private long orient(long e) { return maxOnTop ? ~e : e; }

  private void push(long e) {
    if (++size == heap.length) heap = Arrays.copyOf(heap, heap.length * 2);
    long[] h = heap;
    int i = size;
    while (i > 1) {
      int p = i >>> 1;
      long pv = h[p];
      if (pv <= e) break;
      h[i] = pv;
      i = p;
    }
    h[i] = e;
  }

  private void siftDown(int i) {
    long[] h = heap;
    int n = size;
    long e = h[i];
    int child;
    while ((child = i << 1) <= n) {
      long cv = h[child];
      if (child < n) {
        long rv = h[child + 1];
        if (rv < cv) { child++; cv = rv; }
      }
      if (e <= cv) break;
      h[i] = cv;
      i = child;
    }
    h[i] = e;
  }
}
