package io.sextant.core.segment;

import io.sextant.core.document.DocumentIds;
import io.sextant.core.store.ChecksummedOutput;
import io.sextant.core.store.CorruptIndexException;
import io.sextant.core.store.FileFormat;
import io.sextant.core.store.FileStamp;
import io.sextant.core.store.MappedFile;
import io.sextant.core.store.MappedInput;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The {@code .ids} file: the external id of each ordinal and a table to find the ordinal of an
 * id, both read in place (a million ids cost no heap). Layout after the header:
 * {@code int32 count, int32 0, int64 offsetsStart, int64 bytesStart, int64 tableStart}, then
 * {@code count + 1} int64 offsets (relative to bytesStart) of the UTF-8 ids, the id bytes, zero
 * padding to 8, and {@code count} entries {@code int64 hash, int32 ord} sorted by (hash, ord),
 * where hash is {@link DocumentIds#hash}.
 */
public final class IdTable {
  static final String KIND = "IDS_";
  static final int VERSION = 1;
  public static final String EXTENSION = "ids";
  private static final int ENTRY = 12;
  private static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private final MappedFile file;
  private final int count;
  private final long offsetsStart;
  private final long bytesStart;
  private final long tableStart;

  private IdTable(MappedFile file, int count, long offsetsStart, long bytesStart, long tableStart) {
    this.file = file;
    this.count = count;
    this.offsetsStart = offsetsStart;
    this.bytesStart = bytesStart;
    this.tableStart = tableStart;
  }

  static FileStamp write(Path path, SegmentSource source) throws IOException {
    int n = source.size();
    long[] hashes = new long[n];
    long headerEnd = FileFormat.HEADER_BYTES + 4 + 4 + 8 + 8 + 8;
    long offsetsStart = headerEnd;
    long bytesStart = offsetsStart + 8L * (n + 1);
    // First pass: offsets and hashes (ids are small; reading them twice beats holding them all).
    long[] offsets = new long[n + 1];
    for (int i = 0; i < n; i++) {
      byte[] id = source.id(i);
      hashes[i] = DocumentIds.hash(id);
      offsets[i + 1] = offsets[i] + id.length;
    }
    long tableStart = align8(bytesStart + offsets[n]);
    try (ChecksummedOutput out = ChecksummedOutput.create(path, KIND, VERSION)) {
      out.writeInt(n);
      out.writeInt(0);
      out.writeLong(offsetsStart);
      out.writeLong(bytesStart);
      out.writeLong(tableStart);
      for (long o : offsets) out.writeLong(o);
      for (int i = 0; i < n; i++) out.writeBytes(source.id(i));
      out.align(8);
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) order[i] = i;
      Arrays.sort(order, (a, b) -> hashes[a] != hashes[b] ? Long.compare(hashes[a], hashes[b]) : Integer.compare(a, b));
      for (int ord : order) {
        out.writeLong(hashes[ord]);
        out.writeInt(ord);
      }
      return out.finish();
    }
  }

  private static long align8(long v) {
    return (v + 7) & ~7L;
  }

  static IdTable open(MappedFile f, int docCount) throws CorruptIndexException {
    MappedInput in = f.input();
    int count = in.readInt();
    in.readInt();
    long offsetsStart = in.readLong();
    long bytesStart = in.readLong();
    long tableStart = in.readLong();
    String name = f.name();
    if (count != docCount) {
      throw new CorruptIndexException(name, FileFormat.HEADER_BYTES, "holds " + count + " ids, the segment has " + docCount + " documents");
    }
    if (offsetsStart != in.position() || bytesStart != offsetsStart + 8L * (count + 1)) {
      throw new CorruptIndexException(name, FileFormat.HEADER_BYTES + 8, "offset table at " + offsetsStart
          + " / id bytes at " + bytesStart + " do not match " + count + " ids");
    }
    if (tableStart < bytesStart || tableStart + (long) ENTRY * count != f.contentEnd()) {
      throw new CorruptIndexException(name, FileFormat.HEADER_BYTES + 24, "hash table at " + tableStart + " with "
          + count + " entries does not end at the footer (" + f.contentEnd() + ")");
    }
    long total = f.segment().get(LONG_LE, offsetsStart + 8L * count);
    if (total < 0 || bytesStart + total > tableStart) {
      throw new CorruptIndexException(name, offsetsStart + 8L * count, "id bytes length " + total + " overruns the hash table");
    }
    return new IdTable(f, count, offsetsStart, bytesStart, tableStart);
  }

  public int count() {
    return count;
  }

  /** The UTF-8 bytes of the id of {@code ord}. */
  public byte[] idBytes(int ord) throws CorruptIndexException {
    MemorySegment s = file.segment();
    long at = offsetsStart + 8L * ord;
    long from = s.get(LONG_LE, at);
    long to = s.get(LONG_LE, at + 8);
    if (from < 0 || to < from || to - from > DocumentIds.MAX_ID_BYTES || bytesStart + to > tableStart) {
      throw new CorruptIndexException(file.name(), at, "id offsets [" + from + ", " + to + ") of ordinal " + ord + " are invalid");
    }
    byte[] b = new byte[(int) (to - from)];
    MemorySegment.copy(s, ValueLayout.JAVA_BYTE, bytesStart + from, b, 0, b.length);
    return b;
  }

  public String id(int ord) throws CorruptIndexException {
    return new String(idBytes(ord), StandardCharsets.UTF_8);
  }

  /** The ordinal whose id is {@code utf8} (hash {@code hash}), or -1. */
  public int find(byte[] utf8, long hash) throws CorruptIndexException {
    MemorySegment s = file.segment();
    int lo = 0, hi = count; // first entry with entryHash >= hash
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (s.get(LONG_LE, tableStart + (long) mid * ENTRY) < hash) lo = mid + 1;
      else hi = mid;
    }
    for (int i = lo; i < count; i++) {
      long e = tableStart + (long) i * ENTRY;
      if (s.get(LONG_LE, e) != hash) break;
      int ord = s.get(INT_LE, e + 8);
      if (ord < 0 || ord >= count) {
        throw new CorruptIndexException(file.name(), e + 8, "hash table entry names ordinal " + ord + " outside [0, " + count + ")");
      }
      if (Arrays.equals(idBytes(ord), utf8)) return ord;
    }
    return -1;
  }

  /** Checks that every id is found at its own ordinal and the table is sorted. Reads everything. */
  void check() throws CorruptIndexException {
    MemorySegment s = file.segment();
    long prev = Long.MIN_VALUE;
    for (int i = 0; i < count; i++) {
      long h = s.get(LONG_LE, tableStart + (long) i * ENTRY);
      if (h < prev) throw new CorruptIndexException(file.name(), tableStart + (long) i * ENTRY, "hash table is not sorted");
      prev = h;
    }
    for (int ord = 0; ord < count; ord++) {
      byte[] id = idBytes(ord);
      int found = find(id, DocumentIds.hash(id));
      if (found != ord) {
        throw new CorruptIndexException(file.name(), "id '" + new String(id, StandardCharsets.UTF_8) + "' of ordinal " + ord
            + " is found at ordinal " + found + " (duplicate id or damaged table)");
      }
    }
  }
}
