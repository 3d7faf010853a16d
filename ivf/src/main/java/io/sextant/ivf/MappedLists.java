package io.sextant.ivf;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Inverted lists read in place from an index file's mapping: a directory of (offset, count) per
 * list, and the lists themselves, each one contiguous run of blocks. Read-only.
 */
final class MappedLists implements InvertedLists {
  private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private final MemorySegment seg;
  private final long directory;
  private final long lists;
  private final int nlist;
  private final BlockLayout layout;
  private final long size;
  private final long bytes;

  private MappedLists(MemorySegment seg, long directory, long lists, int nlist, BlockLayout layout, long size, long bytes) {
    this.seg = seg;
    this.directory = directory;
    this.lists = lists;
    this.nlist = nlist;
    this.layout = layout;
    this.size = size;
    this.bytes = bytes;
  }

  /**
   * Validates the directory: every list lies inside {@code [lists, end)}, lists do not overlap,
   * and the counts add up to {@code count}.
   */
  static MappedLists open(MemorySegment seg, long directory, long lists, long end, int nlist, BlockLayout layout,
                          long count, String source) {
    long total = 0;
    long prevEnd = 0;
    for (int l = 0; l < nlist; l++) {
      long at = directory + 16L * l;
      long off = seg.get(LONG, at);
      int n = seg.get(BlockLayout.INT_LE, at + 8);
      if (n < 0 || off < prevEnd || (off & 63) != 0 || lists + off + layout.listBytes(n) > end) {
        throw new IllegalArgumentException(source + ": bad IVF index file: directory entry of list " + l + " at offset " + at
            + ": expected a 64-byte aligned list after byte " + prevEnd + " of the lists section ending by " + (end - lists)
            + ", found offset " + off + " with " + n + " vectors");
      }
      prevEnd = off + layout.listBytes(n);
      total += n;
    }
    if (total != count) {
      throw new IllegalArgumentException(source + ": bad IVF index file: list counts add up to " + total
          + ", header says " + count + " vectors");
    }
    return new MappedLists(seg, directory, lists, nlist, layout, count, prevEnd);
  }

  @Override public int lists() { return nlist; }

  @Override public BlockLayout layout() { return layout; }

  @Override
  public ListView list(int list) {
    long at = directory + 16L * list;
    return new ListView(seg, lists + seg.get(LONG, at), seg.get(BlockLayout.INT_LE, at + 8));
  }

  @Override public long size() { return size; }

  @Override public long bytes() { return bytes; }
}
