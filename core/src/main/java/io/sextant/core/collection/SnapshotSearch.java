package io.sextant.core.collection;

import io.sextant.core.document.Attributes;
import io.sextant.core.document.StoredFields;
import io.sextant.core.filter.Filter;
import io.sextant.core.fusion.CandidateScorer;
import io.sextant.core.fusion.FusedHit;
import io.sextant.core.fusion.Fusion;
import io.sextant.core.fusion.RankedHit;
import io.sextant.core.index.IndexType;
import io.sextant.core.search.TopK;
import io.sextant.core.text.Bm25Scorer;
import io.sextant.core.text.CorpusStats;
import io.sextant.core.text.TextQuery;
import io.sextant.core.vector.Similarity;
import io.sextant.core.vector.VectorChecks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.roaringbitmap.RoaringBitmap;

/**
 * One search over the parts of a snapshot: per part, the filter's bitmap minus the deletes
 * becomes the accept-bitmap handed to the vector index (which picks an exact scan or its graph /
 * probes by itself) and to BM25; each side's per-part results are merged by score; with both
 * sides, their candidates are fused.
 */
final class SnapshotSearch {
  private final List<SnapshotPart> parts;
  private final int dimension;
  private final Similarity similarity;
  private final IndexType type;
  private final SearchContext context;

  SnapshotSearch(List<SnapshotPart> parts, int dimension, Similarity similarity, IndexType type, SearchContext context) {
    this.parts = parts;
    this.dimension = dimension;
    this.similarity = similarity;
    this.type = type;
    this.context = context;
  }

  /** A document found by one side: its score there, and where it lives. */
  private record Candidate(float score, int part, int ord) {
    long key() {
      return (long) part << 32 | ord;
    }
  }

  List<Hit> search(SearchRequest request) throws IOException {
    if (request == null) throw new IllegalArgumentException("search request is null");
    float[] q = null;
    if (request.hasVector()) {
      q = VectorChecks.requireValid(request.vectorNoCopy(), dimension, similarity, "query vector");
      type.validateSearchParams(request.params());
    }
    TextQuery tq = request.text() == null ? null : TextQuery.of(context.analyzer(), request.text());
    if (q == null && tq == null) throw new IllegalArgumentException("search request has neither a vector nor a text");
    Filter bound = bind(request);
    RoaringBitmap[] accept = new RoaringBitmap[parts.size()];
    boolean[] skip = new boolean[parts.size()];
    for (int i = 0; i < parts.size(); i++) {
      SnapshotPart p = parts.get(i);
      if (p.liveCount() == 0) {
        skip[i] = true;
      } else if (bound != null) {
        RoaringBitmap a = p.matching(bound);
        a.andNot(p.deleted());
        accept[i] = a;
        skip[i] = a.isEmpty();
      }
    }
    boolean hybrid = q != null && tq != null;
    int depth = hybrid ? request.candidates() : request.k();
    List<Candidate> vector = q == null ? List.of() : vectorSide(q, depth, request, accept, skip);
    Bm25Scorer scorer = tq == null || tq.isEmpty() ? null : scorer(tq);
    List<Candidate> text = scorer == null ? List.of() : textSide(scorer, depth, accept, skip);
    List<Hit> hits = new ArrayList<>(request.k());
    if (!hybrid) {
      List<Candidate> side = q != null ? vector : text;
      for (int i = 0; i < side.size() && i < request.k(); i++) {
        Candidate c = side.get(i);
        hits.add(q != null ? hit(request, c, c.score, i + 1, c.score, 0, Float.NaN)
            : hit(request, c, c.score, 0, Float.NaN, i + 1, c.score));
      }
      return hits;
    }
    Fusion fusion = request.fusion();
    List<FusedHit<Long>> fused;
    try {
      fused = fusion.scoresAllCandidates()
          ? fusion.fuse(ranked(vector), ranked(text), new PartScorer(q, scorer), request.k())
          : fusion.fuse(ranked(vector), ranked(text), request.k());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    for (FusedHit<Long> f : fused) {
      long key = f.key();
      Candidate c = new Candidate((float) f.score(), (int) (key >>> 32), (int) key);
      hits.add(hit(request, c, (float) f.score(), f.vectorRank(), f.vectorScore(), f.textRank(), f.textScore()));
    }
    return hits;
  }

  private Filter bind(SearchRequest request) {
    if (request.filter() == null) return null;
    if (request.filterText() != null) return Filter.parse(request.filterText(), context.schema()).bind(context.schema());
    return request.filter().bind(context.schema());
  }

  private List<Candidate> vectorSide(float[] q, int k, SearchRequest request, RoaringBitmap[] accept, boolean[] skip)
      throws IOException {
    List<Candidate> all = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      if (skip[i]) continue;
      SnapshotPart p = parts.get(i);
      RoaringBitmap a = accept[i];
      TopK.ScoredOrds r = a == null ? p.search(q, k, request.params()) : p.search(q, k, request.params(), a);
      for (int j = 0; j < r.size(); j++) {
        int ord = r.ords()[j];
        if (!p.isLive(ord) || (a != null && !a.contains(ord))) {
          throw new IllegalStateException("index type '" + type.name() + "' returned ordinal " + ord
              + " that the accept bitmap excludes");
        }
        all.add(new Candidate(r.scores()[j], i, ord));
      }
    }
    return best(all, k);
  }

