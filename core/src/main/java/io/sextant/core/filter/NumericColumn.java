package io.sextant.core.filter;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.roaringbitmap.BitSetUtil;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

/**
 * A numeric field (LONG, DATE_TIME, DOUBLE) as (key, doc) pairs sorted by key, read in place.
 * A range is two binary searches; the matching slice of doc ids becomes a bitmap either by
 * sorting (few docs) or through a dense bit set (many docs).
 */
final class NumericColumn implements Column {
  private final IndexBytes bytes;
  private final ImmutableRoaringBitmap exists;
  private final int count;
  private final long keys;
  private final long docs;
  private final int docCount;

  NumericColumn(IndexBytes bytes, String field, long start, long end, int docCount) {
    this.bytes = bytes;
    this.docCount = docCount;
    String p = "numeric field '" + field + "'";
    this.exists = bytes.bitmapAt(start, p + " exists bitmap");
    long pos = IndexBytes.align8(start + 4 + bytes.getInt(start, p));
    count = bytes.getInt(pos, p + " value count");
    bytes.check(count >= 0 && count <= docCount, pos, p + " has " + count
        + " values for " + docCount + " documents");
    bytes.check(count == exists.getCardinality(), pos, p + " has " + count
        + " values but its exists bitmap has " + exists.getCardinality());
    keys = pos + 8;
    docs = keys + 8L * count;
    bytes.check(docs + 4L * count <= end, keys, p + " values overrun the block");
  }

  @Override
  public ImmutableRoaringBitmap exists() {
    return exists;
  }

  /** Number of documents whose key lies in [lo, hi] (inclusive, in key space). */
  int count(long lo, long hi) {
    if (lo > hi) return 0;
    return upperBound(hi) - lowerBound(lo);
  }

  /** The documents whose key lies in [lo, hi]. */
  RoaringBitmap docs(long lo, long hi) {
    if (lo > hi) return new RoaringBitmap();
    int from = lowerBound(lo);
    int to = upperBound(hi);
    int m = to - from;
    if (m <= 0) return new RoaringBitmap();
    MemorySegment seg = bytes.segment();
    // Sorting m ids costs ~m log m; a bit set costs docCount/64 words plus m stores. The cut-over
    // sits where sorting stops being cheaper (measured in NumericRangeMeasurement).
    if ((long) m * 64 < docCount) {
      int[] ids = new int[m];
      MemorySegment.copy(seg, IndexBytes.INT, docs + 4L * from, ids, 0, m);
      Arrays.sort(ids);
      checkDoc(ids[0], from);
      checkDoc(ids[m - 1], from);
      return RoaringBitmap.bitmapOf(ids);
    }
    long[] words = new long[(docCount + 63) >>> 6];
    int[] chunk = new int[Math.min(m, 4096)];
    for (int i = from; i < to; i += chunk.length) {
      int len = Math.min(chunk.length, to - i);
      MemorySegment.copy(seg, IndexBytes.INT, docs + 4L * i, chunk, 0, len);
      for (int j = 0; j < len; j++) {
        int d = chunk[j];
        if (d < 0 || d >= docCount) checkDoc(d, i + j);
        words[d >>> 6] |= 1L << d;
      }
    }
    return BitSetUtil.bitmapOf(words);
  }

  private void checkDoc(int d, int index) {
    bytes.check(d >= 0 && d < docCount, docs + 4L * index, "doc id " + d + " outside [0, "
        + docCount + ")");
  }

  private long key(int i) {
    return bytes.segment().get(IndexBytes.LONG, keys + 8L * i);
  }

  /** First index whose key is ≥ lo. */
  private int lowerBound(long lo) {
    int a = 0, b = count;
    while (a < b) {
      int mid = (a + b) >>> 1;
      if (key(mid) < lo) a = mid + 1;
      else b = mid;
    }
    return a;
  }

  /** First index whose key is > hi. */
  private int upperBound(long hi) {
    int a = 0, b = count;
    while (a < b) {
      int mid = (a + b) >>> 1;
      if (key(mid) <= hi) a = mid + 1;
      else b = mid;
    }
    return a;
  }
}
