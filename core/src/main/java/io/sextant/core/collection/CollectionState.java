package io.sextant.core.collection;

import io.sextant.core.internal.LazyLogger;
import io.sextant.core.document.StoredFields;
import io.sextant.core.index.IndexSpec;
import io.sextant.core.index.IndexType;
import io.sextant.core.segment.SegmentReader;
import io.sextant.core.segment.Tombstones;
import io.sextant.core.document.DocumentCodec;
import io.sextant.core.document.TypedAttributes;
import io.sextant.core.filter.Attributes;
import io.sextant.core.filter.Schema;
import io.sextant.core.store.BytesOutput;
import io.sextant.core.text.AnalyzedText;
import io.sextant.core.wal.WalRecord;
import io.sextant.core.wal.WalWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.roaringbitmap.RoaringBitmap;

/**
 * The mutable state of an open collection and the only code that changes it: the log, the write
 * buffers, the live segments and their deletes, and the published snapshot. Every change happens
 * under {@link #lock} and is short; file writing (segments, tombstones, manifests) happens
 * outside it, in {@link Flusher}, {@link Merger} and {@link #checkpoint()}.
 *
 * <p>Invariant: an id has at most one live copy across segments and buffers, so a delete stops
 * at the first live copy it finds.
 */
final class CollectionState {
  private static final System.Logger LOG = LazyLogger.of(CollectionState.class);
  /** Writers wait when this many frozen buffers are waiting to be flushed. */
  static final int MAX_PENDING_FLUSHES = 2;

  final Path dir;
  final CollectionOptions options;
  final IndexType type;
  final IndexSpec spec;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition flushProgress = lock.newCondition();
  private final Checkpointer checkpointer = new Checkpointer(this);

  private long lastSeq;
  private WalWriter wal;
  private final List<WalSpan> oldWals = new ArrayList<>();
  private WriteBuffer active;
  private final ArrayDeque<WriteBuffer> frozen = new ArrayDeque<>();
  private final List<LiveSegment> segments = new ArrayList<>();
  private final List<LiveSegment> pendingDrops = new ArrayList<>();
  /** Field types of every document the collection holds or has logged; only grows, under {@link #lock}. */
  private volatile Schema schema;
  private long nextSegmentId;
  private long nextBufferId;
  private long flushedSeq;
  private long manifestGen;
  private volatile long version;
  private volatile CollectionSnapshot published;
  private boolean closing;
  private IOException flushFailure;
  private Runnable onFreeze; // null until the Collection sets it (no lambda on the open path)

  CollectionState(Path dir, CollectionOptions options, IndexType type, IndexSpec spec, Manifest manifest) {
    this.dir = dir;
    this.options = options;
    this.type = type;
    this.spec = spec;
    this.nextSegmentId = manifest.nextSegmentId();
    this.flushedSeq = manifest.flushedSeq();
    this.lastSeq = manifest.flushedSeq();
    this.manifestGen = manifest.generation();
    this.active = newBuffer();
    this.schema = options.schema();
  }

  /** The current attribute schema (declared fields plus those inferred so far). */
  Schema schema() {
    return schema;
  }

  private WriteBuffer newBuffer() {
    return new WriteBuffer(nextBufferId++, type, spec);
  }

  // ---- recovery (single-threaded, before the collection is handed out) ----

  void restoreSegment(LiveSegment s) throws IOException {
    var attrs = s.reader.fieldIndexes().attributes();
    if (attrs != null) schema = AttributeSchema.withSegmentFields(schema, attrs.fields(), s.name());
    segments.add(s);
  }

  /** Applies a replayed log record; the log itself is not written. */
  void replay(WalRecord r, byte[] idUtf8, long hash, byte[] storedBytes) throws IOException {
    Live old = locate(r.id(), idUtf8, hash);
    if (old != null) old.deletes().add(old.ord());
    if (r instanceof WalRecord.Upsert u) {
      Attributes attrs = TypedAttributes.toFilter(u.fields().attributes());
      schema = AttributeSchema.admit(schema, options.schema(), attrs, "logged document '" + u.id() + "'");
      active.add(u.id(), u.vector(), storedBytes, attrs,
          AnalyzedText.of(options.textAnalyzer(), u.fields().text()));
    }
    lastSeq = r.seq();
    if (bufferFull()) freezeActive();
  }

