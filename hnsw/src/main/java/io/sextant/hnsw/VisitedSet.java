package io.sextant.hnsw;

import java.util.Arrays;

/**
 * Nodes seen by one search: a bitset (one bit per node, so it stays in cache) that remembers which
 * words it dirtied, so clearing costs the number of nodes visited rather than the graph size.
 * Not thread-safe: one per searching thread.
 */
final class VisitedSet {
  private long[] words;
  private int[] dirty;
  private int dirtyCount;

  VisitedSet(int capacity) {
    words = new long[wordsFor(capacity)];
    dirty = new int[words.length];
  }

  private static int wordsFor(int capacity) { return Math.max(1, (capacity + 63) >>> 6); }

  /** Makes room for nodes {@code 0..capacity-1}; keeps the current contents. */
  void ensureCapacity(int capacity) {
    int need = wordsFor(capacity);
    if (need > words.length) {
      words = Arrays.copyOf(words, need);
      dirty = Arrays.copyOf(dirty, need);
    }
  }

  /** Marks {@code node}, growing if a growing graph hands out a higher ordinal; true when it was new. */
  boolean add(int node) {
    int w = node >>> 6;
    if (w >= words.length) ensureCapacity(Math.max(node + 1, words.length * 128));
    long bit = 1L << node;
    long old = words[w];
    if ((old & bit) != 0) return false;
    if (old == 0) dirty[dirtyCount++] = w;
    words[w] = old | bit;
    return true;
  }

  boolean contains(int node) {
    int w = node >>> 6;
    return w < words.length && (words[w] & (1L << node)) != 0;
  }

  void clear() {
    if (dirtyCount > words.length >>> 3) {
      Arrays.fill(words, 0L);
    } else {
      for (int i = 0; i < dirtyCount; i++) words[dirty[i]] = 0L;
    }
    dirtyCount = 0;
  }
}
