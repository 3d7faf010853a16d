package io.sextant.ivf;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Inverted lists in heap buffers that grow by whole blocks. One writer at a time
 * ({@link #append} is synchronized); searches may run concurrently: a writer fills bytes past a
 * list's published size, then publishes a new {@link InvertedLists.ListView} (a volatile write),
 * so a reader sees either the old or the new list, complete.
 */
final class GrowableLists implements InvertedLists {
  private final BlockLayout layout;
  private final AtomicReferenceArray<ListView> lists;
  private volatile long size;

  GrowableLists(int nlist, BlockLayout layout) {
    this.layout = layout;
    this.lists = new AtomicReferenceArray<>(nlist);
    MemorySegment empty = MemorySegment.NULL;
    for (int i = 0; i < nlist; i++) lists.set(i, new ListView(empty, 0, 0));
  }

  @Override public int lists() { return lists.length(); }

  @Override public BlockLayout layout() { return layout; }

  @Override public ListView list(int list) { return lists.get(list); }

  @Override public long size() { return size; }

  @Override
  public long bytes() {
    long b = 0;
    for (int i = 0; i < lists.length(); i++) b += layout.listBytes(lists.get(i).size());
    return b;
  }

  /**
   * Off-heap, 64-byte aligned, zeroed, freed by the GC once no list view refers to it. Not a heap
   * {@code byte[]}: the Vector API does not intrinsify float loads from byte-array segments, which
   * made scans 30 times slower when measured.
   */
  static MemorySegment allocate(long bytes) {
    return bytes == 0 ? MemorySegment.NULL : Arena.ofAuto().allocate(bytes, 64);
  }

  /** Build time: gives each list room for exactly {@code counts[l]} vectors, still unpublished. */
  synchronized void reserve(int[] counts) {
    for (int l = 0; l < counts.length; l++) {
      ListView cur = lists.get(l);
      if (cur.size() != 0) throw new IllegalStateException("reserve() on a list that already holds vectors");
      lists.set(l, new ListView(allocate(layout.listBytes(counts[l])), 0, 0));
    }
  }

  /** Build time, any thread: writes slot {@code pos} of reserved list {@code list}. */
  void writeReserved(int list, int pos, int id, float norm, byte[] code) {
    layout.write(lists.get(list).memory(), 0, pos, id, norm, code);
  }

  /** Build time: makes the first {@code counts[l]} reserved slots of each list visible. */
  synchronized void publishReserved(int[] counts) {
    for (int l = 0; l < counts.length; l++) {
      ListView cur = lists.get(l);
      lists.set(l, new ListView(cur.memory(), 0, counts[l]));
      size += counts[l];
    }
  }

  /** Appends one vector to list {@code list}. */
  synchronized void append(int list, int id, float norm, byte[] code) {
    ListView cur = lists.get(list);
    MemorySegment mem = cur.memory();
    int pos = cur.size();
    if (layout.listBytes(pos + 1) > mem.byteSize()) {
      int blocks = Math.max(BlockLayout.blocks(pos + 1), BlockLayout.blocks(pos) * 3 / 2 + 1);
      MemorySegment grown = allocate(blocks * layout.blockBytes());
      MemorySegment.copy(mem, 0, grown, 0, mem.byteSize());
      mem = grown;
    }
    layout.write(mem, 0, pos, id, norm, code);
    lists.set(list, new ListView(mem, 0, pos + 1));
    size++;
  }
}
