package io.sextant.core.collection;

import io.sextant.core.document.DocumentCodec;
import io.sextant.core.document.StoredFields;
import io.sextant.core.filter.Attributes;
import io.sextant.core.text.AnalyzedText;
import io.sextant.core.index.IndexSpec;
import io.sextant.core.index.IndexType;
import io.sextant.core.index.LiveIndex;
import io.sextant.core.index.LiveVectors;
import io.sextant.core.store.CorruptIndexException;
import io.sextant.core.store.MappedInput;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory segment that receives writes: vectors in {@link LiveVectors} indexed at once by
 * the index type's {@link LiveIndex}, ids and encoded stored fields in append-only lists.
 * Appended to under the writer lock; searched concurrently through snapshots, each of which sees
 * the first {@code count} documents it was created with.
 */
final class WriteBuffer {
  final long id;
  final LiveVectors vectors;
  final LiveIndex index;
  private final AppendOnlyList<String> ids = new AppendOnlyList<>();
  private final AppendOnlyList<byte[]> stored = new AppendOnlyList<>();
  private final AppendOnlyList<Attributes> attributes = new AppendOnlyList<>();
  private final AppendOnlyList<AnalyzedText> texts = new AppendOnlyList<>();
  private final ConcurrentHashMap<String, Integer> latest = new ConcurrentHashMap<>();
  final DeleteSet deletes = new DeleteSet();
  private long bytes;
  /** Sequence number of the last operation applied before the buffer was frozen. */
  long maxSeq = -1;

  WriteBuffer(long id, IndexType type, IndexSpec spec) {
    this.id = id;
    this.vectors = new LiveVectors(spec.dimension());
    this.index = type.newLiveIndex(spec, vectors);
  }

  int size() {
    return ids.size();
  }

  long bytes() {
    return bytes;
  }

  /**
   * Appends a document (the caller has deleted any previous live copy of the id), with its
   * attributes conformed to the collection's schema and its text analyzed, which filters and
   * text searches of the buffer read.
   */
  int add(String id, float[] vector, byte[] storedFields, Attributes attrs, AnalyzedText text) {
    int ord = vectors.append(vector);
    ids.add(id);
    stored.add(storedFields);
    attributes.add(attrs);
    texts.add(text);
    latest.put(id, ord);
    index.add(ord);
    bytes += 4L * vector.length + storedFields.length + 2L * id.length() + 64;
    return ord;
  }

  /** Under the writer lock: the live ordinal of {@code id}, or -1. */
  int findLive(String id) {
    Integer ord = latest.get(id);
    return ord == null || deletes.contains(ord) ? -1 : ord;
  }

  /** For a snapshot that sees the first {@code count} documents: the newest ordinal of {@code id} among them, or -1. */
  int find(String id, int count) {
    Integer ord = latest.get(id);
    if (ord == null) return -1;
    if (ord < count) return ord;
    for (int i = count - 1; i >= 0; i--) { // the id was re-added after the snapshot: rare, scan its prefix
      if (ids.get(i).equals(id)) return i;
    }
    return -1;
  }

  String id(int ord) {
    return ids.get(ord);
  }

  Attributes attributes(int ord) {
    return attributes.get(ord);
  }

  AnalyzedText text(int ord) {
    return texts.get(ord);
  }

  byte[] storedBytes(int ord) {
    return stored.get(ord);
  }

  StoredFields storedFields(int ord) {
    byte[] b = stored.get(ord);
    try {
      return DocumentCodec.read(new MappedInput("write buffer", MemorySegment.ofArray(b), 0, b.length));
    } catch (CorruptIndexException e) {
      throw new IllegalStateException("stored fields encoded in memory do not decode", e);
    }
  }
}
