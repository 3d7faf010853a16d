package io.sextant.core.collection;

import io.sextant.core.internal.FileNames;
import io.sextant.core.index.IndexParams;
import io.sextant.core.store.ChecksummedOutput;
import io.sextant.core.store.CorruptIndexException;
import io.sextant.core.store.FileFormat;
import io.sextant.core.store.Fsync;
import io.sextant.core.store.MappedFile;
import io.sextant.core.store.MappedInput;
import io.sextant.core.vector.Similarity;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One generation of the collection's manifest ({@code manifest-<generation>}): what the
 * collection is (dimension, similarity, index type and parameters), its live segments with their
 * tombstone generations, the last operation sequence number contained in segments, and the log
 * files that hold the operations after it, and the last operation known durable when it was
 * written (replay must reach it: the log cannot silently lose what a manifest saw synced). Written to a temporary file, fsynced, renamed over,
 * folder fsynced: a manifest under its final name is always complete.
 */
record Manifest(long generation, int dimension, Similarity similarity, String indexType, IndexParams indexParams,
                long nextSegmentId, long flushedSeq, long syncedSeq, List<String> walFiles, List<SegmentEntry> segments) {
  static final String KIND = "MANI";
  static final int VERSION = 1;
  static final String PREFIX = "manifest-";
  static final String TMP_SUFFIX = ".tmp";

  /** A live segment: its name, size, and the tombstone generation holding its deletes (0: none). */
  record SegmentEntry(String name, int docCount, int deleteCount, long tombstoneGen) {}

  Manifest {
    walFiles = List.copyOf(walFiles);
    segments = List.copyOf(segments);
  }

  static String fileName(long generation) {
    return PREFIX + FileNames.digits(generation);
  }

  /** The generation a manifest file name encodes, or -1 for other names (temporary files included). */
  static long generationOf(String fileName) {
    if (!fileName.startsWith(PREFIX)) return -1;
    String digits = fileName.substring(PREFIX.length());
    if (digits.length() != FileNames.WIDTH || !FileNames.isDigits(digits)) return -1;
    return Long.parseLong(digits);
  }

  /** Writes this generation durably (temporary file, fsync, atomic rename, folder fsync). */
  void write(Path dir) throws IOException {
    Path target = dir.resolve(fileName(generation));
    Path tmp = dir.resolve(fileName(generation) + TMP_SUFFIX);
    Files.deleteIfExists(tmp);
    try (ChecksummedOutput out = ChecksummedOutput.create(tmp, KIND, VERSION)) {
      out.writeLong(generation);
      out.writeInt(dimension);
      out.writeString(similarity.name());
      out.writeString(indexType);
      out.writeString(indexParams.toString());
      out.writeLong(nextSegmentId);
      out.writeLong(flushedSeq);
      out.writeLong(syncedSeq);
      out.writeInt(walFiles.size());
      for (String w : walFiles) out.writeString(w);
      out.writeInt(segments.size());
      for (SegmentEntry s : segments) {
        out.writeString(s.name());
        out.writeInt(s.docCount());
        out.writeInt(s.deleteCount());
        out.writeLong(s.tombstoneGen());
      }
      out.finish();
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    Fsync.atomicRename(tmp, target);
  }

  /** Reads and fully verifies a manifest file. */
  static Manifest read(Path file) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MappedFile f = MappedFile.open(file, arena, KIND, VERSION, true);
      MappedInput in = f.input();
      String name = f.name();
      long gen = in.readLong();
      long expectedGen = generationOf(file.getFileName().toString());
      if (gen != expectedGen) {
        throw new CorruptIndexException(name, FileFormat.HEADER_BYTES, "records generation " + gen + ", its name says " + expectedGen);
      }
      long at = in.position();
      int dim = in.readInt();
      if (dim <= 0 || dim > CollectionOptions.MAX_DIMENSION) throw new CorruptIndexException(name, at, "dimension " + dim + " out of range");
      at = in.position();
      String simName = in.readString();
      Similarity sim;
      try {
        sim = Similarity.valueOf(simName);
      } catch (IllegalArgumentException e) {
        throw new CorruptIndexException(name, at, "unknown similarity '" + simName + "'");
      }
      String type = in.readString();
      at = in.position();
      IndexParams params;
      try {
        params = IndexParams.parse(in.readString());
      } catch (IllegalArgumentException e) {
        throw new CorruptIndexException(name, at, "index parameters do not parse: " + e.getMessage());
      }
      long nextSegmentId = in.readLong();
      at = in.position();
      long flushedSeq = in.readLong();
      long syncedSeq = in.readLong();
      if (flushedSeq < 0 || syncedSeq < flushedSeq) {
        throw new CorruptIndexException(name, at, "flushed sequence " + flushedSeq + " / synced sequence " + syncedSeq + " are inconsistent");
      }
      at = in.position();
      int nw = in.readInt();
      if (nw < 0 || nw > 100_000) throw new CorruptIndexException(name, at, "log file count " + nw + " out of range");
      List<String> wal = new ArrayList<>(nw);
      for (int i = 0; i < nw; i++) wal.add(in.readString());
      at = in.position();
      int ns = in.readInt();
      if (ns < 0 || ns > 1_000_000) throw new CorruptIndexException(name, at, "segment count " + ns + " out of range");
      List<SegmentEntry> segs = new ArrayList<>(ns);
      for (int i = 0; i < ns; i++) {
        at = in.position();
        SegmentEntry e = new SegmentEntry(in.readString(), in.readInt(), in.readInt(), in.readLong());
        if (e.docCount() < 0 || e.deleteCount() < 0 || e.deleteCount() > e.docCount() || e.tombstoneGen() < 0
            || (e.tombstoneGen() == 0) != (e.deleteCount() == 0)) {
          throw new CorruptIndexException(name, at, "segment entry " + e + " is inconsistent");
        }
        segs.add(e);
      }
      if (in.remaining() != 0) throw new CorruptIndexException(name, in.position(), in.remaining() + " unexpected trailing bytes");
      return new Manifest(gen, dim, sim, type, params, nextSegmentId, flushedSeq, syncedSeq, wal, segs);
    }
  }
}
