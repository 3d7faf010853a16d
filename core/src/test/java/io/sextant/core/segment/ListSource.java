package io.sextant.core.segment;

import io.sextant.core.document.DocumentCodec;
import io.sextant.core.document.StoredFields;
import io.sextant.core.store.BytesOutput;
import io.sextant.core.store.ChecksummedOutput;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A segment source over plain lists, for tests. */
record ListSource(List<String> ids, List<float[]> vectors, List<StoredFields> fields) implements SegmentSource {
  @Override public int size() { return ids.size(); }

  @Override public void writeVector(int i, ChecksummedOutput out) throws IOException { out.writeFloats(vectors.get(i)); }

  @Override public void copyVector(int i, MemorySegment dst, long offset) {
    MemorySegment.copy(MemorySegment.ofArray(vectors.get(i)), 0, dst, offset, 4L * vectors.get(i).length);
  }

  @Override public byte[] id(int i) { return ids.get(i).getBytes(StandardCharsets.UTF_8); }

  @Override public void writeStoredFields(int i, BytesOutput out) { DocumentCodec.write(fields.get(i), out); }
}
