package io.sextant.core.text;

/**
 * BM25 scores for one query, computed the way Lucene 10's BM25Similarity computes them so that
 * scores agree with Lucene's:
 * <pre>
 * idf(t)       = ln(1 + (N - n(t) + 0.5) / (n(t) + 0.5))        N: docs with text, n: doc freq
 * weight(t)    = queryCount(t) · idf(t)
 * score(t, d)  = weight(t) · f / (f + k1 · (1 - b + b · |d| / avgdl))
 * score(d)     = Σ score(t, d)
 * </pre>
 * without Robertson's (k1 + 1) factor (Lucene dropped it in 8.0: it scales every score alike),
 * with |d| the one-byte length of {@link LengthNorm}, avgdl = sumTotalTermFreq / N, and the
 * arithmetic in float, the per-term fraction written as w − w / (1 + f · 1/norm) as Lucene
 * does (monotone in f and |d| under float rounding, which the block-max bounds rely on).
 * Immutable and thread-safe.
 */
public final class Bm25Scorer {
  private final TextQuery query;
  private final float[] idf;
  private final float[] weight;
  private final float[] normInverse = new float[256];
  private final float avgLength;

  public Bm25Scorer(Bm25Params params, TextQuery query, CorpusStats stats) {
    if (stats.docFreqs().length != query.size()) {
      throw new IllegalArgumentException("stats hold " + stats.docFreqs().length
          + " document frequencies for a query of " + query.size() + " terms");
    }
    this.query = query;
    long n = stats.docCount();
    this.avgLength = n == 0 ? 1f : (float) (stats.sumTotalTermFreq() / (double) n);
    idf = new float[query.size()];
    weight = new float[query.size()];
    for (int i = 0; i < idf.length; i++) {
      long df = stats.docFreq(i);
      idf[i] = (float) Math.log(1 + (n - df + 0.5D) / (df + 0.5D));
      weight[i] = query.count(i) * idf[i];
    }
    float k1 = params.k1();
    float b = params.b();
    for (int i = 0; i < 256; i++) {
      normInverse[i] = 1f / (k1 * ((1 - b) + b * LengthNorm.decode((byte) i) / avgLength));
    }
  }

  public TextQuery query() {
    return query;
  }

  public float idf(int term) {
    return idf[term];
  }

  public float avgLength() {
    return avgLength;
  }

  /** The score query term {@code term} gives a document where it occurs {@code freq} times. */
  public float termScore(int term, int freq, byte norm) {
    return termScore(term, freq, norm & 0xff);
  }

  float termScore(int term, int freq, int normIndex) {
    float w = weight[term];
    return w - w / (1f + freq * normInverse[normIndex]);
  }
}
