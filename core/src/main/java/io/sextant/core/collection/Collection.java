package io.sextant.core.collection;

import io.sextant.core.internal.LazyLogger;
import io.sextant.core.document.AttributeValue;
import io.sextant.core.document.Attributes;
import io.sextant.core.document.DocumentCodec;
import io.sextant.core.document.DocumentIds;
import io.sextant.core.document.StoredFields;
import io.sextant.core.document.TypedAttributes;
import io.sextant.core.filter.Schema;
import io.sextant.core.text.AnalyzedText;
import io.sextant.core.store.BytesOutput;
import io.sextant.core.vector.VectorChecks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A persistent collection of documents (id, vector, attributes, text) searched by vector
 * similarity, stored in one folder.
 *
 * <pre>{@code
 * try (Collection c = Collection.open(Path.of("data/docs"), CollectionOptions.builder()
 *         .dimension(384).similarity(Similarity.COSINE).index("flat").build())) {
 *   c.upsert("doc-17", vector, Map.of("lang", "fr", "year", 2024), "texte du passage");
 *   c.delete("doc-3");
 *   c.commit();                                            // durable when this returns
 *   List<Hit> hits = c.search(SearchRequest.of(query).k(10));
 * }
 * }</pre>
 *
 * <p>Writes go to a write-ahead log and to an in-memory buffer that searches see at once; full
 * buffers become immutable, memory-mapped segments in the background, and small segments are
 * merged in the background. {@link #commit()} makes every write so far durable. Searches run on
 * point-in-time {@link Snapshot}s and are never blocked by writes, flushes or merges.
 *
 * <p>Thread-safe: any number of threads may search and write at once. One process at a time may
 * open a folder (a lock file enforces it).
 */
public final class Collection implements AutoCloseable {
  private static final System.Logger LOG = LazyLogger.of(Collection.class);
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final CollectionState state;
  private final WriterLock lock;
  private final ExecutorService flushExecutor;
  private final ExecutorService mergeExecutor;
  private final ScheduledExecutorService syncExecutor;
  private final Flusher flusher;
  private final Merger merger;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Collection(CollectionState state, WriterLock lock) {
    this.state = state;
    this.lock = lock;
    int n = INSTANCES.incrementAndGet();
    this.flushExecutor = Executors.newSingleThreadExecutor(daemon("sextant-flush-" + n));
    this.mergeExecutor = Executors.newSingleThreadExecutor(daemon("sextant-merge-" + n));
    this.merger = new Merger(state, mergeExecutor);
    // Anonymous classes, not method references: each lambda a fresh JVM links costs its first open
    // a millisecond or so (LambdaMetafactory spins a class), an anonymous class is merely loaded.
    Merger m = merger;
    this.flusher = new Flusher(state, flushExecutor, new Runnable() {
      @Override public void run() { m.maybeMerge(); }
    });
    Flusher f = flusher;
    state.onFreeze(new Runnable() {
      @Override public void run() { f.schedule(); }
    });
    if (state.options.durability() == Durability.BATCHED) {
      syncExecutor = Executors.newSingleThreadScheduledExecutor(daemon("sextant-sync-" + n));
      long ms = state.options.batchedSyncInterval().toMillis();
      syncExecutor.scheduleWithFixedDelay(this::syncQuietly, ms, ms, TimeUnit.MILLISECONDS);
    } else {
      syncExecutor = null;
    }
  }

  private static ThreadFactory daemon(String name) {
    return new ThreadFactory() {
      @Override
      public Thread newThread(Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
      }
    };
  }

  private void syncQuietly() {
    try {
      state.syncLog();
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "periodic log sync of " + state.dir + " failed", e);
    }
  }

  /**
   * Opens the collection in {@code dir}, creating it (and the folder) when there is none.
   * Reopening checks that dimension, similarity, index type and index parameters match the
   * stored ones; the other options apply to this instance only.
   *
   * @throws IllegalArgumentException when the folder is not a collection, or the options differ
   * @throws io.sextant.core.store.CorruptIndexException when a file is damaged or missing
   * @throws IOException when the folder is locked by another writer, or on I/O failure
   */
  public static Collection open(Path dir, CollectionOptions options) throws IOException {
    if (dir == null) throw new IllegalArgumentException("collection folder is null");
    if (options == null) throw new IllegalArgumentException("options are null; use open(path) to reopen with the stored ones");
    return start(Recovery.open(dir.toAbsolutePath().normalize(), options));
  }

  /** Opens an existing collection with its stored definition and default runtime options. */
  public static Collection open(Path dir) throws IOException {
    if (dir == null) throw new IllegalArgumentException("collection folder is null");
    return start(Recovery.open(dir.toAbsolutePath().normalize(), null));
  }

  private static Collection start(Recovery.Opened o) {
    Collection c = new Collection(o.state(), o.lock());
    if (o.state().hasPendingFlushes()) c.flusher.schedule();
    c.merger.maybeMerge();
    return c;
  }

  /** The options of this instance (the definition as stored in the collection). */
  public CollectionOptions options() {
    return state.options;
  }

  public Path folder() {
    return state.dir;
  }

  /** Inserts or replaces the document {@code id} with a vector and no attributes or text. */
  public void upsert(String id, float[] vector) throws IOException {
    upsert(id, vector, null, null);
  }

  /**
   * Inserts the document {@code id}, replacing any document with the same id. Visible to searches
   * when this returns; durable after the next {@link #commit()}.
   *
   * @param attributes String, Long/Integer/Short/Byte, Double/Float, Boolean, Instant or List&lt;String&gt; values;
   *                   may be null. Each field's type is the declared one ({@link CollectionOptions#schema()}) or
   *                   the type of the first value the collection saw for it; a clash is an IllegalArgumentException
   *                   naming the document, the field, its type and the value.
   * @param text       stored text, may be null
   * @throws IllegalArgumentException on an invalid id, vector, attribute or text (nothing is written)
   */
  public void upsert(String id, float[] vector, Map<String, ?> attributes, String text) throws IOException {
    byte[] utf8 = DocumentIds.requireValid(id);
    String owner = "document '" + id + "'";
    float[] v = VectorChecks.requireValid(vector, state.spec.dimension(), state.spec.similarity(), "vector of " + owner).clone();
    SortedMap<String, AttributeValue> attrs = Attributes.of(attributes, owner);
    // Checked and conformed (LONG into a DOUBLE field) before encoding; re-checked under the lock.
    io.sextant.core.filter.Attributes typed = TypedAttributes.toFilter(attrs);
    Schema schema = AttributeSchema.admit(state.schema(), state.options.schema(), typed, owner);
    io.sextant.core.filter.Attributes conformed = schema.conform(typed);
    if (!conformed.equals(typed)) {
      typed = conformed;
      attrs = TypedAttributes.fromFilter(conformed);
    }
    StoredFields fields = new StoredFields(attrs, DocumentCodec.requireValidText(text, owner));
    BytesOutput out = new BytesOutput(256);
    DocumentCodec.write(fields, out);
    if (out.size() > DocumentCodec.MAX_ENCODED_BYTES) {
      throw new IllegalArgumentException("attributes and text of " + owner + " take " + out.size()
          + " bytes, at most " + DocumentCodec.MAX_ENCODED_BYTES + " are allowed");
    }
    AnalyzedText analyzed = AnalyzedText.of(state.options.textAnalyzer(), fields.text());
    state.upsert(id, utf8, DocumentIds.hash(utf8), v, fields, out.toByteArray(), typed, analyzed);
  }

  /** Deletes the document {@code id}; returns whether it existed. Durable after the next {@link #commit()}. */
  public boolean delete(String id) throws IOException {
    byte[] utf8 = DocumentIds.requireValid(id);
    return state.delete(id, utf8, DocumentIds.hash(utf8));
  }

  /**
   * Makes every write that returned before this call durable: with {@link Durability#SYNC_ON_COMMIT}
   * (the default) the log is fsynced before this returns.
   */
  public void commit() throws IOException {
    state.commit();
  }

  /**
   * Writes the buffered documents into a segment now and records a new manifest, so the log can
   * be dropped. Rarely needed (buffers are flushed in the background when full and on close).
   *
   * @throws IOException also when an earlier background flush failed and still fails
   */
  public void flush() throws IOException {
    ensureOpen();
    state.freezeForFlush();
    flusher.flushNow();
  }

  /** Merges segments until at most {@code maxSegments} remain, without deleted documents. Blocks. */
  public void forceMerge(int maxSegments) throws IOException {
    ensureOpen();
    flush();
    merger.forceMerge(maxSegments);
  }

  /** The best hits for the request on the current state, including this instance's uncommitted writes. */
  public List<Hit> search(SearchRequest request) throws IOException {
    CollectionSnapshot s = state.acquire();
    try {
      return s.search(request);
    } finally {
      s.decRef();
    }
  }

  /** The live document with this id, if any. */
  public Optional<Document> get(String id) throws IOException {
    CollectionSnapshot s = state.acquire();
    try {
      return s.get(id);
    } finally {
      s.decRef();
    }
  }

  /** Number of live documents. */
  public long size() {
    CollectionSnapshot s = state.acquire();
    try {
      return s.size();
    } finally {
      s.decRef();
    }
  }

  /**
   * Bytes of all files in the collection folder (segments, their index files, tombstones,
   * manifest, logs): what the collection costs on disk right now.
   */
  public long diskBytes() throws IOException {
    ensureOpen();
    long total = 0;
    for (String name : CollectionFolder.list(state.dir)) {
      if (!CollectionFolder.isCollectionFile(name) || name.equals(WriterLock.FILE)) continue;
      try {
        total += java.nio.file.Files.size(state.dir.resolve(name));
      } catch (java.nio.file.NoSuchFileException e) {
        // deleted by a concurrent checkpoint or merge
      }
    }
    return total;
  }

  /**
   * A point-in-time view for several consistent searches; close it when done (it keeps the files
   * it reads from being deleted).
   */
  public Snapshot snapshot() {
    return state.acquire().handle();
  }

  /**
   * Verifies the whole collection: every file byte for byte (checksums), the manifest and what it
   * names, the logs, and the invariants (each live id once, deletes in range). Reads everything.
   *
   * @throws io.sextant.core.store.CorruptIndexException describing the first problem found
   */
  public void check() throws IOException {
    CollectionSnapshot s = state.acquire();
    try {
      CollectionChecker.check(state, s);
    } finally {
      s.decRef();
    }
  }

  private void ensureOpen() {
    if (closed.get()) throw new IllegalStateException("collection " + state.dir + " is closed");
  }

  /**
   * Flushes buffered documents into segments, writes a final manifest, syncs the log, stops
   * background work and releases the folder lock. Snapshots still open stay readable until closed.
   * Further calls do nothing.
   */
  @Override
  public void close() throws IOException {
    if (!closed.compareAndSet(false, true)) return;
    Throwable failure = null;
    state.beginClose();
    merger.abort();
    mergeExecutor.shutdown();
    if (syncExecutor != null) syncExecutor.shutdownNow();
    try {
      awaitQuietly(mergeExecutor);
      state.freezeForFlush();
      flusher.flushNow();
    } catch (IOException | RuntimeException e) {
      failure = e;
    }
    flushExecutor.shutdown();
    awaitQuietly(flushExecutor);
    try {
      state.release();
    } catch (IOException | RuntimeException e) {
      if (failure == null) failure = e;
      else failure.addSuppressed(e);
    }
    try {
      lock.close();
    } catch (IOException e) {
      if (failure == null) failure = e;
      else failure.addSuppressed(e);
    }
    if (failure instanceof IOException io) throw io;
    if (failure instanceof RuntimeException re) throw re;
  }

  private static void awaitQuietly(ExecutorService e) {
    try {
      if (!e.awaitTermination(5, TimeUnit.MINUTES)) LOG.log(System.Logger.Level.WARNING, "background task did not stop");
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "Collection[" + state.dir + ", " + state.options + "]";
  }

  // ---- for tests in this package ----

  CollectionState state() {
    return state;
  }

  long completedMerges() {
    return merger.completedMerges();
  }
}
