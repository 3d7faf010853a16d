package io.sextant.core.collection;

import java.util.Arrays;

/**
 * A list one thread appends to while others read the prefix they were told about (through the
 * writer lock or a published snapshot). Elements live in fixed chunks that never move.
 */
final class AppendOnlyList<T> {
  private static final int SHIFT = 10;
  private static final int CHUNK = 1 << SHIFT;

  private volatile Object[][] chunks = new Object[0][];
  private int size;

  int size() {
    return size;
  }

  void add(T value) {
    int c = size >>> SHIFT;
    Object[][] cs = chunks;
    if (c == cs.length) {
      cs = Arrays.copyOf(cs, c + 1);
      cs[c] = new Object[CHUNK];
      chunks = cs;
    }
    cs[c][size & (CHUNK - 1)] = value;
    size++;
  }

  @SuppressWarnings("unchecked")
  T get(int i) {
    return (T) chunks[i >>> SHIFT][i & (CHUNK - 1)];
  }
}
