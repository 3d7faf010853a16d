package io.sextant.core.index;

import io.sextant.core.store.ChecksummedOutput;
import io.sextant.core.store.MappedFile;
import java.io.IOException;

/**
 * The files an index type may own inside one segment, named {@code <segment>.<extension>}.
 * Files are written once with {@link ChecksummedOutput} (header, CRC32C footer, fsync) and read
 * back mapped; the segment records each file's length and checksum and deletes them with the
 * segment. Mapped files live as long as the segment; an index must not keep them beyond it.
 */
public interface IndexFiles {
  /**
   * Creates {@code <segment>.<extension>}: extension is 1 to 8 lowercase letters or digits and
   * not one the segment itself uses ({@code vec, ids, doc, si, del}). Every created file must be
   * {@link ChecksummedOutput#finish() finished} before {@link IndexType#write} returns.
   */
  ChecksummedOutput create(String extension, String kind, int version) throws IOException;

  /** Maps a file created by {@link #create}; header, footer and length are verified. */
  MappedFile open(String extension, String kind, int version) throws IOException;
}
