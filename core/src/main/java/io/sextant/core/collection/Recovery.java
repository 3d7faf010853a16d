package io.sextant.core.collection;

import io.sextant.core.internal.LazyLogger;
import io.sextant.core.document.DocumentCodec;
import io.sextant.core.document.DocumentIds;
import io.sextant.core.index.IndexParams;
import io.sextant.core.index.IndexSpec;
import io.sextant.core.index.IndexType;
import io.sextant.core.index.IndexTypes;
import io.sextant.core.segment.SegmentReader;
import io.sextant.core.segment.Tombstones;
import io.sextant.core.store.BytesOutput;
import io.sextant.core.store.CorruptIndexException;
import io.sextant.core.store.Fsync;
import io.sextant.core.wal.WalReader;
import io.sextant.core.wal.WalRecord;
import io.sextant.core.wal.WalWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.roaringbitmap.RoaringBitmap;

/**
 * Opens or creates a collection folder: lock, newest manifest, segments and their tombstones,
 * removal of files no manifest references, replay of the log after the manifest's flushed
 * sequence number (a torn tail of the newest log is cut off), and a fresh checkpoint.
 */
final class Recovery {
  private static final System.Logger LOG = LazyLogger.of(Recovery.class);

  private Recovery() {}

  record Opened(CollectionState state, WriterLock lock) {}