  /** BM25 with the statistics summed over every part, as Lucene sums them over its leaves. */
  private Bm25Scorer scorer(TextQuery tq) throws IOException {
    long[] df = new long[tq.size()];
    long docs = 0;
    long sum = 0;
    for (SnapshotPart p : parts) {
      long[] s = p.addTextStats(tq, df);
      docs += s[0];
      sum += s[1];
    }
    return new Bm25Scorer(context.bm25(), tq, new CorpusStats(docs, sum, df));
  }

  private List<Candidate> textSide(Bm25Scorer scorer, int k, RoaringBitmap[] accept, boolean[] skip) throws IOException {
    List<Candidate> all = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      if (skip[i]) continue;
      TopK.ScoredOrds r = parts.get(i).searchText(scorer, k, accept[i]);
      for (int j = 0; j < r.size(); j++) all.add(new Candidate(r.scores()[j], i, r.ords()[j]));
    }
    return best(all, k);
  }

  /** Best score first; on ties the newer part, then the smaller ordinal: deterministic. */
  private static List<Candidate> best(List<Candidate> all, int k) {
    all.sort((a, b) -> a.score != b.score ? Float.compare(b.score, a.score)
        : a.part != b.part ? Integer.compare(b.part, a.part) : Integer.compare(a.ord, b.ord));
    return all.size() > k ? all.subList(0, k) : all;
  }

  /**
   * Scores candidates (keys: part &lt;&lt; 32 | ordinal) on the side that did not return them: the
   * exact vector score against the stored vector, and BM25 from the postings, per part, in
   * ordinal order (scorer null: the query has no text term, every document scores 0).
   */
  private final class PartScorer implements CandidateScorer<Long> {
    private final float[] query;
    private final Bm25Scorer bm25;

    PartScorer(float[] query, Bm25Scorer bm25) {
      this.query = query;
      this.bm25 = bm25;
    }

    @Override
    public float[] vectorScores(List<Long> keys) {
      float[] out = new float[keys.size()];
      for (int i = 0; i < out.length; i++) {
        long key = keys.get(i);
        out[i] = parts.get((int) (key >>> 32)).vectorScore(query, similarity, (int) key);
      }
      return out;
    }

    @Override
    public float[] textScores(List<Long> keys) {
      float[] out = new float[keys.size()];
      if (bm25 == null) return out;
      // Group by part, each part's ordinals increasing: one pass of skips per query term.
      Integer[] order = new Integer[keys.size()];
      for (int i = 0; i < order.length; i++) order[i] = i;
      java.util.Arrays.sort(order, (a, b) -> Long.compare(keys.get(a), keys.get(b)));
      int from = 0;
      while (from < order.length) {
        int part = (int) (keys.get(order[from]) >>> 32);
        int to = from;
        while (to < order.length && (int) (keys.get(order[to]) >>> 32) == part) to++;
        int[] ords = new int[to - from];
        for (int i = from; i < to; i++) ords[i - from] = (int) (long) keys.get(order[i]);
        float[] s;
        try {
          s = parts.get(part).textScores(bm25, ords);
        } catch (IOException e) {
          throw new UncheckedIOException(e); // CandidateScorer cannot throw; unwrapped in search()
        }
        for (int i = from; i < to; i++) out[order[i]] = s[i - from];
        from = to;
      }
      return out;
    }
  }

  private static List<RankedHit<Long>> ranked(List<Candidate> side) {
    List<RankedHit<Long>> out = new ArrayList<>(side.size());
    for (Candidate c : side) out.add(new RankedHit<>(c.key(), c.score));
    return out;
  }

  private Hit hit(SearchRequest request, Candidate c, float score, int vectorRank, float vectorScore, int textRank,
                  float textScore) throws IOException {
    SnapshotPart p = parts.get(c.part);
    if (!request.includeFields()) return new Hit(p.id(c.ord), score, null, null, vectorRank, vectorScore, textRank, textScore);
    StoredFields f = p.storedFields(c.ord);
    return new Hit(p.id(c.ord), score, Attributes.toJava(f.attributes()), f.text(), vectorRank, vectorScore,
        textRank, textScore);
  }
}
