package io.sextant.core.segment;

import io.sextant.core.store.BytesOutput;
import io.sextant.core.store.ChecksummedOutput;
import io.sextant.core.text.TextAnalyzer;
import java.io.IOException;
import java.lang.foreign.MemorySegment;

/**
 * The documents a new segment is written from, in their new ordinal order: the frozen write
 * buffer for a flush, the live documents of several segments for a merge. Read sequentially,
 * once per file.
 */
public interface SegmentSource {
  int size();

  /** Appends the {@code 4 × dimension} bytes of vector {@code i}. */
  void writeVector(int i, ChecksummedOutput out) throws IOException;

  /** Copies the {@code 4 × dimension} bytes of vector {@code i} to {@code dst} at byte {@code offset}. */
  void copyVector(int i, MemorySegment dst, long offset) throws IOException;

  /** The UTF-8 bytes of the id of document {@code i}. */
  byte[] id(int i) throws IOException;

  /** Appends the stored fields of document {@code i} in {@link io.sextant.core.document.DocumentCodec} form. */
  void writeStoredFields(int i, BytesOutput out) throws IOException;

  /** The analyzer the segment's BM25 text index is built with (the collection's). */
  default TextAnalyzer textAnalyzer() {
    return TextAnalyzer.standard();
  }
}
