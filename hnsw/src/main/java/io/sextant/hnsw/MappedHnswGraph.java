package io.sextant.hnsw;

import static io.sextant.hnsw.HnswGraphFormat.*;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * An HNSW graph read in place from memory in the {@link HnswGraphFormat} layout, typically a
 * memory-mapped file. Opening reads and checks the header and the level directory (a few dozen
 * bytes); links are read from the mapping on demand, so opening costs the same for any graph size.
 *
 * <p>Corruption never crashes or yields wrong ids silently: the header, offsets and lengths are
 * bounds-checked on open, and every link count and id is range-checked as it is read, failing
 * with a {@link CorruptGraphException} naming the offset. {@link #verifyChecksum()} checks the
 * CRC32C of the whole graph when the caller wants to pay for reading every byte.
 *
 * <p>Thread-safe. {@link #close()} releases the mapping when this object made it ({@link #map});
 * a graph over caller-owned memory ({@link #open}) leaves that memory alone.
 */
public final class MappedHnswGraph implements HnswGraph, AutoCloseable {
  private final MemorySegment seg;
  private final Arena arena;
  private final String source;
  private final int size;
  private final int m;
  private final int maxConn0;
  private final int top;
  private final int entry;
  private final long level0Offset;
  private final long level0Stride;
  private final long upperStride;
  private final long levelsOffset;
  private final int[] levelCounts;
  private final long[] nodesOffset;
  private final long[] linksOffset;
  private final long length;

  private MappedHnswGraph(MemorySegment memory, Arena arena, String source) {
    this.arena = arena;
    this.source = source;
    if (memory.byteSize() < HEADER_BYTES + FOOTER_BYTES) {
      throw corrupt(0, "graph of " + memory.byteSize() + " bytes is shorter than header and footer ("
          + (HEADER_BYTES + FOOTER_BYTES) + " bytes)");
    }
    long magic = memory.get(LONG_LE, OFF_MAGIC);
    if (magic != MAGIC) {
      throw corrupt(OFF_MAGIC, String.format("bad magic 0x%016x, expected 0x%016x (not an HNSW graph?)", magic, MAGIC));
    }
    int version = memory.get(INT_LE, OFF_VERSION);
    if (version != VERSION) throw corrupt(OFF_VERSION, "unsupported format version " + version + ", expected " + VERSION);
    size = memory.get(INT_LE, OFF_SIZE);
    m = memory.get(INT_LE, OFF_M);
    maxConn0 = memory.get(INT_LE, OFF_MAXCONN0);
    top = memory.get(INT_LE, OFF_TOP_LEVEL);
    entry = memory.get(INT_LE, OFF_ENTRY);
    level0Offset = memory.get(LONG_LE, OFF_LEVEL0);
    levelsOffset = memory.get(LONG_LE, OFF_LEVELS);
    long directoryOffset = memory.get(LONG_LE, OFF_DIRECTORY);
    length = memory.get(LONG_LE, OFF_LENGTH);
    check(size >= 0, OFF_SIZE, "node count " + size + " is negative");
    check(m >= 1 && m <= HnswParams.MAX_M, OFF_M, "M = " + m + " is out of [1, " + HnswParams.MAX_M + "]");
    check(maxConn0 >= 1 && maxConn0 <= 2 * HnswParams.MAX_M, OFF_MAXCONN0, "maxConn0 = " + maxConn0 + " is out of range");
    check(top >= -1 && top <= MAX_LEVEL, OFF_TOP_LEVEL, "top level " + top + " is out of [-1, " + MAX_LEVEL + "]");
    check((size == 0) == (top == -1), OFF_TOP_LEVEL, "top level " + top + " does not fit a graph of " + size + " nodes");
    check(size == 0 ? entry == -1 : entry >= 0 && entry < size, OFF_ENTRY, "entry point " + entry + " is not a node of " + size);
    check(length <= memory.byteSize(), OFF_LENGTH, "graph claims " + length + " bytes but only " + memory.byteSize()
        + " are present (truncated?)");
    this.seg = memory.asSlice(0, length);
    level0Stride = (1L + maxConn0) * Integer.BYTES;
    upperStride = (1L + m) * Integer.BYTES;
    checkRange(level0Offset, (long) size * level0Stride, OFF_LEVEL0, "level-0 records");
    checkRange(levelsOffset, size, OFF_LEVELS, "node levels");
    int levels = Math.max(0, top);
    checkRange(directoryOffset, (long) levels * DIRECTORY_ENTRY_BYTES, OFF_DIRECTORY, "level directory");
    levelCounts = new int[levels + 1];
    nodesOffset = new long[levels + 1];
    linksOffset = new long[levels + 1];
    for (int l = 1; l <= levels; l++) {
      long d = directoryOffset + (long) (l - 1) * DIRECTORY_ENTRY_BYTES;
      levelCounts[l] = seg.get(INT_LE, d);
      nodesOffset[l] = seg.get(LONG_LE, d + 8);
      linksOffset[l] = seg.get(LONG_LE, d + 16);
      check(levelCounts[l] >= 1 && levelCounts[l] <= size, d, "level " + l + " has " + levelCounts[l] + " nodes");
      checkRange(nodesOffset[l], 4L * levelCounts[l], d + 8, "node list of level " + l);
      checkRange(linksOffset[l], levelCounts[l] * upperStride, d + 16, "records of level " + l);
    }
    if (top >= 1) check(indexOf(top, entry) >= 0, OFF_ENTRY, "entry point " + entry + " is not on the top level " + top);
    int footerMagic = seg.get(INT_LE, length - 4);
    check(footerMagic == FOOTER_MAGIC, length - 4, String.format("bad footer magic 0x%08x (truncated or overwritten?)", footerMagic));
  }

  /** Reads a graph from caller-owned memory (a slice of a mapped segment file, a heap array...). */
  public static MappedHnswGraph open(MemorySegment memory) {
    return new MappedHnswGraph(memory, null, "graph in memory");
  }

  /** Maps {@code file} read-only; {@link #close()} unmaps it. */
  public static MappedHnswGraph map(Path file) throws IOException {
    Arena arena = Arena.ofShared();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      MemorySegment s = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
      return new MappedHnswGraph(s, arena, file.toString());
    } catch (IOException | RuntimeException e) {
      arena.close();
      throw e;
    }
  }

  @Override public int size() { return size; }

  @Override public int maxLevel() { return top; }

  @Override public int entryPoint() { return entry; }

  @Override public int maxConn(int level) { return level == 0 ? maxConn0 : m; }

  @Override
  public int levelOf(int node) {
    return seg.get(ValueLayout.JAVA_BYTE, levelsOffset + node);
  }

  /** Bytes of the graph (header to footer). */
  public long byteSize() { return length; }

  @Override
  public int neighbors(int level, int node, int[] dst) {
    long off;
    int max;
    if (level == 0) {
      off = level0Offset + node * level0Stride;
      max = maxConn0;
    } else {
      int idx = indexOf(level, node);
      if (idx < 0) throw new IllegalArgumentException("node " + node + " is not on level " + level + " of " + source);
      off = linksOffset[level] + idx * upperStride;
      max = m;
    }
    int count = seg.get(INT_LE, off);
    if (count < 0 || count > max) {
      throw corrupt(off, "node " + node + " has " + count + " links on level " + level + ", expected 0.." + max);
    }
    MemorySegment.copy(seg, INT_LE, off + 4, dst, 0, count);
    int bad = 0;
    int last = size - 1;
    for (int i = 0; i < count; i++) bad |= dst[i] | (last - dst[i]);
    if (bad < 0) throw badLink(off, level, node, dst, count);
    return count;
  }

  /** Position of {@code node} in the sorted node list of {@code level}, or -1. */
  private int indexOf(int level, int node) {
    long base = nodesOffset[level];
    int lo = 0, hi = levelCounts[level] - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int v = seg.get(INT_LE, base + 4L * mid);
      if (v < node) lo = mid + 1;
      else if (v > node) hi = mid - 1;
      else return mid;
    }
    return -1;
  }

  /** Recomputes the CRC32C of the whole graph and compares it with the footer. */
  public void verifyChecksum() {
    CRC32C crc = new CRC32C();
    long body = length - FOOTER_BYTES;
    long chunk = 1 << 20;
    for (long off = 0; off < body; off += chunk) {
      crc.update(seg.asSlice(off, Math.min(chunk, body - off)).asByteBuffer());
    }
    int stored = seg.get(INT_LE, body);
    int actual = (int) crc.getValue();
    if (stored != actual) {
      throw corrupt(body, String.format("checksum mismatch: footer says 0x%08x, content hashes to 0x%08x", stored, actual));
    }
  }

  @Override
  public void close() {
    if (arena != null) arena.close();
  }

  private CorruptGraphException badLink(long off, int level, int node, int[] links, int count) {
    for (int i = 0; i < count; i++) {
      if (links[i] < 0 || links[i] >= size) {
        return corrupt(off + 4 + 4L * i, "link " + i + " of node " + node + " on level " + level + " is "
            + links[i] + ", not a node of " + size);
      }
    }
    return corrupt(off, "bad link of node " + node);
  }

  private void check(boolean ok, long offset, String what) {
    if (!ok) throw corrupt(offset, what);
  }

  private void checkRange(long start, long bytes, long fieldOffset, String what) {
    if (start < HEADER_BYTES || bytes < 0 || start + bytes > length - FOOTER_BYTES) {
      throw corrupt(fieldOffset, what + " at offset " + start + " (" + bytes + " bytes) fall outside the graph of "
          + length + " bytes");
    }
  }

  private CorruptGraphException corrupt(long offset, String what) {
    return new CorruptGraphException(source, offset, what);
  }
}
