package io.sextant.core.text;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * The BM25 text index of one segment, read in place from the bytes {@link TextIndexWriter}
 * wrote (a mapped file or a heap array). The structure is checked when opened, and postings
 * are checked as they are decoded: bad offsets, lengths or doc ids are an
 * {@link IllegalStateException} naming the byte offset. Holds no resources of its own.
 * Thread-safe; each search opens its own cursors.
 */
public final class TextIndex {
  private final MemorySegment seg;
  private final int docCount;
  private final int docsWithText;
  private final long sumTotalTermFreq;
  private final int termCount;
  private final long norms;
  private final long termStarts;
  private final long termBytes;
  private final long meta;
  private final long data;

  /** One term's dictionary entry. */
  record TermInfo(String term, int docFreq, int maxFreq, int minNorm, int blockCount, long dataAt) {}

  private TextIndex(MemorySegment seg) {
    this.seg = seg;
    if (!(seg.byteSize() >= TextIndexWriter.HEADER_BYTES)) throw corrupt(0, "shorter than its "
        + TextIndexWriter.HEADER_BYTES + "-byte header");
    int magic = seg.get(ByteSink.INT, 0);
    if (!(magic == TextIndexWriter.MAGIC)) throw corrupt(0, String.format("bad magic 0x%08x, expected 0x%08x (SXBM)",
        magic, TextIndexWriter.MAGIC));
    int version = seg.get(ByteSink.INT, 4);
    if (!(version == TextIndexWriter.VERSION)) throw corrupt(4, "unsupported version " + version
        + ", this build reads version " + TextIndexWriter.VERSION);
    docCount = seg.get(ByteSink.INT, 8);
    docsWithText = seg.get(ByteSink.INT, 12);
    sumTotalTermFreq = seg.get(ByteSink.LONG, 16);
    termCount = seg.get(ByteSink.INT, 24);
    int block = seg.get(ByteSink.INT, 28);
    if (!(docCount >= 0 && docsWithText >= 0 && docsWithText <= docCount)) throw corrupt(8,
        "doc counts " + docCount + "/" + docsWithText + " are inconsistent");
    if (!(sumTotalTermFreq >= docsWithText)) throw corrupt(16, "sumTotalTermFreq " + sumTotalTermFreq
        + " is below the " + docsWithText + " documents with text");
    if (!(termCount >= 0)) throw corrupt(24, "negative term count " + termCount);
    if (!(block == TextIndexWriter.BLOCK)) throw corrupt(28, "block size " + block + ", expected " + TextIndexWriter.BLOCK);
    norms = TextIndexWriter.HEADER_BYTES;
    termStarts = align8(norms + docCount);
    checkRange(termStarts, 4L * (termCount + 1), "term offsets");
    termBytes = termStarts + 4L * (termCount + 1);
    int prev = 0;
    for (int t = 0; t <= termCount; t++) {
      int s = seg.get(ByteSink.INT, termStarts + 4L * t);
      if (!(s >= prev)) throw corrupt(termStarts + 4L * t, "term offsets decrease at term " + t);
      prev = s;
    }
    checkRange(termBytes, prev, "term bytes");
    meta = align8(termBytes + prev);
    checkRange(meta, (long) TextIndexWriter.META_BYTES * termCount, "term metadata");
    data = meta + (long) TextIndexWriter.META_BYTES * termCount;
    for (int t = 0; t < termCount; t++) checkTerm(info(t), meta + (long) TextIndexWriter.META_BYTES * t);
  }

  public static TextIndex open(MemorySegment segment) {
    return new TextIndex(segment);
  }

  public static TextIndex open(byte[] bytes) {
    return new TextIndex(MemorySegment.ofArray(bytes));
  }

  /** Documents in the segment, with or without text (ordinals 0..docCount-1). */
  public int docCount() {
    return docCount;
  }

  /** Documents with at least one term: BM25's N, as in Lucene's CollectionStatistics.docCount. */
  public int docsWithText() {
    return docsWithText;
  }

