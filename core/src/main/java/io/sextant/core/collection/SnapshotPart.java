package io.sextant.core.collection;

import io.sextant.core.document.StoredFields;
import io.sextant.core.document.TypedAttributes;
import io.sextant.core.filter.AttributeIndex;
import io.sextant.core.filter.Filter;
import io.sextant.core.filter.FilterMatcher;
import io.sextant.core.filter.FilterPlanner;
import io.sextant.core.text.AnalyzedText;
import io.sextant.core.text.Bm25Scorer;
import io.sextant.core.text.Bm25Searcher;
import io.sextant.core.text.TextIndex;
import io.sextant.core.text.TextQuery;
import io.sextant.core.index.IndexParams;
import io.sextant.core.search.TopK;
import io.sextant.core.segment.SegmentReader;
import io.sextant.core.vector.Kernels;
import io.sextant.core.vector.Similarity;
import java.io.IOException;
import org.roaringbitmap.RoaringBitmap;

/**
 * One searchable piece of a snapshot, frozen: a segment with the deletes it had, or the first
 * {@code count} documents of a write buffer with theirs.
 */
sealed interface SnapshotPart {
  /** Documents visible in this part, deleted ones included. */
  int docCount();

  RoaringBitmap deleted();

  default int liveCount() {
    return docCount() - deleted().getCardinality();
  }

  default boolean isLive(int ord) {
    return ord >= 0 && ord < docCount() && !deleted().contains(ord);
  }

  TopK.ScoredOrds search(float[] query, int k, IndexParams params) throws IOException;

  /** Vector search restricted to {@code accept} (live ordinals matching a filter). */
  TopK.ScoredOrds search(float[] query, int k, IndexParams params, RoaringBitmap accept) throws IOException;

  /** The live ordinals as a bitmap, or null when every ordinal is live (segments only). */
  RoaringBitmap liveAccept();

  /** Ordinals (deleted ones included) whose attributes match {@code bound}, a filter bound to the schema. */
  RoaringBitmap matching(Filter bound) throws IOException;

  /**
   * Adds this part's BM25 statistics to {@code docFreqs} (per query term) and returns
   * {docsWithText, sumTotalTermFreq}; deleted documents count, as in Lucene.
   */
  long[] addTextStats(TextQuery query, long[] docFreqs) throws IOException;

  /** The best {@code k} BM25 hits among {@code accept} (null: every live ordinal). */
  TopK.ScoredOrds searchText(Bm25Scorer scorer, int k, RoaringBitmap accept) throws IOException;

  /** BM25 scores of {@code ords} (strictly increasing), 0 for a document without any query term. */
  float[] textScores(Bm25Scorer scorer, int[] ords) throws IOException;

  /** The exact similarity score of {@code query} against the stored vector {@code ord}. */
  float vectorScore(float[] query, Similarity similarity, int ord);

  /** The ordinal of {@code id} if it is live here, else -1. */
  int findLive(String id, byte[] utf8, long hash) throws IOException;

  String id(int ord) throws IOException;

  StoredFields storedFields(int ord) throws IOException;

  float[] vector(int ord);

  /** Live ordinals as an accept bitmap ({@code null} means all), computed once. */
  static RoaringBitmap accept(int count, RoaringBitmap deleted, boolean nullWhenAll) {
    if (deleted.isEmpty() && nullWhenAll) return null;
    RoaringBitmap all = RoaringBitmap.bitmapOfRange(0, count);
    if (!deleted.isEmpty()) all.andNot(deleted);
    return all;
  }

  /** A segment with the deletes it had when the snapshot was taken. */
  final class OfSegment implements SnapshotPart {
    final SegmentReader reader;
    private final RoaringBitmap deleted;
    private volatile RoaringBitmap accept;
    private volatile boolean acceptComputed;

    OfSegment(SegmentReader reader, RoaringBitmap deleted) {
      this.reader = reader;
      this.deleted = deleted;
    }

    @Override public int docCount() { return reader.docCount(); }

    @Override public RoaringBitmap deleted() { return deleted; }

    @Override
    public TopK.ScoredOrds search(float[] query, int k, IndexParams params) throws IOException {
      return reader.searcher().search(query, k, params, liveAccept());
    }

    @Override
    public TopK.ScoredOrds search(float[] query, int k, IndexParams params, RoaringBitmap accept) throws IOException {
      return reader.searcher().search(query, k, params, accept);
    }

    @Override
    public RoaringBitmap liveAccept() {
      if (!acceptComputed) {
        accept = SnapshotPart.accept(docCount(), deleted, true);
        acceptComputed = true;
      }
      return accept;
    }

