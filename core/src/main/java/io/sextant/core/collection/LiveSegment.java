package io.sextant.core.collection;

import io.sextant.core.segment.SegmentReader;

/**
 * A segment in the collection's current state: its reader (the collection's reference), its
 * deletes, and which of them are persisted in which tombstone generation. Guarded by the writer
 * lock.
 */
final class LiveSegment {
  final SegmentReader reader;
  final DeleteSet deletes;
  long tombstoneGen;
  int persistedDeletes;
  boolean merging;

  LiveSegment(SegmentReader reader, DeleteSet deletes, long tombstoneGen, int persistedDeletes) {
    this.reader = reader;
    this.deletes = deletes;
    this.tombstoneGen = tombstoneGen;
    this.persistedDeletes = persistedDeletes;
  }

  String name() {
    return reader.name();
  }

  int docCount() {
    return reader.docCount();
  }

  int liveCount() {
    return reader.docCount() - deletes.cardinality();
  }

  @Override
  public String toString() {
    return name() + "(" + liveCount() + "/" + docCount() + ")";
  }
}
