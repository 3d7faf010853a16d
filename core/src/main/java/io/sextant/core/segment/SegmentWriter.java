package io.sextant.core.segment;

import io.sextant.core.index.IndexFiles;
import io.sextant.core.index.IndexSpec;
import io.sextant.core.index.IndexType;
import io.sextant.core.index.MergeInput;
import io.sextant.core.store.ChecksummedOutput;
import io.sextant.core.store.FileStamp;
import io.sextant.core.store.Fsync;
import io.sextant.core.store.MappedFile;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes one immutable segment: vectors, ids, stored fields, the index type's own files, and
 * last the {@code .si} that lists them all; then fsyncs the folder. On any failure every file
 * written so far is deleted, so a half-written segment never survives the call.
 */
public final class SegmentWriter {
  private static final Pattern EXTENSION = Pattern.compile("[a-z0-9]{1,8}");
  static final Set<String> RESERVED = Set.of(VectorFile.EXTENSION, IdTable.EXTENSION, StoredFieldsFile.EXTENSION,
      SegmentInfo.EXTENSION, "del", FieldIndexes.ATTRIBUTES_EXTENSION, FieldIndexes.TEXT_EXTENSION);

  private SegmentWriter() {}

  public static SegmentInfo write(Path dir, String name, SegmentSource source, IndexType type, IndexSpec spec)
      throws IOException {
    return write(dir, name, source, type, spec, List.of());
  }

  /**
   * As above for a segment merged from {@code inputs} (empty for a flush): the index is built by
   * {@link IndexType#writeMerged}, which may reuse the inputs' index structures.
   */
  public static SegmentInfo write(Path dir, String name, SegmentSource source, IndexType type, IndexSpec spec,
                                  List<MergeInput> inputs) throws IOException {
    List<Path> created = new ArrayList<>();
    List<ChecksummedOutput> outputs = new ArrayList<>();
    boolean ok = false;
    try {
      List<FileStamp> stamps = new ArrayList<>();
      Path vec = file(dir, name, VectorFile.EXTENSION);
      created.add(vec);
      stamps.add(VectorFile.write(vec, source, spec.dimension()));
      Path ids = file(dir, name, IdTable.EXTENSION);
      created.add(ids);
      stamps.add(IdTable.write(ids, source));
      Path doc = file(dir, name, StoredFieldsFile.EXTENSION);
      created.add(doc);
      stamps.add(StoredFieldsFile.write(doc, source));
      stamps.addAll(FieldIndexes.write(dir, name, source, created)); // attribute and text indexes
      // Shared: an index type may build with several threads.
      try (Arena arena = Arena.ofShared()) {
        var vectors = VectorFile.open(vec, arena, source.size(), spec.dimension(), false);
        WritableIndexFiles files = new WritableIndexFiles(dir, name, arena, created, outputs);
        if (inputs.isEmpty()) type.write(spec, vectors, files);
        else type.writeMerged(spec, vectors, files, inputs);
        for (ChecksummedOutput out : outputs) {
          if (!out.isFinished()) {
            throw new IllegalStateException("index type '" + type.name() + "' did not finish " + out.path().getFileName());
          }
          stamps.add(out.stamp());
        }
      }
      SegmentInfo info = new SegmentInfo(name, source.size(), spec.dimension(), spec.similarity(), type.name(),
          spec.params(), stamps);
      created.add(SegmentInfo.path(dir, name));
      info.write(dir);
      Fsync.directory(dir);
      ok = true;
      return info;
    } finally {
      if (!ok) {
        for (ChecksummedOutput out : outputs) {
          try {
            out.close();
          } catch (IOException ignored) {
            // Deleted below anyway.
          }
        }
        for (Path p : created) {
          try {
            Files.deleteIfExists(p);
          } catch (IOException ignored) {
            // Best effort: an orphan is removed when the collection next opens.
          }
        }
      }
    }
  }

  static Path file(Path dir, String segment, String extension) {
    return dir.resolve(segment + "." + extension);
  }

  static void checkIndexExtension(String extension) {
    if (extension == null || !EXTENSION.matcher(extension).matches() || RESERVED.contains(extension)) {
      throw new IllegalArgumentException("index file extension '" + extension + "' must be 1 to 8 lowercase letters or "
          + "digits and not one of " + RESERVED);
    }
  }

  /** Index files of a segment being written: creation is recorded so a failure deletes them. */
  private static final class WritableIndexFiles implements IndexFiles {
    private final Path dir;
    private final String segment;
    private final Arena arena;
    private final List<Path> created;
    private final List<ChecksummedOutput> outputs;

    WritableIndexFiles(Path dir, String segment, Arena arena, List<Path> created, List<ChecksummedOutput> outputs) {
      this.dir = dir;
      this.segment = segment;
      this.arena = arena;
      this.created = created;
      this.outputs = outputs;
    }

    @Override
    public ChecksummedOutput create(String extension, String kind, int version) throws IOException {
      checkIndexExtension(extension);
      Path p = file(dir, segment, extension);
      created.add(p);
      ChecksummedOutput out = ChecksummedOutput.create(p, kind, version);
      outputs.add(out);
      return out;
    }

    @Override
    public MappedFile open(String extension, String kind, int version) throws IOException {
      checkIndexExtension(extension);
      return MappedFile.open(file(dir, segment, extension), arena, kind, version, false);
    }
  }
}