  /** Total number of terms over all documents. */
  public long sumTotalTermFreq() {
    return sumTotalTermFreq;
  }

  public int termCount() {
    return termCount;
  }

  public long byteSize() {
    return seg.byteSize();
  }

  /** Number of documents containing {@code term} (an analyzed term); 0 when none does. */
  public int docFreq(String term) {
    TermInfo t = lookup(term);
    return t == null ? 0 : t.docFreq();
  }

  /** The document's length in terms as BM25 sees it (Lucene's one-byte encoding, see LengthNorm). */
  public int length(int doc) {
    return LengthNorm.decode(normByte(doc));
  }

  byte normByte(int doc) {
    if (doc < 0 || doc >= docCount) {
      throw new IndexOutOfBoundsException("doc " + doc + " outside [0, " + docCount + ")");
    }
    return seg.get(ValueLayout.JAVA_BYTE, norms + doc);
  }

  TermInfo lookup(String term) {
    int lo = 0, hi = termCount - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = termAt(mid).compareTo(term);
      if (c < 0) lo = mid + 1;
      else if (c > 0) hi = mid - 1;
      else return info(mid);
    }
    return null;
  }

  PostingsCursor postings(TermInfo t) {
    return new PostingsCursor(this, t);
  }

  MemorySegment segment() {
    return seg;
  }

  long dataStart() {
    return data;
  }

  private String termAt(int t) {
    int s = seg.get(ByteSink.INT, termStarts + 4L * t);
    int e = seg.get(ByteSink.INT, termStarts + 4L * (t + 1));
    byte[] b = seg.asSlice(termBytes + s, e - s).toArray(ValueLayout.JAVA_BYTE);
    return new String(b, StandardCharsets.UTF_8);
  }

  private TermInfo info(int t) {
    long at = meta + (long) TextIndexWriter.META_BYTES * t;
    return new TermInfo(termAt(t), seg.get(ByteSink.INT, at), seg.get(ByteSink.INT, at + 4),
        seg.get(ByteSink.INT, at + 8), seg.get(ByteSink.INT, at + 12),
        data + seg.get(ByteSink.LONG, at + 16));
  }

  private void checkTerm(TermInfo t, long at) {
    boolean ok = t.docFreq() > 0 && t.docFreq() <= docCount
        && t.blockCount() == (t.docFreq() + TextIndexWriter.BLOCK - 1) / TextIndexWriter.BLOCK
        && t.maxFreq() >= 1 && t.minNorm() >= 0 && t.minNorm() <= 255 && t.dataAt() >= data;
    if (!ok) {
      throw corrupt(at, "term '" + t.term() + "' has docFreq " + t.docFreq() + " (of "
          + docCount + " docs), " + t.blockCount() + " blocks, maxFreq " + t.maxFreq()
          + ", minNorm " + t.minNorm() + ", postings at " + t.dataAt() + " (area starts at "
          + data + ")");
    }
    checkRange(t.dataAt(), (long) TextIndexWriter.SKIP_BYTES * t.blockCount(), "term skip table");
    long blocksStart = t.dataAt() + (long) TextIndexWriter.SKIP_BYTES * t.blockCount();
    long end = seg.get(ByteSink.INT, t.dataAt() + (long) TextIndexWriter.SKIP_BYTES * (t.blockCount() - 1) + 4);
    checkRange(blocksStart, end, "term postings blocks");
  }

  IllegalStateException corrupt(long offset, String problem) {
    return new IllegalStateException("text index is corrupt at byte " + offset + " (of "
        + seg.byteSize() + "): " + problem);
  }

  private void checkRange(long offset, long length, String part) {
    if (offset < 0 || length < 0 || offset > seg.byteSize() - length) {
      throw corrupt(offset, part + " of " + length + " bytes does not fit");
    }
  }

  private static long align8(long x) {
    return (x + 7) & ~7L;
  }
}
