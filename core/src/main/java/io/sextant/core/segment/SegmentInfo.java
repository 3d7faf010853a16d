package io.sextant.core.segment;

import io.sextant.core.index.IndexParams;
import io.sextant.core.store.ChecksummedOutput;
import io.sextant.core.store.CorruptIndexException;
import io.sextant.core.store.FileFormat;
import io.sextant.core.store.FileStamp;
import io.sextant.core.store.MappedFile;
import io.sextant.core.store.MappedInput;
import io.sextant.core.vector.Similarity;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code .si} file of a segment, written last: its document count, what its vectors and
 * index are, and the name, length and CRC32C of every other file of the segment. A segment
 * whose {@code .si} is missing was never completed.
 */
public record SegmentInfo(String name, int docCount, int dimension, Similarity similarity,
                          String indexType, IndexParams indexParams, List<FileStamp> files) {
  static final String KIND = "SEGI";
  static final int VERSION = 1;
  public static final String EXTENSION = "si";

  public SegmentInfo {
    files = List.copyOf(files);
  }

  public static Path path(Path dir, String segment) {
    return dir.resolve(segment + "." + EXTENSION);
  }

  FileStamp write(Path dir) throws IOException {
    try (ChecksummedOutput out = ChecksummedOutput.create(path(dir, name), KIND, VERSION)) {
      out.writeString(name);
      out.writeInt(docCount);
      out.writeInt(dimension);
      out.writeString(similarity.name());
      out.writeString(indexType);
      out.writeString(indexParams.toString());
      out.writeInt(files.size());
      for (FileStamp f : files) {
        out.writeString(f.name());
        out.writeLong(f.length());
        out.writeInt(f.crc32c());
      }
      return out.finish();
    }
  }

  /** Reads and fully verifies the {@code .si} of {@code segment}. */
  public static SegmentInfo read(Path dir, String segment) throws IOException {
    Path p = path(dir, segment);
    try (Arena arena = Arena.ofConfined()) {
      MappedFile f = MappedFile.open(p, arena, KIND, VERSION, true);
      MappedInput in = f.input();
      String name = in.readString();
      if (!name.equals(segment)) {
        throw new CorruptIndexException(f.name(), FileFormat.HEADER_BYTES, "names segment '" + name
            + "', expected '" + segment + "'");
      }
      long at = in.position();
      int docCount = in.readInt();
      int dimension = in.readInt();
      if (docCount < 0 || dimension <= 0) {
        throw new CorruptIndexException(f.name(), at, "doc count " + docCount + " / dimension " + dimension + " out of range");
      }
      at = in.position();
      String sim = in.readString();
      Similarity similarity;
      try {
        similarity = Similarity.valueOf(sim);
      } catch (IllegalArgumentException e) {
        throw new CorruptIndexException(f.name(), at, "unknown similarity '" + sim + "'");
      }
      String type = in.readString();
      at = in.position();
      IndexParams params;
      try {
        params = IndexParams.parse(in.readString());
      } catch (IllegalArgumentException e) {
        throw new CorruptIndexException(f.name(), at, "index parameters do not parse: " + e.getMessage());
      }
      int n = in.readInt();
      if (n < 0 || n > 4096) throw new CorruptIndexException(f.name(), in.position() - 4, "file count " + n + " out of range");
      List<FileStamp> files = new ArrayList<>(n);
      for (int i = 0; i < n; i++) files.add(new FileStamp(in.readString(), in.readLong(), in.readInt()));
      if (in.remaining() != 0) {
        throw new CorruptIndexException(f.name(), in.position(), in.remaining() + " unexpected bytes after the file list");
      }
      return new SegmentInfo(name, docCount, dimension, similarity, type, params, files);
    }
  }

  /** The stamp recorded for {@code fileName}, or null. */
  public FileStamp stamp(String fileName) {
    for (FileStamp f : files) if (f.name().equals(fileName)) return f;
    return null;
  }
}
