package io.sextant.core.text;

import io.sextant.core.search.TopK;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * One document's text analyzed but not indexed: its term frequencies and length. This is how the
 * in-memory write buffer holds text, searched by scanning ({@link #search}) with the same scores
 * the segment it becomes will give ({@link TextIndexWriter} stores the same one-byte length).
 * Immutable.
 */
public final class AnalyzedText {
  public static final AnalyzedText EMPTY = new AnalyzedText(Map.of(), 0);

  private final Map<String, Integer> freqs;
  private final int length;
  private final byte norm;

  private AnalyzedText(Map<String, Integer> freqs, int length) {
    this.freqs = freqs;
    this.length = length;
    this.norm = LengthNorm.encode(length);
  }

  /** The analysis of {@code text} (null or blank: {@link #EMPTY}). */
  public static AnalyzedText of(TextAnalyzer analyzer, CharSequence text) {
    if (text == null) return EMPTY;
    List<String> terms = analyzer.analyze(text);
    if (terms.isEmpty()) return EMPTY;
    HashMap<String, Integer> m = new HashMap<>();
    for (String t : terms) m.merge(t, 1, Integer::sum);
    return new AnalyzedText(Collections.unmodifiableMap(m), terms.size());
  }

  /** Number of terms, repeats included (0 when the document has no text). */
  public int length() {
    return length;
  }

  public int freq(String term) {
    Integer f = freqs.get(term);
    return f == null ? 0 : f;
  }

  /** This document's BM25 score for the scorer's query (0 without any query term), as {@link #search} scores it. */
  public float score(Bm25Scorer scorer) {
    if (length == 0) return 0f;
    TextQuery q = scorer.query();
    double sum = 0;
    for (int i = 0; i < q.size(); i++) {
      int f = freq(q.terms().get(i));
      if (f > 0) sum += scorer.termScore(i, f, norm);
    }
    return (float) sum;
  }

  /**
   * Adds the BM25 statistics of documents {@code 0 .. count-1} to {@code docFreqs} (per query
   * term) and returns {docsWithText, sumTotalTermFreq}: what {@link TextIndex} reports for a
   * segment holding the same documents.
   */
  public static long[] addStats(IntFunction<AnalyzedText> docs, int count, TextQuery query, long[] docFreqs) {
    long withText = 0;
    long sum = 0;
    for (int d = 0; d < count; d++) {
      AnalyzedText t = docs.apply(d);
      if (t.length == 0) continue;
      withText++;
      sum += t.length;
      for (int i = 0; i < query.size(); i++) if (t.freqs.containsKey(query.terms().get(i))) docFreqs[i]++;
    }
    return new long[] {withText, sum};
  }

  /**
   * The best {@code k} of the documents in {@code accept} by scoring each: the same scores and
   * order as {@link Bm25Searcher} over a segment of the same documents.
   */
  public static TopK.ScoredOrds search(IntFunction<AnalyzedText> docs, RoaringBitmap accept, Bm25Scorer scorer, int k) {
    TopK top = new TopK(k);
    TextQuery q = scorer.query();
    for (IntIterator it = accept.getIntIterator(); it.hasNext(); ) {
      int d = it.next();
      AnalyzedText t = docs.apply(d);
      if (t.length == 0) continue;
      double sum = 0;
      boolean any = false;
      for (int i = 0; i < q.size(); i++) {
        int f = t.freq(q.terms().get(i));
        if (f == 0) continue;
        sum += scorer.termScore(i, f, t.norm);
        any = true;
      }
      if (any) top.offer(d, (float) sum);
    }
    return top.drainBestFirst();
  }
}
