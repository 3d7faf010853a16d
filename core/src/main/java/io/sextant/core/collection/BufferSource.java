package io.sextant.core.collection;

import io.sextant.core.segment.SegmentSource;
import io.sextant.core.store.BytesOutput;
import io.sextant.core.store.ChecksummedOutput;
import io.sextant.core.text.TextAnalyzer;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.roaringbitmap.RoaringBitmap;

/** The documents of a frozen write buffer that were live when its flush started, in order. */
final class BufferSource implements SegmentSource {
  private final WriteBuffer buffer;
  private final int[] ords;
  /** New ordinal of each buffer ordinal, -1 for the deleted ones. */
  final int[] newOrd;

  private final TextAnalyzer analyzer;

  BufferSource(WriteBuffer buffer, RoaringBitmap deleted, TextAnalyzer analyzer) {
    this.buffer = buffer;
    this.analyzer = analyzer;
    int n = buffer.size();
    this.newOrd = new int[n];
    Arrays.fill(newOrd, -1);
    int[] live = new int[n];
    int m = 0;
    for (int ord = 0; ord < n; ord++) {
      if (!deleted.contains(ord)) {
        newOrd[ord] = m;
        live[m++] = ord;
      }
    }
    this.ords = Arrays.copyOf(live, m);
  }

  @Override
  public int size() {
    return ords.length;
  }

  @Override
  public void writeVector(int i, ChecksummedOutput out) throws IOException {
    int ord = ords[i];
    out.writeBytes(buffer.vectors.chunkOf(ord), buffer.vectors.offsetInChunk(ord), 4L * buffer.vectors.dimension());
  }

  @Override
  public void copyVector(int i, MemorySegment dst, long offset) {
    int ord = ords[i];
    MemorySegment.copy(buffer.vectors.chunkOf(ord), buffer.vectors.offsetInChunk(ord), dst, offset,
        4L * buffer.vectors.dimension());
  }

  @Override
  public byte[] id(int i) {
    return buffer.id(ords[i]).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public TextAnalyzer textAnalyzer() {
    return analyzer;
  }

  @Override
  public void writeStoredFields(int i, BytesOutput out) {
    out.writeBytes(buffer.storedBytes(ords[i]));
  }
}
