package io.sextant.core.segment;

import io.sextant.core.internal.LazyLogger;
import io.sextant.core.document.StoredFields;
import io.sextant.core.index.IndexFiles;
import io.sextant.core.index.IndexSpec;
import io.sextant.core.index.IndexType;
import io.sextant.core.index.IndexTypes;
import io.sextant.core.index.VectorSearcher;
import io.sextant.core.store.ChecksummedOutput;
import io.sextant.core.store.CorruptIndexException;
import io.sextant.core.store.FileStamp;
import io.sextant.core.store.MappedFile;
import io.sextant.core.vector.FloatVectors;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An open, immutable segment: its files mapped in one shared {@link Arena}, read in place. The
 * reader is reference counted: the collection holds one reference while the segment is live,
 * and every snapshot that uses it holds one more; the mapping is released (and, once the segment
 * was dropped by a merge, its files deleted) when the last reference goes.
 */
public final class SegmentReader {
  private static final System.Logger LOG = LazyLogger.of(SegmentReader.class);

  private final Path dir;
  private final SegmentInfo info;
  private final Arena arena;
  private final FloatVectors vectors;
  private final IdTable ids;
  private final StoredFieldsFile storedFields;
  private final VectorSearcher searcher;
  private final IndexSpec spec;
  private final IndexFiles indexFiles;
  private final AtomicInteger refs = new AtomicInteger(1);
  private volatile boolean dropped;
  private FieldIndexes fieldIndexes = FieldIndexes.NONE; // set once by open, before the reader is shared

  private SegmentReader(Path dir, SegmentInfo info, Arena arena, FloatVectors vectors, IdTable ids,
                        StoredFieldsFile storedFields, VectorSearcher searcher, IndexSpec spec, IndexFiles indexFiles) {
    this.dir = dir;
    this.info = info;
    this.arena = arena;
    this.vectors = vectors;
    this.ids = ids;
    this.storedFields = storedFields;
    this.searcher = searcher;
    this.spec = spec;
    this.indexFiles = indexFiles;
  }

  /**
   * Opens segment {@code name} of {@code dir}. Every file must exist with the length and CRC32C
   * the {@code .si} records; the full CRC of a file is recomputed when the file is at most
   * {@code verifyBelowBytes} long (the rest is left to {@link #checkIntegrity()}).
   */
  public static SegmentReader open(Path dir, String name, long verifyBelowBytes) throws IOException {
    SegmentInfo info = SegmentInfo.read(dir, name);
    IndexType type = IndexTypes.get(info.indexType());
    IndexSpec spec = new IndexSpec(info.dimension(), info.similarity(), info.indexParams());
    Arena arena = Arena.ofShared();
    boolean ok = false;
    try {
      for (FileStamp s : info.files()) checkPresent(dir, info, s);
      MappedFile vec = map(dir, info, arena, VectorFile.EXTENSION, VectorFile.KIND, VectorFile.VERSION, verifyBelowBytes);
      FloatVectors vectors = VectorFile.vectors(vec, info.docCount(), info.dimension());
      IdTable ids = IdTable.open(map(dir, info, arena, IdTable.EXTENSION, IdTable.KIND, IdTable.VERSION, verifyBelowBytes),
          info.docCount());
      StoredFieldsFile docs = StoredFieldsFile.open(map(dir, info, arena, StoredFieldsFile.EXTENSION,
          StoredFieldsFile.KIND, StoredFieldsFile.VERSION, verifyBelowBytes), info.docCount());
      FieldIndexes fields = FieldIndexes.open(info, info.docCount(),
          (ext, kind, version) -> map(dir, info, arena, ext, kind, version, verifyBelowBytes));
      IndexFiles indexFiles = new IndexFiles() {
        @Override
        public ChecksummedOutput create(String extension, String kind, int version) {
          throw new UnsupportedOperationException("segment " + name + " is immutable: index files are written by IndexType.write");
        }

        @Override
        public MappedFile open(String extension, String kind, int version) throws IOException {
          SegmentWriter.checkIndexExtension(extension);
          return map(dir, info, arena, extension, kind, version, verifyBelowBytes);
        }
      };
      VectorSearcher searcher = type.open(spec, vectors, indexFiles);
      SegmentReader r = new SegmentReader(dir, info, arena, vectors, ids, docs, searcher, spec, indexFiles);
      ok = true;
      r.fieldIndexes = fields;
      return r;
    } finally {
      if (!ok) arena.close();
    }
  }

  private static void checkPresent(Path dir, SegmentInfo info, FileStamp s) throws IOException {
    Path p = dir.resolve(s.name());
    long size;
    try {
      size = Files.size(p);
    } catch (NoSuchFileException e) {
      throw new CorruptIndexException(p.toString(), -1, "file is missing; segment " + info.name() + " lists it", e);
    }
    if (size != s.length()) {
      throw new CorruptIndexException(p.toString(), "file is " + size + " bytes, segment " + info.name()
          + " records " + s.length() + " (truncated or replaced?)");
    }
  }

  private static MappedFile map(Path dir, SegmentInfo info, Arena arena, String extension, String kind, int version,
                                long verifyBelowBytes) throws IOException {
    String fileName = info.name() + "." + extension;
    FileStamp stamp = info.stamp(fileName);
    Path p = dir.resolve(fileName);
    if (stamp == null) {
      throw new CorruptIndexException(SegmentInfo.path(dir, info.name()).toString(), "does not list " + fileName);
    }
    checkPresent(dir, info, stamp);
    MappedFile f = MappedFile.open(p, arena, kind, version, stamp.length() <= verifyBelowBytes);
    if (f.storedChecksum() != stamp.crc32c()) {
      throw new CorruptIndexException(p.toString(), f.length() - 4, String.format(
          "footer CRC32C 0x%08x differs from 0x%08x recorded by segment %s (file from another segment?)",
          f.storedChecksum(), stamp.crc32c(), info.name()));
    }
    return f;
  }

