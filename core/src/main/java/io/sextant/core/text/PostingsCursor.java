package io.sextant.core.text;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Walks one term's postings in doc order, decoding one 128-posting block at a time, and skips
 * whole blocks through the skip table. Also answers "what is the best this term can score in
 * the block holding doc d" without decoding it ({@link #blockIndex}, {@link #blockMaxFreq},
 * {@link #blockMinNorm}). Decoded doc ids are checked: increasing, inside the segment, and the
 * block's last one equal to what the skip table says.
 */
final class PostingsCursor {
  static final int NO_MORE = Integer.MAX_VALUE;

  private final TextIndex index;
  private final MemorySegment seg;
  private final TextIndex.TermInfo term;
  private final long skip;
  private final long blocks;
  private final int[] docs = new int[TextIndexWriter.BLOCK];
  private final int[] freqs = new int[TextIndexWriter.BLOCK];
  private int block = -1;
  private int len;
  private int pos;
  private int doc = -1;

  PostingsCursor(TextIndex index, TextIndex.TermInfo term) {
    this.index = index;
    this.seg = index.segment();
    this.term = term;
    this.skip = term.dataAt();
    this.blocks = skip + (long) TextIndexWriter.SKIP_BYTES * term.blockCount();
  }

  TextIndex.TermInfo term() {
    return term;
  }

  int doc() {
    return doc;
  }

  int freq() {
    return freqs[pos];
  }

  int nextDoc() {
    if (doc == NO_MORE) return NO_MORE;
    if (block >= 0 && pos + 1 < len) {
      return doc = docs[++pos];
    }
    if (block + 1 >= term.blockCount()) return doc = NO_MORE;
    decode(block + 1);
    pos = 0;
    return doc = docs[0];
  }

  /** Moves to the first doc ≥ target and returns it (or NO_MORE). */
  int advance(int target) {
    if (doc >= target) return doc;
    if (block < 0 || lastDoc(block) < target) {
      int b = blockIndex(target);
      if (b < 0) return doc = NO_MORE;
      decode(b);
      pos = 0;
    }
    while (docs[pos] < target) pos++;
    return doc = docs[pos];
  }

  /** The block that would hold {@code target} (first block whose last doc ≥ target), or -1. */
  int blockIndex(int target) {
    int lo = Math.max(block, 0), hi = term.blockCount() - 1;
    if (lastDoc(hi) < target) return -1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (lastDoc(mid) < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  int lastDoc(int b) {
    return seg.get(ByteSink.INT, skip + (long) TextIndexWriter.SKIP_BYTES * b);
  }

  int blockMaxFreq(int b) {
    long at = skip + (long) TextIndexWriter.SKIP_BYTES * b + 8;
    int f = seg.get(ByteSink.INT, at);
    if (f < 1) throw corrupt(b, at, "max frequency " + f);
    return f;
  }

  int blockMinNorm(int b) {
    long at = skip + (long) TextIndexWriter.SKIP_BYTES * b + 12;
    int n = seg.get(ByteSink.INT, at);
    if (n < 0 || n > 255) throw corrupt(b, at, "min norm " + n);
    return n;
  }

  private int blockEnd(int b) {
    return seg.get(ByteSink.INT, skip + (long) TextIndexWriter.SKIP_BYTES * b + 4);
  }

  private void decode(int b) {
    long p = blocks + (b == 0 ? 0 : blockEnd(b - 1));
    long end = blocks + blockEnd(b);
    if (p < blocks || end < p || end > seg.byteSize()) {
      throw corrupt(b, skip + (long) TextIndexWriter.SKIP_BYTES * b, "spans bytes " + p + ".." + end);
    }
    int prev = b == 0 ? -1 : lastDoc(b - 1);
    int n = b == term.blockCount() - 1 ? term.docFreq() - b * TextIndexWriter.BLOCK : TextIndexWriter.BLOCK;
    for (int i = 0; i < n; i++) {
      long code = 0;
      int shift = 0;
      byte x;
      do {
        if (p >= end || shift >= 64) throw corrupt(b, p, "posting " + i + " runs past the block");
        x = seg.get(ValueLayout.JAVA_BYTE, p++);
        code |= (long) (x & 0x7F) << shift;
        shift += 7;
      } while (x < 0);
      long d = prev + (code >>> 1);
      int f = 1;
      if ((code & 1) == 0) {
        long fc = 0;
        shift = 0;
        do {
          if (p >= end || shift >= 35) throw corrupt(b, p, "frequency " + i + " runs past the block");
          x = seg.get(ValueLayout.JAVA_BYTE, p++);
          fc |= (long) (x & 0x7F) << shift;
          shift += 7;
        } while (x < 0);
        if (fc <= 1 || fc > Integer.MAX_VALUE) throw corrupt(b, p, "frequency " + fc);
        f = (int) fc;
      }
      if (d <= prev || d >= index.docCount()) {
        throw corrupt(b, p, "doc " + d + " after " + prev + " (docs are [0, " + index.docCount() + "))");
      }
      docs[i] = (int) d;
      freqs[i] = f;
      prev = (int) d;
    }
    if (prev != lastDoc(b) || p != end) {
      throw corrupt(b, p, "ends at doc " + prev + " and byte " + p + ", the skip table says doc "
          + lastDoc(b) + " and byte " + end);
    }
    block = b;
    len = n;
  }

  private IllegalStateException corrupt(int b, long offset, String problem) {
    return index.corrupt(offset, "term '" + term.term() + "' block " + b + ": " + problem);
  }
}
