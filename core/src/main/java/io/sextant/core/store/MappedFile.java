package io.sextant.core.store;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A checked file mapped read-only into a {@link MemorySegment} (any size; the mapping lives as
 * long as the {@link Arena} it was mapped in). Opening verifies the header (magic, kind, version),
 * the footer and the recorded length against the real one; the CRC32C over the whole file is
 * verified on open when asked, otherwise by {@link #verifyChecksum()} (it reads every page, which
 * is what opening a large collection must avoid).
 */
public final class MappedFile {
  private final Path path;
  private final MemorySegment data;
  private final int version;
  private final int storedChecksum;

  private MappedFile(Path path, MemorySegment data, int version, int storedChecksum) {
    this.path = path;
    this.data = data;
    this.version = version;
    this.storedChecksum = storedChecksum;
  }

  /**
   * Maps and checks {@code path}.
   *
   * @param kind           the 4-character kind the file must have
   * @param version        the format version this reader understands
   * @param verifyChecksum whether to verify the CRC32C of the whole file now
   * @throws CorruptIndexException naming the file, the offset and expected versus found values
   *                               (a missing file is one too: something names it)
   */
  public static MappedFile open(Path path, Arena arena, String kind, int version, boolean verifyChecksum)
      throws IOException {
    int expectedKind = FileFormat.kindInt(kind);
    MemorySegment seg;
    FileChannel channel;
    try {
      channel = FileChannel.open(path, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      // Every checked file is named by another (manifest, segment info): missing means lost.
      throw new CorruptIndexException(path.toString(), -1, "file is missing", e);
    }
    try (FileChannel ch = channel) {
      long size = ch.size();
      String name = path.toString();
      if (size < FileFormat.HEADER_BYTES + FileFormat.FOOTER_BYTES) {
        throw new CorruptIndexException(name, 0, "file is " + size + " bytes, shorter than the "
            + (FileFormat.HEADER_BYTES + FileFormat.FOOTER_BYTES) + "-byte header and footer (truncated?)");
      }
      seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
    }
    return check(path, seg, expectedKind, version, verifyChecksum);
  }

  private static MappedFile check(Path path, MemorySegment seg, int expectedKind, int expectedVersion, boolean verify)
      throws CorruptIndexException {
    String name = path.toString();
    long size = seg.byteSize();
    int magic = seg.get(FileFormat.INT_LE, 0);
    if (magic != FileFormat.MAGIC) {
      throw new CorruptIndexException(name, 0, String.format(
          "expected magic 0x%08x (\"SEXT\"), found 0x%08x: not a Sextant file or a damaged header", FileFormat.MAGIC, magic));
    }
    int kind = seg.get(FileFormat.INT_LE, 4);
    if (kind != expectedKind) {
      throw new CorruptIndexException(name, 4, "expected file kind '" + FileFormat.kindString(expectedKind)
          + "', found '" + FileFormat.kindString(kind) + "'");
    }
    int version = seg.get(FileFormat.INT_LE, 8);
    if (version != expectedVersion) {
      throw new CorruptIndexException(name, 8, "expected format version " + expectedVersion + ", found " + version
          + (version > expectedVersion ? " (written by a newer Sextant?)" : ""));
    }
    int reserved = seg.get(FileFormat.INT_LE, 12);
    if (reserved != 0) {
      throw new CorruptIndexException(name, 12, "expected reserved header field 0, found " + reserved);
    }
    long footer = size - FileFormat.FOOTER_BYTES;
    int footerMagic = seg.get(FileFormat.INT_LE, footer);
    if (footerMagic != FileFormat.FOOTER_MAGIC) {
      throw new CorruptIndexException(name, footer, String.format(
          "expected footer magic 0x%08x (\"END!\"), found 0x%08x: file truncated, extended or damaged",
          FileFormat.FOOTER_MAGIC, footerMagic));
    }
    long recorded = seg.get(FileFormat.LONG_LE, footer + 4);
    if (recorded != size) {
      throw new CorruptIndexException(name, footer + 4, "footer records a file length of " + recorded
          + " bytes, the file has " + size);
    }
    int stored = seg.get(FileFormat.INT_LE, size - 4);
    MappedFile f = new MappedFile(path, seg, version, stored);
    if (verify) f.verifyChecksum();
    return f;
  }

  /** Recomputes the CRC32C over the file and compares it with the footer. Reads every byte. */
  public void verifyChecksum() throws CorruptIndexException {
    long size = data.byteSize();
    int actual = FileFormat.crc32c(data, 0, size - 4);
    if (actual != storedChecksum) {
      throw new CorruptIndexException(path.toString(), size - 4, String.format(
          "CRC32C mismatch: footer records 0x%08x, content hashes to 0x%08x", storedChecksum, actual));
    }
  }

  public Path path() {
    return path;
  }

  /** The name used in error messages. */
  public String name() {
    return path.toString();
  }

  /** The whole file, header and footer included. */
  public MemorySegment segment() {
    return data;
  }

  public long length() {
    return data.byteSize();
  }

  public int version() {
    return version;
  }

  /** The CRC32C recorded in the footer. */
  public int storedChecksum() {
    return storedChecksum;
  }

  /** Offset of the first content byte (just after the header). */
  public long contentStart() {
    return FileFormat.HEADER_BYTES;
  }

  /** Offset just past the last content byte (where the footer starts). */
  public long contentEnd() {
    return data.byteSize() - FileFormat.FOOTER_BYTES;
  }

  /** A bounds-checked reader over the content, positioned at its first byte. */
  public MappedInput input() {
    return new MappedInput(name(), data, contentStart(), contentEnd());
  }

  /** A bounds-checked reader over {@code [from, to)} of the file. */
  public MappedInput input(long from, long to) throws CorruptIndexException {
    if (from < contentStart() || to > contentEnd() || from > to) {
      throw new CorruptIndexException(name(), from, "region [" + from + ", " + to + ") lies outside the content ["
          + contentStart() + ", " + contentEnd() + ")");
    }
    return new MappedInput(name(), data, from, to);
  }

  @Override
  public String toString() {
    return "MappedFile[" + path + ", " + data.byteSize() + " bytes]";
  }
}
