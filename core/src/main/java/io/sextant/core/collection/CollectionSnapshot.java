package io.sextant.core.collection;

import io.sextant.core.document.Attributes;
import io.sextant.core.document.DocumentIds;
import io.sextant.core.document.StoredFields;
import io.sextant.core.index.IndexType;
import io.sextant.core.vector.Similarity;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The parts (segments, then write buffers, oldest first) of the collection at one moment. Holds
 * a reference on every segment reader it uses; the collection keeps the newest snapshot
 * published and hands out references to it until a write makes it stale.
 */
final class CollectionSnapshot {
  final long version;
  private final List<SnapshotPart> parts;
  private final int dimension;
  private final Similarity similarity;
  private final IndexType type;
  private final SearchContext context;
  private final AtomicInteger refs = new AtomicInteger(1);

  /** The caller has taken one reference on each segment reader for this snapshot. */
  CollectionSnapshot(long version, List<SnapshotPart> parts, int dimension, Similarity similarity, IndexType type,
                     SearchContext context) {
    this.context = context;
    this.version = version;
    this.parts = List.copyOf(parts);
    this.dimension = dimension;
    this.similarity = similarity;
    this.type = type;
  }

  List<SnapshotPart> parts() {
    return parts;
  }

  boolean tryIncRef() {
    while (true) {
      int r = refs.get();
      if (r <= 0) return false;
      if (refs.compareAndSet(r, r + 1)) return true;
    }
  }

  void decRef() {
    int r = refs.decrementAndGet();
    if (r == 0) {
      for (SnapshotPart p : parts) {
        if (p instanceof SnapshotPart.OfSegment s) s.reader.decRef();
      }
    } else if (r < 0) {
      throw new IllegalStateException("snapshot released more often than acquired");
    }
  }

  private void ensureOpen() {
    if (refs.get() <= 0) throw new IllegalStateException("snapshot is closed");
  }

  List<Hit> search(SearchRequest request) throws IOException {
    ensureOpen();
    return new SnapshotSearch(parts, dimension, similarity, type, context).search(request);
  }

  Optional<Document> get(String id) throws IOException {
    ensureOpen();
    byte[] utf8 = DocumentIds.requireValid(id);
    long hash = DocumentIds.hash(utf8);
    for (int i = parts.size() - 1; i >= 0; i--) {
      SnapshotPart p = parts.get(i);
      int ord = p.findLive(id, utf8, hash);
      if (ord >= 0) {
        StoredFields f = p.storedFields(ord);
        return Optional.of(new Document(id, p.vector(ord), Attributes.toJava(f.attributes()), f.text()));
      }
    }
    return Optional.empty();
  }

  long size() {
    ensureOpen();
    long n = 0;
    for (SnapshotPart p : parts) n += p.liveCount();
    return n;
  }

  /**
   * A user-facing handle owning one reference (taken by the caller), so that closing the handle
   * twice releases that reference once, and a closed handle cannot be used.
   */
  Snapshot handle() {
    CollectionSnapshot self = this;
    return new Snapshot() {
      private final java.util.concurrent.atomic.AtomicBoolean handleClosed = new java.util.concurrent.atomic.AtomicBoolean();

      private void check() {
        if (handleClosed.get()) throw new IllegalStateException("snapshot is closed");
      }

      @Override public List<Hit> search(SearchRequest request) throws IOException { check(); return self.search(request); }

      @Override public Optional<Document> get(String id) throws IOException { check(); return self.get(id); }

      @Override public long size() { check(); return self.size(); }

      @Override public void close() { if (handleClosed.compareAndSet(false, true)) self.decRef(); }
    };
  }
}
