package io.sextant.core.collection;

import io.sextant.core.segment.SegmentReader;
import io.sextant.core.segment.SegmentSource;
import io.sextant.core.store.BytesOutput;
import io.sextant.core.store.ChecksummedOutput;
import io.sextant.core.text.TextAnalyzer;
import io.sextant.core.vector.FloatVectors;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.roaringbitmap.RoaringBitmap;

/**
 * The live documents (as of the merge start) of several segments, source after source, copied
 * byte for byte: vectors, ids and encoded stored fields are never decoded.
 */
final class MergeSource implements SegmentSource {
  private final List<SegmentReader> readers;
  private final int[] source;
  private final int[] ord;
  /** Per source, the merged ordinal of each of its ordinals (-1: dropped). */
  final List<int[]> newOrd = new ArrayList<>();
  private final SegmentReader.StoredFieldsCursor[] cursors;
  private final BooleanSupplier aborted;

  private final TextAnalyzer analyzer;

  MergeSource(List<SegmentReader> readers, List<RoaringBitmap> deleted, BooleanSupplier aborted, TextAnalyzer analyzer) {
    this.analyzer = analyzer;
    this.readers = readers;
    this.aborted = aborted;
    int total = 0;
    for (int i = 0; i < readers.size(); i++) total += readers.get(i).docCount() - deleted.get(i).getCardinality();
    source = new int[total];
    ord = new int[total];
    cursors = new SegmentReader.StoredFieldsCursor[readers.size()];
    int m = 0;
    for (int i = 0; i < readers.size(); i++) {
      SegmentReader r = readers.get(i);
      cursors[i] = r.storedFieldsCursor();
      int[] map = new int[r.docCount()];
      Arrays.fill(map, -1);
      RoaringBitmap del = deleted.get(i);
      for (int o = 0; o < r.docCount(); o++) {
        if (del.contains(o)) continue;
        map[o] = m;
        source[m] = i;
        ord[m] = o;
        m++;
      }
      newOrd.add(map);
    }
  }

  @Override
  public int size() {
    return source.length;
  }

  @Override
  public void writeVector(int i, ChecksummedOutput out) throws IOException {
    if ((i & 1023) == 0 && aborted.getAsBoolean()) throw new MergeAbortedException();
    FloatVectors v = readers.get(source[i]).vectors();
    out.writeBytes(v.data(), v.offset(ord[i]), 4L * v.dimension());
  }

  @Override
  public void copyVector(int i, MemorySegment dst, long offset) throws IOException {
    if ((i & 1023) == 0 && aborted.getAsBoolean()) throw new MergeAbortedException();
    FloatVectors v = readers.get(source[i]).vectors();
    MemorySegment.copy(v.data(), v.offset(ord[i]), dst, offset, 4L * v.dimension());
  }

  @Override
  public byte[] id(int i) throws IOException {
    return readers.get(source[i]).idBytes(ord[i]);
  }

  @Override
  public TextAnalyzer textAnalyzer() {
    return analyzer;
  }

  @Override
  public void writeStoredFields(int i, BytesOutput out) throws IOException {
    if ((i & 1023) == 0 && aborted.getAsBoolean()) throw new MergeAbortedException();
    out.writeBytes(cursors[source[i]].docBytes(ord[i]));
  }

  /** Thrown into the segment writer when the collection closes during a merge. */
  static final class MergeAbortedException extends IOException {
    private static final long serialVersionUID = 1L;

    MergeAbortedException() {
      super("merge aborted: the collection is closing");
    }
  }
}
