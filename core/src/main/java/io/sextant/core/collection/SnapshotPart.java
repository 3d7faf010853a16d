package io.sextant.core.collection;

import io.sextant.core.document.StoredFields;
import io.sextant.core.index.IndexParams;
import io.sextant.core.search.TopK;
import io.sextant.core.segment.SegmentReader;
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
      if (!acceptComputed) {
        accept = SnapshotPart.accept(docCount(), deleted, true);
        acceptComputed = true;
      }
      return reader.searcher().search(query, k, params, accept);
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
      RoaringBitmap a = accept;
      if (a == null) accept = a = SnapshotPart.accept(count, deleted, false);
      return buffer.index.search(query, k, params, a);
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
