package io.sextant.ivf;

import java.lang.foreign.MemorySegment;

/**
 * The inverted lists of an IVF index, in the {@link BlockLayout} whatever holds them: growable
 * heap buffers while building, or one memory-mapped file. The searcher reads both the same way.
 */
interface InvertedLists {

  /** One list as a searcher sees it: {@code size} vectors in blocks from {@code offset} of {@code memory}. */
  record ListView(MemorySegment memory, long offset, int size) {}

  int lists();

  BlockLayout layout();

  /** A consistent view of list {@code list} (taken once per probe). */
  ListView list(int list);

  /** Vectors in all lists. */
  long size();

  /** Bytes held by the lists (codes, ids, norms, padding). */
  long bytes();
}
