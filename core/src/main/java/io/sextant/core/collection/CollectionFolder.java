package io.sextant.core.collection;

import io.sextant.core.internal.FileNames;
import io.sextant.core.internal.LazyLogger;
import io.sextant.core.segment.Tombstones;
import io.sextant.core.wal.WalWriter;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/** Names of the files in a collection folder, and removal of those no manifest references. */
final class CollectionFolder {
  private static final System.Logger LOG = LazyLogger.of(CollectionFolder.class);
  static final String SEGMENT_PREFIX = "seg-";

  private CollectionFolder() {}

  static String segmentName(long id) {
    return SEGMENT_PREFIX + id;
  }

  /** The segment a file belongs to ({@code seg-12.vec} and {@code seg-12.del.3} give {@code seg-12}), or null. */
  static String segmentOf(String fileName) {
    if (!fileName.startsWith(SEGMENT_PREFIX)) return null;
    int dot = fileName.indexOf('.');
    if (dot <= SEGMENT_PREFIX.length()) return null;
    String digits = fileName.substring(SEGMENT_PREFIX.length(), dot);
    return FileNames.isDigits(digits) ? fileName.substring(0, dot) : null;
  }

  /** Whether a file name is one Sextant writes in a collection folder. */
  static boolean isCollectionFile(String name) {
    return name.equals(WriterLock.FILE) || name.startsWith(Manifest.PREFIX) || WalWriter.firstSeqOf(name) >= 0
        || segmentOf(name) != null;
  }

  static List<String> list(Path dir) throws IOException {
    // A plain loop: streams and lambdas cost a fresh JVM's first open several milliseconds.
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      for (Path p : s) names.add(p.getFileName().toString());
    }
    Collections.sort(names);
    return names;
  }

  /** The newest manifest generation among {@code names}, or -1. */
  static long newestManifest(List<String> names) {
    long best = -1;
    for (String n : names) best = Math.max(best, Manifest.generationOf(n));
    return best;
  }

  /**
   * Deletes what {@code manifest} does not reference: older manifests, temporary files, files of
   * unknown segments, superseded tombstone generations. Log files are handled by the caller
   * (which knows which ones replay needs). Only called while no flush or merge is writing.
   */
  static void removeUnreferenced(Path dir, Manifest manifest) throws IOException {
    Set<String> segments = new java.util.HashSet<>();
    Set<String> tombstones = new java.util.HashSet<>();
    for (Manifest.SegmentEntry e : manifest.segments()) {
      segments.add(e.name());
      if (e.tombstoneGen() > 0) tombstones.add(Tombstones.fileName(e.name(), e.tombstoneGen()));
    }
    for (String name : list(dir)) {
      boolean obsolete;
      if (name.startsWith(Manifest.PREFIX)) {
        obsolete = !name.equals(Manifest.fileName(manifest.generation()));
      } else if (segmentOf(name) != null) {
        String seg = segmentOf(name);
        obsolete = !segments.contains(seg) || (name.startsWith(seg + ".del.") && !tombstones.contains(name));
      } else {
        obsolete = false;
      }
      if (obsolete) delete(dir.resolve(name));
    }
  }

  static void delete(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "could not delete " + p + "; it is retried when the collection next opens", e);
    }
  }
}
