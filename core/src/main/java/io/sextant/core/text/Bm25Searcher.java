package io.sextant.core.text;

import io.sextant.core.search.TopK;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.roaringbitmap.ImmutableBitmapDataProvider;

/**
 * Top-k BM25 search over one segment with block-max MaxScore (Turtle &amp; Flood's MaxScore, with
 * per-block bounds as in Ding &amp; Suel's block-max indexes): query terms are ordered by their
 * best possible score; the lowest-scoring ones whose bounds together cannot beat the current
 * k-th score are "non-essential": they are never iterated, only probed (with a skip) for
 * documents that an essential term found and whose bound, tightened with the block maxima of
 * the non-essential terms, can still make the top k.
 *
 * <p>Results are exactly those of scoring every posting: a document's score is the float of the
 * sum, in query-term order and in double precision, of its per-term float scores, and ties keep
 * the smaller ordinal ({@link TopK}). Since documents are visited in ordinal order, a document
 * whose bound only ties the k-th score cannot enter, and is skipped.
 */
public final class Bm25Searcher {
  /** Slack for bounds summed in another order than the score they bound. */
  private static final double SLACK = 1 + 1e-9;

  private Bm25Searcher() {}

  /**
   * The best {@code k} documents of {@code segment} for the scorer's query.
   *
   * @param accept the ordinals allowed (a filter minus tombstones), or null for all
   */
  public static TopK.ScoredOrds search(TextIndex segment, Bm25Scorer scorer, int k,
      ImmutableBitmapDataProvider accept) {
    return search(segment, scorer, k, accept, true);
  }

  /**
   * The same top k without any pruning: every posting of every query term is decoded and
   * scored. For verification and for measuring what pruning saves.
   */
  public static TopK.ScoredOrds searchExhaustive(TextIndex segment, Bm25Scorer scorer, int k,
      ImmutableBitmapDataProvider accept) {
    return search(segment, scorer, k, accept, false);
  }

  /**
   * The BM25 scores of the documents {@code ords} (strictly increasing), 0 for one without any
   * query term: the score {@link #search} gives it, to the bit. Per query term one cursor skips
   * to each document in turn (through the skip table), so the cost grows with the number of
   * documents asked for, not with the length of the postings.
   */
  public static float[] score(TextIndex segment, Bm25Scorer scorer, int[] ords) {
    for (int i = 0; i < ords.length; i++) {
      if (ords[i] < 0 || ords[i] >= segment.docCount() || (i > 0 && ords[i] <= ords[i - 1])) {
        throw new IllegalArgumentException("documents to score must be strictly increasing in [0, "
            + segment.docCount() + "), got " + ords[i] + " at index " + i
            + (i > 0 ? " after " + ords[i - 1] : ""));
      }
    }
    // Summed per document in query-term order and in double, as search() sums its partial scores.
    double[] sums = new double[ords.length];
    TextQuery q = scorer.query();
    for (int t = 0; t < q.size(); t++) {
      TextIndex.TermInfo info = segment.lookup(q.terms().get(t));
      if (info == null) continue;
      PostingsCursor c = segment.postings(info);
      for (int i = 0; i < ords.length; i++) {
        int d = c.advance(ords[i]);
        if (d == PostingsCursor.NO_MORE) break;
        if (d == ords[i]) sums[i] += scorer.termScore(t, c.freq(), segment.normByte(d) & 0xff);
      }
    }
    float[] out = new float[ords.length];
    for (int i = 0; i < out.length; i++) out[i] = (float) sums[i];
    return out;
  }

