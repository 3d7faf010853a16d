package io.sextant.core.text;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the BM25 text index of one segment: documents are added in ordinal order (0, 1, 2, …)
 * and {@link #toByteArray()} writes the format {@link TextIndex} reads in place.
 *
 * <p>Format (little endian; sections start on 8-byte boundaries):
 * <pre>
 * header    int magic "SXBM", int version (1), int docCount, int docsWithText,
 *           long sumTotalTermFreq, int termCount, int blockSize (128)
 * norms     byte[docCount]: each document's length in terms, one byte ({@link LengthNorm})
 * terms     int termStart[termCount + 1], UTF-8 term bytes sorted by String order
 * meta      termCount × { int docFreq, int maxFreq, int minNorm, int blockCount, long dataOffset }
 * postings  per term at dataOffset: blockCount × { int lastDoc, int endOffset, int maxFreq,
 *           int minNorm } (the skip table, also each block's score bound), then the blocks
 * block     up to 128 postings: varint((docDelta &lt;&lt; 1) | (freq == 1)), then varint(freq)
 *           when freq != 1; docDelta from the previous block's last doc (-1 before the first)
 * </pre>
 * The per-block (maxFreq, minNorm) pair bounds every score in the block for any k1 and b, since
 * BM25 grows with frequency and shrinks with length; it is what the block-max pruning uses.
 * Not thread-safe.
 */
public final class TextIndexWriter {
  static final int MAGIC = 0x4D425853; // "SXBM" as little-endian bytes
  static final int VERSION = 1;
  static final int BLOCK = 128;
  static final int HEADER_BYTES = 32;
  static final int META_BYTES = 24;
  static final int SKIP_BYTES = 16;

  private final TextAnalyzer analyzer;
  private final HashMap<String, Postings> postings = new HashMap<>();
  private byte[] norms = new byte[64];
  private int docCount;
  private int docsWithText;
  private long sumTotalTermFreq;

  public TextIndexWriter(TextAnalyzer analyzer) {
    this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
  }

  /** Analyzes and adds the next document (null or blank text adds an empty one); returns its ordinal. */
  public int add(CharSequence text) {
    return addTerms(text == null ? List.of() : analyzer.analyze(text));
  }

  /** Adds the next document from terms already analyzed; returns its ordinal. */
  public int addTerms(List<String> terms) {
    int doc = docCount;
    if (doc == Integer.MAX_VALUE) throw new IllegalStateException("segment is full");
    HashMap<String, int[]> freqs = new HashMap<>();
    for (String t : terms) freqs.computeIfAbsent(t, k -> new int[1])[0]++;
    for (Map.Entry<String, int[]> e : freqs.entrySet()) {
      postings.computeIfAbsent(e.getKey(), k -> new Postings()).add(doc, e.getValue()[0]);
    }
    if (doc == norms.length) norms = Arrays.copyOf(norms, doc * 2);
    norms[doc] = LengthNorm.encode(terms.size());
    if (!terms.isEmpty()) docsWithText++;
    sumTotalTermFreq += terms.size();
    docCount++;
    return doc;
  }

  public int docCount() {
    return docCount;
  }

  public byte[] toByteArray() {
    ByteSink out = new ByteSink();
    String[] terms = postings.keySet().toArray(String[]::new);
    Arrays.sort(terms);
    out.putInt(MAGIC);
    out.putInt(VERSION);
    out.putInt(docCount);
    out.putInt(docsWithText);
    out.putLong(sumTotalTermFreq);
    out.putInt(terms.length);
    out.putInt(BLOCK);
    out.putBytes(norms, 0, docCount);
    out.align(8);
    byte[][] utf8 = new byte[terms.length][];
    int pos = 0;
    for (int t = 0; t < terms.length; t++) {
      utf8[t] = terms[t].getBytes(StandardCharsets.UTF_8);
      out.putInt(pos);
      pos += utf8[t].length;
    }
    out.putInt(pos);
    for (byte[] b : utf8) out.putBytes(b, 0, b.length);
    out.align(8);
    int metaAt = out.size();
    for (int t = 0; t < terms.length; t++) {
      for (int j = 0; j < META_BYTES / 8; j++) out.putLong(0);
    }
    int dataStart = out.size();
    for (int t = 0; t < terms.length; t++) {
      Postings p = postings.get(terms[t]);
      int at = metaAt + t * META_BYTES;
      out.putIntAt(at, p.size);
      out.putIntAt(at + 12, (p.size + BLOCK - 1) / BLOCK);
      out.putLongAt(at + 16, out.size() - dataStart);
      int[] termMax = p.write(out, norms);
      out.putIntAt(at + 4, termMax[0]);
      out.putIntAt(at + 8, termMax[1]);
    }
    return out.toByteArray();
  }

  /** One term's postings while building: doc ids ascending with their frequencies. */
  private static final class Postings {
    int[] docs = new int[4];
    int[] freqs = new int[4];
    int size;

    void add(int doc, int freq) {
      if (size == docs.length) {
        docs = Arrays.copyOf(docs, size * 2);
        freqs = Arrays.copyOf(freqs, size * 2);
      }
      docs[size] = doc;
      freqs[size++] = freq;
    }

    /** Writes skip table and blocks; returns {maxFreq, minNorm} over the whole term. */
    int[] write(ByteSink out, byte[] norms) {
      int blocks = (size + BLOCK - 1) / BLOCK;
      int skipAt = out.size();
      for (int b = 0; b < blocks; b++) {
        out.putLong(0);
        out.putLong(0);
      }
      int blocksStart = out.size();
      int termMaxFreq = 0;
      int termMinNorm = 255;
      int prev = -1;
      for (int b = 0; b < blocks; b++) {
        int from = b * BLOCK;
        int to = Math.min(size, from + BLOCK);
        int maxFreq = 0;
        int minNorm = 255;
        for (int i = from; i < to; i++) {
          long delta = (long) docs[i] - prev;
          prev = docs[i];
          out.putVarLong((delta << 1) | (freqs[i] == 1 ? 1 : 0));
          if (freqs[i] != 1) out.putVarLong(freqs[i]);
          maxFreq = Math.max(maxFreq, freqs[i]);
          minNorm = Math.min(minNorm, norms[docs[i]] & 0xff);
        }
        int entry = skipAt + b * SKIP_BYTES;
        out.putIntAt(entry, docs[to - 1]);
        out.putIntAt(entry + 4, out.size() - blocksStart);
        out.putIntAt(entry + 8, maxFreq);
        out.putIntAt(entry + 12, minNorm);
        termMaxFreq = Math.max(termMaxFreq, maxFreq);
        termMinNorm = Math.min(termMinNorm, minNorm);
      }
      return new int[] {termMaxFreq, termMinNorm};
    }
  }
}
