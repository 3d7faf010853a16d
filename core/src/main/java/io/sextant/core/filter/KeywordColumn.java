package io.sextant.core.filter;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

/** A keyword field's sorted term dictionary and one posting bitmap per term, read in place. */
final class KeywordColumn implements Column {
  private final IndexBytes bytes;
  private final String field;
  private final ImmutableRoaringBitmap exists;
  private final int termCount;
  private final long termStarts;
  private final long termBytes;
  private final long postingStarts;
  private final long postings;

  KeywordColumn(IndexBytes bytes, String field, long start, long end) {
    this.bytes = bytes;
    this.field = field;
    String p = "keyword field '" + field + "'";
    this.exists = bytes.bitmapAt(start, p + " exists bitmap");
    long pos = IndexBytes.align8(start + 4 + bytes.getInt(start, p));
    termCount = bytes.getInt(pos, p + " term count");
    if (!(termCount >= 0)) throw bytes.corrupt(pos, p + " negative term count " + termCount);
    termStarts = pos + 8;
    bytes.checkRange(termStarts, 4L * (termCount + 1), p + " term offsets");
    termBytes = termStarts + 4L * (termCount + 1);
    int prev = 0;
    for (int t = 0; t <= termCount; t++) {
      int s = bytes.getInt(termStarts + 4L * t, p);
      if (!(s >= prev)) throw bytes.corrupt(termStarts + 4L * t, p + " term offsets decrease at term " + t);
      prev = s;
    }
    postingStarts = IndexBytes.align8(termBytes + prev);
    bytes.checkRange(postingStarts, 8L * (termCount + 1), p + " posting offsets");
    postings = postingStarts + 8L * (termCount + 1);
    long last = bytes.getLong(postingStarts + 8L * termCount, p);
    if (!(last >= 0 && postings + last <= end)) throw bytes.corrupt(postingStarts, p + " postings overrun the block");
  }

  @Override
  public ImmutableRoaringBitmap exists() {
    return exists;
  }

  int termCount() {
    return termCount;
  }

  /** The documents holding {@code term}; empty when no document does. */
  RoaringBitmap docs(String term) {
    ImmutableRoaringBitmap b = posting(term);
    return b == null ? new RoaringBitmap() : b.toRoaringBitmap();
  }

  int docFreq(String term) {
    ImmutableRoaringBitmap b = posting(term);
    return b == null ? 0 : b.getCardinality();
  }

  private ImmutableRoaringBitmap posting(String term) {
    int t = find(term);
    if (t < 0) return null;
    long s = bytes.getLong(postingStarts + 8L * t, "posting offset");
    long e = bytes.getLong(postingStarts + 8L * (t + 1), "posting offset");
    if (!(s >= 0 && e >= s + 4)) throw bytes.corrupt(postingStarts + 8L * t,
        "keyword field '" + field + "' posting " + t + " has offsets " + s + ".." + e);
    return bytes.bitmapAt(postings + s, "keyword field '" + field + "' posting of term " + t);
  }

  /** Binary search in the dictionary, which is sorted by String (UTF-16) order. */
  private int find(String term) {
    int lo = 0, hi = termCount - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = compare(mid, term);
      if (c < 0) lo = mid + 1;
      else if (c > 0) hi = mid - 1;
      else return mid;
    }
    return -1;
  }

  private int compare(int t, String term) {
    MemorySegment seg = bytes.segment();
    int s = seg.get(IndexBytes.INT, termStarts + 4L * t);
    int e = seg.get(IndexBytes.INT, termStarts + 4L * (t + 1));
    bytes.checkRange(termBytes + s, e - s, "term bytes");
    byte[] stored = new byte[e - s];
    MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, termBytes + s, stored, 0, stored.length);
    return new String(stored, StandardCharsets.UTF_8).compareTo(term);
  }
}