  /** Starts logging after recovery: {@code spans} are the replayed files still needed. */
  void startLog(List<WalSpan> spans, long lastReplayedSeq, WalWriter reopened) throws IOException {
    lastSeq = Math.max(lastSeq, lastReplayedSeq);
    oldWals.addAll(spans);
    wal = reopened != null ? reopened : WalWriter.create(dir, lastSeq + 1, lastSeq);
  }

  void onFreeze(Runnable r) {
    this.onFreeze = r;
  }

  // ---- writes ----

  /**
   * @param attrs the attributes of {@code fields} as filter attributes, conformed to a schema at
   *              most as new as the current one (re-conformed here when a field was added since)
   */
  void upsert(String id, byte[] idUtf8, long hash, float[] vector, StoredFields fields, byte[] storedBytes,
              Attributes attrs, AnalyzedText text) throws IOException {
    lock.lock();
    try {
      awaitFlushCapacity();
      Schema next = AttributeSchema.admit(schema, options.schema(), attrs, "document '" + id + "'");
      Attributes conformed = next.conform(attrs);
      if (!conformed.equals(attrs)) { // another writer inferred a wider type meanwhile (LONG -> DOUBLE)
        attrs = conformed;
        fields = new StoredFields(TypedAttributes.fromFilter(conformed), fields.text());
        BytesOutput out = new BytesOutput(storedBytes.length + 16);
        DocumentCodec.write(fields, out);
        storedBytes = out.toByteArray();
      }
      Live old = locate(id, idUtf8, hash); // may fail on a damaged id table: before anything is logged
      wal.flushIfLarge();
      long seq = lastSeq + 1;
      wal.append(new WalRecord.Upsert(seq, id, vector, fields));
      lastSeq = seq;
      schema = next;
      if (old != null) old.deletes().add(old.ord());
      active.add(id, vector, storedBytes, attrs, text);
      version++;
      if (bufferFull()) freezeAndRoll();
    } finally {
      lock.unlock();
    }
  }