    @Override
    public RoaringBitmap matching(Filter bound) throws IOException {
      AttributeIndex index = reader.fieldIndexes().attributes();
      if (index != null) return new FilterPlanner(index).evaluate(bound);
      // A segment written before attribute indexes existed: test the stored fields one by one.
      FilterMatcher m = new FilterMatcher(bound);
      RoaringBitmap out = new RoaringBitmap();
      for (int ord = 0; ord < docCount(); ord++) {
        if (!deleted.contains(ord) && m.matches(TypedAttributes.toFilter(reader.storedFields(ord).attributes()))) out.add(ord);
      }
      return out;
    }

    @Override
    public long[] addTextStats(TextQuery query, long[] docFreqs) throws IOException {
      TextIndex t = reader.fieldIndexes().text();
      if (t == null) return new long[2];
      for (int i = 0; i < query.size(); i++) docFreqs[i] += t.docFreq(query.terms().get(i));
      return new long[] {t.docsWithText(), t.sumTotalTermFreq()};
    }

    @Override
    public TopK.ScoredOrds searchText(Bm25Scorer scorer, int k, RoaringBitmap accept) throws IOException {
      TextIndex t = reader.fieldIndexes().text();
      if (t == null) return new TopK(k).drainBestFirst();
      return Bm25Searcher.search(t, scorer, k, accept != null ? accept : liveAccept());
    }

    @Override
    public float[] textScores(Bm25Scorer scorer, int[] ords) throws IOException {
      TextIndex t = reader.fieldIndexes().text();
      return t == null ? new float[ords.length] : Bm25Searcher.score(t, scorer, ords);
    }

    @Override
    public float vectorScore(float[] query, Similarity similarity, int ord) {
      return similarity.toScore(reader.vectors().raw(Kernels.get(), similarity, query, ord));
    }

    @Override
    public int findLive(String id, byte[] utf8, long hash) throws IOException {
      int ord = reader.find(utf8, hash);
      return ord >= 0 && !deleted.contains(ord) ? ord : -1;
    }

    @Override public String id(int ord) throws IOException { return reader.id(ord); }

    @Override public StoredFields storedFields(int ord) throws IOException { return reader.storedFields(ord); }

    @Override public float[] vector(int ord) { return reader.vectors().get(ord); }
  }

  /** The first {@code count} documents of a write buffer. */
  final class OfBuffer implements SnapshotPart {
    final WriteBuffer buffer;
    private final int count;
    private final RoaringBitmap deleted;
    private volatile RoaringBitmap accept;

    OfBuffer(WriteBuffer buffer, int count, RoaringBitmap deleted) {
      this.buffer = buffer;
      this.count = count;
      this.deleted = deleted;
    }

    @Override public int docCount() { return count; }

    @Override public RoaringBitmap deleted() { return deleted; }

    @Override
    public TopK.ScoredOrds search(float[] query, int k, IndexParams params) throws IOException {
      return buffer.index.search(query, k, params, liveAccept());
    }

    @Override
    public TopK.ScoredOrds search(float[] query, int k, IndexParams params, RoaringBitmap accept) throws IOException {
      return buffer.index.search(query, k, params, accept);
    }

    @Override
    public RoaringBitmap liveAccept() {
      RoaringBitmap a = accept;
      if (a == null) accept = a = SnapshotPart.accept(count, deleted, false);
      return a;
    }

    @Override
    public RoaringBitmap matching(Filter bound) {
      FilterMatcher m = new FilterMatcher(bound);
      RoaringBitmap out = new RoaringBitmap();
      for (int ord = 0; ord < count; ord++) if (m.matches(buffer.attributes(ord))) out.add(ord);
      return out;
    }

    @Override
    public long[] addTextStats(TextQuery query, long[] docFreqs) {
      return AnalyzedText.addStats(buffer::text, count, query, docFreqs);
    }

    @Override
    public TopK.ScoredOrds searchText(Bm25Scorer scorer, int k, RoaringBitmap accept) {
      return AnalyzedText.search(buffer::text, accept != null ? accept : liveAccept(), scorer, k);
    }

    @Override
    public float[] textScores(Bm25Scorer scorer, int[] ords) {
      float[] out = new float[ords.length];
      for (int i = 0; i < ords.length; i++) out[i] = buffer.text(ords[i]).score(scorer);
      return out;
    }

    @Override
    public float vectorScore(float[] query, Similarity similarity, int ord) {
      if (ord < 0 || ord >= count) throw new IndexOutOfBoundsException("ordinal " + ord + " outside [0, " + count + ")");
      return similarity.toScore(similarity.raw(Kernels.get(), query, buffer.vectors.chunkOf(ord),
          buffer.vectors.offsetInChunk(ord)));
    }

    @Override
    public int findLive(String id, byte[] utf8, long hash) {
      int ord = buffer.find(id, count);
      return ord >= 0 && !deleted.contains(ord) ? ord : -1;
    }

    @Override public String id(int ord) { return buffer.id(ord); }

    @Override public StoredFields storedFields(int ord) { return buffer.storedFields(ord); }

    @Override public float[] vector(int ord) { return buffer.vectors.get(ord); }
  }
}
