package io.sextant.core.collection;

import io.sextant.core.segment.SegmentInfo;
import io.sextant.core.segment.Tombstones;
import io.sextant.core.store.CorruptIndexException;
import io.sextant.core.wal.WalReader;
import io.sextant.core.wal.WalWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.roaringbitmap.RoaringBitmap;

/**
 * The full verification behind {@link Collection#check()}: the newest manifest and everything it
 * names on disk (segment files byte for byte, tombstones, logs), then the invariants of a
 * snapshot (deletes in range, every live id exactly once).
 */
final class CollectionChecker {
  private CollectionChecker() {}

  static void check(CollectionState state, CollectionSnapshot snapshot) throws IOException {
    try {
      state.underCheckpointLock(() -> {
        checkDisk(state.dir);
        return null;
      });
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e);
    }
    checkSnapshot(state.dir, snapshot);
  }

  private static void checkDisk(Path dir) throws IOException {
    List<String> names = CollectionFolder.list(dir);
    long gen = CollectionFolder.newestManifest(names);
    if (gen < 0) throw new CorruptIndexException(dir.toString(), "no manifest in the collection folder");
    Manifest m = Manifest.read(dir.resolve(Manifest.fileName(gen)));
    for (Manifest.SegmentEntry e : m.segments()) {
      SegmentInfo info = SegmentInfo.read(dir, e.name());
      if (info.docCount() != e.docCount()) {
        throw new CorruptIndexException(SegmentInfo.path(dir, e.name()).toString(), "records " + info.docCount()
            + " documents, the manifest " + e.docCount());
      }
      if (e.tombstoneGen() > 0) {
        RoaringBitmap del = Tombstones.read(dir, e.name(), e.tombstoneGen(), e.docCount());
        if (del.getCardinality() != e.deleteCount()) {
          throw new CorruptIndexException(dir.resolve(Tombstones.fileName(e.name(), e.tombstoneGen())).toString(),
              "holds " + del.getCardinality() + " deletes, the manifest records " + e.deleteCount());
        }
      }
    }
    for (String w : m.walFiles()) {
      if (!Files.exists(dir.resolve(w))) {
        throw new CorruptIndexException(dir.resolve(w).toString(), "log file named by manifest " + gen + " is missing");
      }
    }
    List<String> logs = names.stream().filter(n -> WalWriter.firstSeqOf(n) >= 0)
        .sorted((a, b) -> Long.compare(WalWriter.firstSeqOf(a), WalWriter.firstSeqOf(b))).toList();
    for (int i = 0; i < logs.size(); i++) {
      Path p = dir.resolve(logs.get(i));
      WalReader.Result r = WalReader.read(p, rec -> { });
      boolean newest = i == logs.size() - 1;
      // The newest log is being appended to: a partial record at its end is a write in progress.
      if (!r.headerValid() || (r.tornTail() && !newest)) {
        throw new CorruptIndexException(p.toString(), r.validEnd(), "log is damaged (" + r.tornReason() + ")");
      }
    }
  }

  private static void checkSnapshot(Path dir, CollectionSnapshot snapshot) throws IOException {
    Map<String, String> owner = new HashMap<>();
    for (SnapshotPart p : snapshot.parts()) {
      String where = p instanceof SnapshotPart.OfSegment s ? "segment " + s.reader.name() : "write buffer";
      if (p instanceof SnapshotPart.OfSegment s) s.reader.checkIntegrity();
      RoaringBitmap del = p.deleted();
      if (!del.isEmpty() && (del.last() < 0 || del.last() >= p.docCount())) {
        throw new CorruptIndexException(dir.toString(), where + " has deleted ordinal " + del.last() + " outside [0, "
            + p.docCount() + ")");
      }
      for (int ord = 0; ord < p.docCount(); ord++) {
        if (del.contains(ord)) continue;
        String id = p.id(ord);
        String previous = owner.put(id, where);
        if (previous != null) {
          throw new CorruptIndexException(dir.toString(), "id '" + id + "' is live twice: in " + previous + " and in " + where);
        }
      }
    }
  }
}
