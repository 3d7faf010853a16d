package io.sextant.core.collection;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A point-in-time view of a collection: every search and lookup through it sees the same
 * documents, whatever writes, flushes and merges happen meanwhile. It holds the segment files
 * it reads open (they are deleted only after the last snapshot using them is closed), so close
 * it promptly. Thread-safe.
 */
public interface Snapshot extends AutoCloseable {
  /** The best {@code k} live documents for the request, best first. */
  List<Hit> search(SearchRequest request) throws IOException;

  /** The live document with this id, if any. */
  Optional<Document> get(String id) throws IOException;

  /** Number of live documents. */
  long size();

  @Override
  void close();
}