  public String name() {
    return info.name();
  }

  public SegmentInfo info() {
    return info;
  }

  public int docCount() {
    return info.docCount();
  }

  public IndexSpec spec() {
    return spec;
  }

  /**
   * The index type's files of this segment, read-only: a merge hands them to
   * {@link IndexType#writeMerged} so the merged index can start from this one. Files opened
   * through it stay mapped as long as the reader.
   */
  public IndexFiles indexFiles() {
    return indexFiles;
  }

  public FloatVectors vectors() {
    return vectors;
  }

  public VectorSearcher searcher() {
    return searcher;
  }

  /** The segment's attribute and text indexes (each null when the segment was written without it). */
  public FieldIndexes fieldIndexes() {
    return fieldIndexes;
  }

  /** The ordinal of the document with this id, or -1. */
  public int find(byte[] idUtf8, long hash) throws CorruptIndexException {
    return ids.find(idUtf8, hash);
  }

  public String id(int ord) throws CorruptIndexException {
    return ids.id(ord);
  }

  public byte[] idBytes(int ord) throws CorruptIndexException {
    return ids.idBytes(ord);
  }

  public StoredFields storedFields(int ord) throws CorruptIndexException {
    return storedFields.read(ord);
  }

  /** Sequential reader of encoded stored fields, for merges. Not thread-safe. */
  public StoredFieldsCursor storedFieldsCursor() {
    StoredFieldsFile.Cursor c = storedFields.cursor();
    return c::docBytes;
  }

  /** Encoded stored fields, read sequentially. */
  @FunctionalInterface
  public interface StoredFieldsCursor {
    byte[] docBytes(int ord) throws CorruptIndexException;
  }

  /** Recomputes the CRC32C of every file of the segment and compares it with footers and {@code .si}. */
  public void verifyChecksums() throws IOException {
    try (Arena check = Arena.ofConfined()) {
      for (FileStamp s : info.files()) {
        checkPresent(dir, info, s);
        Path p = dir.resolve(s.name());
        MappedFile f = MappedFile.open(p, check, kindOf(s.name()), versionOf(s.name()), true);
        if (f.storedChecksum() != s.crc32c()) {
          throw new CorruptIndexException(p.toString(), f.length() - 4, "footer CRC32C differs from the one segment "
              + info.name() + " records");
        }
      }
    }
  }

  /**
   * Verifies every file of the segment completely: CRC32C against the footer and the
   * {@code .si}, every id found at its ordinal, every stored-field block decoded.
   */
  public void checkIntegrity() throws IOException {
    verifyChecksums();
    ids.check();
    storedFields.check();
  }

  private String kindOf(String fileName) throws IOException {
    return switch (extension(fileName)) {
      case VectorFile.EXTENSION -> VectorFile.KIND;
      case IdTable.EXTENSION -> IdTable.KIND;
      case StoredFieldsFile.EXTENSION -> StoredFieldsFile.KIND;
      default -> headerKind(dir.resolve(fileName));
    };
  }

  private int versionOf(String fileName) throws IOException {
    return switch (extension(fileName)) {
      case VectorFile.EXTENSION -> VectorFile.VERSION;
      case IdTable.EXTENSION -> IdTable.VERSION;
      case StoredFieldsFile.EXTENSION -> StoredFieldsFile.VERSION;
      default -> headerVersion(dir.resolve(fileName));
    };
  }

  private static String extension(String fileName) {
    return fileName.substring(fileName.lastIndexOf('.') + 1);
  }

  // Index files: their kind and version are the index type's business; the CRC is what we check.
  private static String headerKind(Path p) throws IOException {
    byte[] h = readHeader(p);
    return new String(h, 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  private static int headerVersion(Path p) throws IOException {
    byte[] h = readHeader(p);
    return (h[8] & 0xff) | (h[9] & 0xff) << 8 | (h[10] & 0xff) << 16 | (h[11] & 0xff) << 24;
  }

  private static byte[] readHeader(Path p) throws IOException {
    try (var in = Files.newInputStream(p)) {
      byte[] h = in.readNBytes(16);
      if (h.length < 16) throw new CorruptIndexException(p.toString(), 0, "shorter than a header");
      return h;
    }
  }

  /** Takes a reference unless the reader is already released. */
  public boolean tryIncRef() {
    while (true) {
      int r = refs.get();
      if (r <= 0) return false;
      if (refs.compareAndSet(r, r + 1)) return true;
    }
  }

  public void incRef() {
    if (!tryIncRef()) throw new IllegalStateException("segment " + name() + " is already released");
  }

  /** Releases a reference; the last one unmaps the files and, if {@link #markDropped() dropped}, deletes them. */
  public void decRef() {
    int r = refs.decrementAndGet();
    if (r < 0) throw new IllegalStateException("segment " + name() + " released more often than referenced");
    if (r == 0) {
      arena.close();
      if (dropped) deleteFiles();
    }
  }

  public int refCount() {
    return refs.get();
  }

  /** The segment is no longer in the manifest: delete its files once unreferenced. */
  public void markDropped() {
    dropped = true;
  }

  private void deleteFiles() {
    for (FileStamp s : info.files()) delete(dir.resolve(s.name()));
    delete(SegmentInfo.path(dir, info.name()));
  }

  private static void delete(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "could not delete " + p + " (it is removed when the collection next opens)", e);
    }
  }

  @Override
  public String toString() {
    return "Segment[" + name() + ", " + docCount() + " docs]";
  }
}