  private static TopK.ScoredOrds search(TextIndex segment, Bm25Scorer scorer, int k,
      ImmutableBitmapDataProvider accept, boolean prune) {
    TopK top = new TopK(k);
    TextQuery q = scorer.query();
    List<Term> terms = new ArrayList<>();
    for (int i = 0; i < q.size(); i++) {
      TextIndex.TermInfo info = segment.lookup(q.terms().get(i));
      if (info == null) continue;
      Term t = new Term(i, segment.postings(info));
      t.bound = scorer.termScore(i, info.maxFreq(), info.minNorm());
      terms.add(t);
    }
    if (terms.isEmpty()) return top.drainBestFirst();
    terms.sort(Comparator.comparingDouble((Term t) -> t.bound).thenComparingInt(t -> t.queryIndex));
    Term[] ts = terms.toArray(Term[]::new);
    int m = ts.length;
    double[] prefix = new double[m]; // prefix[i] = Σ bound of ts[0..i]
    double acc = 0;
    for (int i = 0; i < m; i++) prefix[i] = acc += ts[i].bound;
    for (Term t : ts) t.cursor.nextDoc();

    double[] partial = new double[q.size()];
    double[] blockBound = new double[m];
    int firstEssential = 0;
    float threshold = Float.NEGATIVE_INFINITY;
    while (true) {
      int doc = PostingsCursor.NO_MORE;
      for (int i = firstEssential; i < m; i++) doc = Math.min(doc, ts[i].cursor.doc());
      if (doc == PostingsCursor.NO_MORE) break;
      if (accept != null && !accept.contains(doc)) {
        long next = accept.nextValue(doc);
        if (next < 0 || next >= PostingsCursor.NO_MORE) break;
        for (int i = firstEssential; i < m; i++) ts[i].cursor.advance((int) next);
        continue;
      }
      int norm = segment.normByte(doc) & 0xff;
      Arrays.fill(partial, 0);
      double score = 0;
      for (int i = firstEssential; i < m; i++) {
        PostingsCursor c = ts[i].cursor;
        if (c.doc() == doc) {
          float s = scorer.termScore(ts[i].queryIndex, c.freq(), norm);
          partial[ts[i].queryIndex] = s;
          score += s;
          c.nextDoc();
        }
      }
      if (firstEssential > 0 && !nonEssential(ts, firstEssential, doc, norm, score, prefix,
          blockBound, partial, scorer, threshold)) {
        continue;
      }
      double sum = 0;
      for (double p : partial) sum += p;
      if (top.offer(doc, (float) sum) && prune && top.isFull()) {
        threshold = top.minScore();
        while (firstEssential < m && prefix[firstEssential] * SLACK <= threshold) firstEssential++;
        if (firstEssential == m) break; // nothing left can reach the top k
      }
    }
    return top.drainBestFirst();
  }

  /**
   * Adds the non-essential terms' scores for {@code doc} into {@code partial}, highest bound
   * first, and returns false as soon as the document provably cannot beat {@code threshold}.
   */
  private static boolean nonEssential(Term[] ts, int firstEssential, int doc, int norm,
      double score, double[] prefix, double[] blockBound, double[] partial, Bm25Scorer scorer,
      float threshold) {
    if ((score + prefix[firstEssential - 1]) * SLACK <= threshold) return false;
    // Tighten with the bound of the block each non-essential term would hold doc in.
    double rest = 0;
    for (int i = 0; i < firstEssential; i++) {
      PostingsCursor c = ts[i].cursor;
      double bb;
      if (c.doc() == PostingsCursor.NO_MORE) {
        bb = 0;
      } else if (c.doc() >= doc) {
        bb = c.doc() == doc ? ts[i].bound : 0;
      } else {
        int b = c.blockIndex(doc);
        bb = b < 0 ? 0 : scorer.termScore(ts[i].queryIndex, c.blockMaxFreq(b), c.blockMinNorm(b));
      }
      blockBound[i] = bb;
      rest += bb;
    }
    for (int i = firstEssential - 1; i >= 0; i--) {
      if ((score + rest) * SLACK <= threshold) return false;
      rest -= blockBound[i];
      if (blockBound[i] == 0) continue;
      PostingsCursor c = ts[i].cursor;
      if (c.advance(doc) == doc) {
        float s = scorer.termScore(ts[i].queryIndex, c.freq(), norm);
        partial[ts[i].queryIndex] = s;
        score += s;
      }
    }
    return true;
  }

  private static final class Term {
    final int queryIndex;
    final PostingsCursor cursor;
    float bound;

    Term(int queryIndex, PostingsCursor cursor) {
      this.queryIndex = queryIndex;
      this.cursor = cursor;
    }
  }
}