  boolean delete(String id, byte[] idUtf8, long hash) throws IOException {
    lock.lock();
    try {
      ensureOpen();
      Live old = locate(id, idUtf8, hash);
      if (old == null) return false; // nothing to do, nothing to log
      wal.flushIfLarge();
      long seq = lastSeq + 1;
      wal.append(new WalRecord.Delete(seq, id));
      lastSeq = seq;
      old.deletes().add(old.ord());
      version++;
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Makes every write so far durable (or, under BATCHED durability, handed to the OS). */
  void commit() throws IOException {
    lock.lock();
    try {
      ensureOpen();
      if (options.durability() == Durability.SYNC_ON_COMMIT) wal.sync();
      else wal.flush();
    } finally {
      lock.unlock();
    }
  }

  /** The periodic fsync of {@link Durability#BATCHED}. */
  void syncLog() throws IOException {
    lock.lock();
    try {
      if (wal != null && !closing) wal.sync();
    } finally {
      lock.unlock();
    }
  }

  private void ensureOpen() {
    if (closing) throw new IllegalStateException("collection " + dir + " is closed");
  }

  private void awaitFlushCapacity() throws IOException {
    ensureOpen();
    while (frozen.size() >= MAX_PENDING_FLUSHES) {
      if (flushFailure != null) {
        throw new IOException("collection " + dir + " cannot take more writes: flushing the write buffer failed ("
            + flushFailure.getMessage() + "); free disk space and call flush()", flushFailure);
      }
      try {
        flushProgress.await(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted while waiting for a flush");
      }
      ensureOpen();
    }
  }

  private boolean bufferFull() {
    return active.size() >= options.maxBufferedDocs() || active.bytes() >= options.maxBufferedBytes();
  }

  /** Where the live copy of an id is. */
  private record Live(DeleteSet deletes, int ord) {}

  /** The live copy of {@code id}, wherever it is, or null. */
  private Live locate(String id, byte[] utf8, long hash) throws IOException {
    int ord = active.findLive(id);
    if (ord >= 0) return new Live(active.deletes, ord);
    for (Iterator<WriteBuffer> it = frozen.descendingIterator(); it.hasNext(); ) {
      WriteBuffer b = it.next();
      ord = b.findLive(id);
      if (ord >= 0) return new Live(b.deletes, ord);
    }
    for (int i = segments.size() - 1; i >= 0; i--) {
      LiveSegment s = segments.get(i);
      ord = s.reader.find(utf8, hash);
      if (ord >= 0 && !s.deletes.contains(ord)) return new Live(s.deletes, ord);
    }
    return null;
  }

  /** Freezes the active buffer and starts a new log file; on a log failure keeps buffering. */
  private void freezeAndRoll() {
    try {
      wal.sync(); // every older log file is complete on disk before a newer one exists
      WalWriter next = WalWriter.create(dir, lastSeq + 1, lastSeq);
      wal.close();
      oldWals.add(new WalSpan(wal.fileName(), wal.firstSeq(), wal.lastSeq()));
      wal = next;
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "could not start a new log file in " + dir + "; buffering on", e);
      return;
    }
    freezeActive();
  }

  private void freezeActive() {
    if (active.size() == 0) return;
    active.maxSeq = lastSeq;
    frozen.addLast(active);
    active = newBuffer();
    if (onFreeze != null) onFreeze.run();
  }

  /** Freezes the active buffer (for an explicit flush or close); true when there is anything to flush. */
  boolean freezeForFlush() {
    lock.lock();
    try {
      if (active.size() > 0) freezeAndRoll();
      return !frozen.isEmpty();
    } finally {
      lock.unlock();
    }
  }

  // ---- flush ----

  /** The next buffer to flush, with the deletes it has now, or null. */
  FlushTask nextFlush() {
    lock.lock();
    try {
      WriteBuffer b = frozen.peekFirst();
      if (b == null) return null;
      return new FlushTask(b, b.deletes.freeze(), CollectionFolder.segmentName(nextSegmentId++));
    } finally {
      lock.unlock();
    }
  }

  record FlushTask(WriteBuffer buffer, RoaringBitmap deletedAtStart, String segmentName) {}

  /**
   * Swaps a flushed buffer for its segment ({@code reader} null when every document was deleted),
   * carrying over the deletes that reached the buffer while it was being written.
   */
  void completeFlush(FlushTask task, SegmentReader reader, int[] newOrd) {
    lock.lock();
    try {
      WriteBuffer b = task.buffer();
      if (frozen.peekFirst() != b) throw new IllegalStateException("flushes completed out of order");
      if (reader != null) {
        DeleteSet carried = new DeleteSet();
        RoaringBitmap late = RoaringBitmap.andNot(b.deletes.freeze(), task.deletedAtStart());
        late.forEach((int ord) -> {
          if (newOrd[ord] >= 0) carried.add(newOrd[ord]);
        });
        segments.add(new LiveSegment(reader, carried, 0, 0));
      }
      frozen.removeFirst();
      flushedSeq = b.maxSeq;
      flushFailure = null;
      version++;
      flushProgress.signalAll();
    } finally {
      lock.unlock();
    }
  }

  void flushFailed(IOException e) {
    lock.lock();
    try {
      flushFailure = e;
      flushProgress.signalAll();
    } finally {
      lock.unlock();
    }
  }
  boolean hasPendingFlushes() {
    lock.lock();
    try {
      return !frozen.isEmpty();
    } finally {
      lock.unlock();
    }
  }

  // ---- merges ----

  /** A segment the merge policy may pick, with its sizes as of now. */
  record MergeCandidate(LiveSegment segment, int docCount, int liveCount) {}

  /** Live segments not being merged, for the merge policy. */
  List<MergeCandidate> mergeCandidates() {
    lock.lock();
    try {
      if (closing) return List.of();
      return segments.stream().filter(s -> !s.merging)
          .map(s -> new MergeCandidate(s, s.docCount(), s.liveCount())).toList();
    } finally {
      lock.unlock();
    }
  }

  record MergeTask(List<LiveSegment> sources, List<RoaringBitmap> deletedAtStart, String segmentName) {}

  /** Marks {@code sources} as merging and freezes their deletes; null when one is gone or busy. */
  MergeTask startMerge(List<LiveSegment> sources) {
    lock.lock();
    try {
      if (closing) return null;
      for (LiveSegment s : sources) if (s.merging || !segments.contains(s)) return null;
      List<RoaringBitmap> starts = new ArrayList<>();
      for (LiveSegment s : sources) {
        s.merging = true;
        s.reader.incRef(); // released by the merger when done: close must not unmap what it reads
        starts.add(s.deletes.freeze());
      }
      return new MergeTask(List.copyOf(sources), starts, CollectionFolder.segmentName(nextSegmentId++));
    } finally {
      lock.unlock();
    }
  }

  void abortMerge(MergeTask task) {
    lock.lock();
    try {
      for (LiveSegment s : task.sources()) s.merging = false;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Replaces the sources by the merged segment ({@code reader} null when nothing was live),
   * carrying the deletes that reached the sources during the merge.
   *
   * @param newOrd per source, the merged ordinal of each source ordinal (-1: dropped)
   */
  void completeMerge(MergeTask task, SegmentReader reader, List<int[]> newOrd) {
    lock.lock();
    try {
      DeleteSet carried = new DeleteSet();
      for (int i = 0; i < task.sources().size(); i++) {
        LiveSegment s = task.sources().get(i);
        int[] map = newOrd.get(i);
        RoaringBitmap late = RoaringBitmap.andNot(s.deletes.freeze(), task.deletedAtStart().get(i));
        late.forEach((int ord) -> {
          if (map[ord] >= 0) carried.add(map[ord]);
        });
      }
      int at = segments.indexOf(task.sources().getFirst());
      segments.removeAll(task.sources());
      if (reader != null) segments.add(Math.min(at, segments.size()), new LiveSegment(reader, carried, 0, 0));
      pendingDrops.addAll(task.sources());
      version++;
    } finally {
      lock.unlock();
    }
  }

  // ---- snapshots ----

  /** A snapshot of the current state with one reference for the caller. */
  CollectionSnapshot acquire() {
    CollectionSnapshot s = published;
    if (s != null && s.version == version && s.tryIncRef()) return s;
    lock.lock();
    try {
      ensureOpen();
      s = published;
      if (s == null || s.version != version) {
        CollectionSnapshot fresh = buildSnapshot();
        if (s != null) s.decRef();
        published = fresh;
        s = fresh;
      }
      if (!s.tryIncRef()) throw new IllegalStateException("published snapshot already released");
      return s;
    } finally {
      lock.unlock();
    }
  }

  private CollectionSnapshot buildSnapshot() {
    List<SnapshotPart> parts = new ArrayList<>();
    for (LiveSegment s : segments) {
      s.reader.incRef();
      parts.add(new SnapshotPart.OfSegment(s.reader, s.deletes.freeze()));
    }
    for (WriteBuffer b : frozen) parts.add(new SnapshotPart.OfBuffer(b, b.size(), b.deletes.freeze()));
    if (active.size() > 0) parts.add(new SnapshotPart.OfBuffer(active, active.size(), active.deletes.freeze()));
    return new CollectionSnapshot(version, parts, spec.dimension(), spec.similarity(), type,
        new SearchContext(schema, options.textAnalyzer(), options.bm25()));
  }

  // ---- checkpoints (the file writing is Checkpointer's) ----

  /** A tombstone generation to write: a frozen bitmap, never modified again. */
  record TombstoneWrite(LiveSegment segment, RoaringBitmap deleted) {}

  /** What a checkpoint writes, captured at one instant under the writer lock. */
  record CheckpointPlan(Manifest manifest, List<TombstoneWrite> tombstones, List<LiveSegment> drops, long flushedSeq) {}

  /**
   * Captures the current state for a new manifest generation. The log is synced first: the
   * captured deletes may come from operations not yet durable, and after a crash no operation
   * may be half applied.
   */
  CheckpointPlan planCheckpoint() throws IOException {
    lock.lock();
    try {
      wal.sync();
      if (frozen.isEmpty() && active.size() == 0) flushedSeq = lastSeq;
      long gen = ++manifestGen;
      List<TombstoneWrite> writes = new ArrayList<>();
      List<Manifest.SegmentEntry> entries = new ArrayList<>();
      for (LiveSegment s : segments) {
        int card = s.deletes.cardinality();
        long tombGen = s.tombstoneGen;
        if (card != s.persistedDeletes) {
          writes.add(new TombstoneWrite(s, s.deletes.freeze()));
          tombGen = gen;
        }
        entries.add(new Manifest.SegmentEntry(s.name(), s.docCount(), card, card == 0 ? 0 : tombGen));
      }
      List<String> wals = new ArrayList<>();
      // Named, so that losing one is detected: logs holding operations after the flushed one,
      // and the current log, which will hold the next ones.
      for (WalSpan w : oldWals) if (w.lastSeq() >= w.firstSeq() && w.lastSeq() > flushedSeq) wals.add(w.name());
      wals.add(wal.fileName());
      Manifest m = new Manifest(gen, spec.dimension(), spec.similarity(), type.name(), spec.params(), nextSegmentId,
          flushedSeq, lastSeq, wals, entries);
      return new CheckpointPlan(m, writes, List.copyOf(pendingDrops), flushedSeq);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Records that {@code plan}'s manifest is durable and returns the files it made obsolete
   * (previous manifest and tombstones, fully flushed logs); releases the segments it dropped.
   */
  List<String> checkpointWritten(CheckpointPlan plan) {
    List<String> obsolete = new ArrayList<>();
    long gen = plan.manifest().generation();
    obsolete.add(Manifest.fileName(gen - 1));
    lock.lock();
    try {
      for (TombstoneWrite w : plan.tombstones()) {
        LiveSegment s = w.segment();
        if (s.tombstoneGen > 0) obsolete.add(Tombstones.fileName(s.name(), s.tombstoneGen));
        s.tombstoneGen = gen;
        s.persistedDeletes = w.deleted().getCardinality();
      }
      for (LiveSegment s : plan.drops()) {
        if (s.tombstoneGen > 0) obsolete.add(Tombstones.fileName(s.name(), s.tombstoneGen));
        s.reader.markDropped();
        s.reader.decRef();
      }
      pendingDrops.removeAll(plan.drops());
      for (Iterator<WalSpan> it = oldWals.iterator(); it.hasNext(); ) {
        WalSpan w = it.next();
        if (w.lastSeq() <= plan.flushedSeq()) {
          obsolete.add(w.name());
          it.remove();
        }
      }
      return obsolete;
    } finally {
      lock.unlock();
    }
  }

  /** Writes a new manifest generation (see {@link Checkpointer}). */
  void checkpoint() throws IOException {
    checkpointer.checkpoint();
  }

  // ---- close ----

  /** Rejects further writes and snapshots; flushes and merges see it and stop. */
  void beginClose() {
    lock.lock();
    try {
      closing = true;
      flushProgress.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Closes the log (synced) and releases the collection's references; open snapshots keep theirs. */
  void release() throws IOException {
    lock.lock();
    try {
      CollectionSnapshot p = published;
      published = null;
      if (p != null) p.decRef();
      for (LiveSegment s : segments) s.reader.decRef();
      for (LiveSegment s : pendingDrops) s.reader.decRef();
      segments.clear();
      pendingDrops.clear();
      if (wal != null) {
        WalWriter w = wal;
        wal = null;
        w.close(); // kept even when empty: the last manifest names it
      }
    } finally {
      lock.unlock();
    }
  }

  // ---- inspection (check, tests) ----

  /** Applies {@code f} to this state under the writer lock (checks and tests). */
  <T> T inspect(java.util.function.Function<CollectionState, T> f) {
    lock.lock();
    try {
      return f.apply(this);
    } finally {
      lock.unlock();
    }
  }

  /** Runs {@code action} while no checkpoint writes or deletes files. */
  <T> T underCheckpointLock(java.util.concurrent.Callable<T> action) throws Exception {
    return checkpointer.exclusive(action);
  }

  /** The live segments; only under {@link #inspect}. */
  List<LiveSegment> segmentsUnsafe() {
    return segments;
  }
}
