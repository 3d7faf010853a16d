package io.sextant.core.text;

import java.util.List;

/**
 * The statistics BM25 needs for one query over a whole snapshot of segments: the number of
 * documents with text, their total number of terms, and each query term's document frequency.
 * Summed over segments so that a document scores the same whichever segment holds it (as
 * Lucene's IndexSearcher sums over its leaves). Deleted documents still count, as in Lucene.
 */
public record CorpusStats(long docCount, long sumTotalTermFreq, long[] docFreqs) {
  public CorpusStats {
    docFreqs = docFreqs.clone();
  }

  public static CorpusStats of(TextQuery query, List<TextIndex> segments) {
    long n = 0;
    long sum = 0;
    long[] df = new long[query.size()];
    for (TextIndex s : segments) {
      n += s.docsWithText();
      sum += s.sumTotalTermFreq();
      for (int i = 0; i < df.length; i++) df[i] += s.docFreq(query.terms().get(i));
    }
    return new CorpusStats(n, sum, df);
  }

  public long docFreq(int i) {
    return docFreqs[i];
  }
}