  static Opened open(Path dir, CollectionOptions requested) throws IOException {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new IllegalArgumentException(dir + " is a file, not a collection folder");
    }
    if (Files.isDirectory(dir)) {
      checkLooksLikeCollection(dir, CollectionFolder.list(dir), requested);
    } else {
      if (requested == null) throw new IllegalArgumentException("no collection at " + dir + "; pass CollectionOptions to create one");
      Files.createDirectories(dir);
    }
    WriterLock lock = WriterLock.acquire(dir);
    List<SegmentReader> opened = new ArrayList<>();
    try {
      List<String> names = CollectionFolder.list(dir);
      checkLooksLikeCollection(dir, names, requested);
      long gen = CollectionFolder.newestManifest(names);
      Manifest m = gen < 0 ? create(dir, requested) : Manifest.read(dir.resolve(Manifest.fileName(gen)));
      IndexType type = IndexTypes.get(m.indexType());
      IndexSpec spec = new IndexSpec(m.dimension(), m.similarity(), m.indexParams());
      CollectionOptions options = requested != null ? requested : CollectionOptions.builder().dimension(m.dimension())
          .similarity(m.similarity()).index(m.indexType(), m.indexParams()).build();
      if (requested != null) checkSameDefinition(dir, m, requested, type);
      CollectionState state = new CollectionState(dir, options, type, spec, m);
      for (Manifest.SegmentEntry e : m.segments()) {
        SegmentReader r = SegmentReader.open(dir, e.name(), options.verifyChecksumsBelowBytes());
        opened.add(r);
        String mf = dir.resolve(Manifest.fileName(m.generation())).toString();
        if (r.docCount() != e.docCount()) {
          throw new CorruptIndexException(mf, "segment " + e.name() + " has " + r.docCount() + " documents, the manifest records " + e.docCount());
        }
        if (!r.spec().equals(spec) || !r.info().indexType().equals(type.name())) {
          throw new CorruptIndexException(mf, "segment " + e.name() + " was written for " + r.spec() + " " + r.info().indexType()
              + ", the collection is " + spec + " " + type.name());
        }
        DeleteSet deletes = new DeleteSet(); // tombstone generation 0: no deletes (the manifest checks deleteCount 0)
        if (e.tombstoneGen() != 0) {
          RoaringBitmap deleted = Tombstones.read(dir, e.name(), e.tombstoneGen(), e.docCount());
          if (deleted.getCardinality() != e.deleteCount()) {
            throw new CorruptIndexException(dir.resolve(Tombstones.fileName(e.name(), e.tombstoneGen())).toString(),
                "holds " + deleted.getCardinality() + " deletes, the manifest records " + e.deleteCount());
          }
          deletes = new DeleteSet(deleted);
        }
        state.restoreSegment(new LiveSegment(r, deletes, e.tombstoneGen(), e.deleteCount()));
      }
      CollectionFolder.removeUnreferenced(dir, m);
      Replay replay = replayLog(dir, m, state, spec);
      // A clean reopen (nothing to replay, the log the manifest names resumed) needs no new
      // manifest: opening a large collection then costs no fsync.
      if (replay.changedState() || !replay.obsolete().isEmpty()) state.checkpoint();
      for (Path p : replay.obsolete()) CollectionFolder.delete(p);
      return new Opened(state, lock);
    } catch (IOException | RuntimeException e) {
      for (SegmentReader r : opened) r.decRef();
      lock.close();
      throw e;
    }
  }

  private static void checkLooksLikeCollection(Path dir, List<String> names, CollectionOptions requested)
      throws IOException {
    boolean hasManifest = CollectionFolder.newestManifest(names) >= 0;
    if (hasManifest) return;
    for (String n : names) {
      if (!CollectionFolder.isCollectionFile(n)) {
        throw new IllegalArgumentException("folder " + dir + " is not a Sextant collection: it has no manifest and holds "
            + "other files (e.g. '" + n + "'); use an empty or new folder");
      }
    }
    for (String n : names) {
      if (CollectionFolder.segmentOf(n) != null || WalWriter.firstSeqOf(n) >= 0) {
        throw new CorruptIndexException(dir.toString(), "no manifest found, yet the folder holds collection files (e.g. '"
            + n + "'); the manifest was deleted or lost");
      }
    }
    if (requested == null) {
      throw new IllegalArgumentException("no collection at " + dir + "; pass CollectionOptions to create one");
    }
  }

  private static Manifest create(Path dir, CollectionOptions o) throws IOException {
    IndexType type = IndexTypes.get(o.indexType());
    IndexParams params = type.configure(o.indexParams(), o.dimension(), o.similarity());
    Manifest m = new Manifest(1, o.dimension(), o.similarity(), type.name(), params, 1, 0, 0, List.of(), List.of());
    m.write(dir);
    return m;
  }

  private static void checkSameDefinition(Path dir, Manifest m, CollectionOptions o, IndexType type) {
    List<String> diffs = new ArrayList<>();
    if (m.dimension() != o.dimension()) diffs.add("dimension " + m.dimension() + " (options ask for " + o.dimension() + ")");
    if (m.similarity() != o.similarity()) diffs.add("similarity " + m.similarity() + " (options ask for " + o.similarity() + ")");
    if (!m.indexType().equals(o.indexType())) diffs.add("index '" + m.indexType() + "' (options ask for '" + o.indexType() + "')");
    else {
      IndexParams asked = type.configure(o.indexParams(), o.dimension(), o.similarity());
      if (!asked.equals(m.indexParams())) {
        diffs.add("index parameters {" + m.indexParams() + "} (options ask for {" + asked + "})");
      }
    }
    if (!diffs.isEmpty()) {
      throw new IllegalArgumentException("collection " + dir + " was created with " + String.join(", ", diffs)
          + "; open it with matching options, or with Collection.open(path) to use the stored ones");
    }
  }

  /**
   * What replay did: whether the state differs from the manifest's (operations replayed, or a
   * log the manifest does not name started), and logs to delete after the next checkpoint.
   */
  private record Replay(boolean changedState, List<Path> obsolete) {}

  /** Replays every log record after the manifest's flushed sequence number. */
  private static Replay replayLog(Path dir, Manifest m, CollectionState state, IndexSpec spec) throws IOException {
    // Log names hold their first sequence number zero-padded to a fixed width: name order is sequence order.
    List<String> logs = new ArrayList<>();
    for (String n : CollectionFolder.list(dir)) if (WalWriter.firstSeqOf(n) >= 0) logs.add(n);
    String manifestName = dir.resolve(Manifest.fileName(m.generation())).toString();
    for (String named : m.walFiles()) {
      if (!logs.contains(named)) {
        throw new CorruptIndexException(dir.resolve(named).toString(), -1, "log file is missing; " + manifestName
            + " names it as holding operations after sequence " + m.flushedSeq(), null);
      }
    }
    long flushed = m.flushedSeq();
    long[] expected = {flushed + 1};
    record Replayed(String name, WalReader.Result result) {}
    List<Replayed> valid = new ArrayList<>();
    BytesOutput stored = new BytesOutput(1024);
    for (int i = 0; i < logs.size(); i++) {
      String name = logs.get(i);
      Path p = dir.resolve(name);
      boolean newest = i == logs.size() - 1;
      long replayedBefore = expected[0];
      WalReader.Result r = WalReader.read(p, rec -> {
        if (rec.seq() <= flushed) return;
        if (rec.seq() != expected[0]) {
          throw new CorruptIndexException(p.toString(), "expected operation " + expected[0] + ", found " + rec.seq()
              + ": log records are missing");
        }
        byte[] utf8 = rec.id().getBytes(StandardCharsets.UTF_8);
        stored.reset();
        if (rec instanceof WalRecord.Upsert u) {
          if (u.vector().length != spec.dimension()) {
            throw new CorruptIndexException(p.toString(), "operation " + rec.seq() + " has a vector of dimension "
                + u.vector().length + ", the collection has " + spec.dimension());
          }
          DocumentCodec.write(u.fields(), stored);
        }
        state.replay(rec, utf8, DocumentIds.hash(utf8), stored.toByteArray());
        expected[0]++;
      });
      if (!r.headerValid()) {
        if (newest && !m.walFiles().contains(name)) {
          LOG.log(System.Logger.Level.INFO, "removing " + p + ": created during a crash, before its header was written");
          Files.delete(p);
          continue;
        }
        throw new CorruptIndexException(p.toString(), 0, "log header is damaged (" + r.tornReason() + ")");
      }
      if (r.firstSeq() != WalWriter.firstSeqOf(name)) {
        throw new CorruptIndexException(p.toString(), 16, "header says the first operation is " + r.firstSeq()
            + ", the file name says " + WalWriter.firstSeqOf(name));
      }
      if (r.tornTail()) {
        if (!newest) {
          throw new CorruptIndexException(p.toString(), r.validEnd(), "damaged record in a log that is not the newest ("
              + r.tornReason() + ")");
        }
        LOG.log(System.Logger.Level.INFO, "recovering " + p + ": ignoring " + (r.fileSize() - r.validEnd())
            + " bytes of an unsynced, torn tail (" + r.tornReason() + ")");
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
          ch.truncate(r.validEnd());
          ch.force(true);
        }
      } else if (!newest || expected[0] > replayedBefore) {
        // Records replayed from the page cache must be on disk before a checkpoint persists their effects.
        // The newest log with nothing to replay needs no fsync (a clean reopen then costs none): its
        // records are in segments already, its header was forced when it was created, and an unforced
        // tail (a sync marker) that a crash tears is cut off as a torn tail of the newest log.
        Fsync.file(p);
      }
      valid.add(new Replayed(name, r));
    }
    if (expected[0] - 1 < m.syncedSeq()) {
      throw new CorruptIndexException(manifestName, "records operations up to " + m.syncedSeq() + " as synced to the log, "
          + "but the logs end at operation " + (expected[0] - 1) + ": log records were lost");
    }
    // The newest log stays the current one (appending resumes where its intact records end);
    // older ones are kept while they hold operations not yet in segments.
    List<WalSpan> keep = new ArrayList<>();
    List<Path> obsolete = new ArrayList<>();
    WalWriter current = null;
    for (int i = 0; i < valid.size(); i++) {
      Replayed v = valid.get(i);
      WalReader.Result r = v.result();
      if (i == valid.size() - 1 && r.lastSeq() == expected[0] - 1) {
        current = WalWriter.reopen(dir.resolve(v.name()), r.firstSeq(), r.lastSeq(), r.validEnd());
      } else if (r.lastSeq() >= r.firstSeq() && r.lastSeq() > flushed) {
        keep.add(new WalSpan(v.name(), r.firstSeq(), r.lastSeq()));
      } else {
        obsolete.add(dir.resolve(v.name()));
      }
    }
    state.startLog(keep, expected[0] - 1, current);
    boolean changed = expected[0] - 1 > flushed || current == null || !m.walFiles().contains(current.fileName())
        || m.walFiles().size() != keep.size() + 1;
    return new Replay(changed, obsolete);
  }
}
