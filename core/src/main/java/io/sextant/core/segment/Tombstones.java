package io.sextant.core.segment;

import io.sextant.core.store.ChecksummedOutput;
import io.sextant.core.store.CorruptIndexException;
import io.sextant.core.store.FileStamp;
import io.sextant.core.store.MappedFile;
import io.sextant.core.store.MappedInput;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.roaringbitmap.RoaringBitmap;

/**
 * A tombstone generation file {@code <segment>.del.<gen>}: the deleted ordinals of a segment as a
 * serialized {@link RoaringBitmap} (portable format). Layout after the header:
 * {@code int32 docCount, int32 cardinality, int32 byteLength, bitmap bytes}. A segment's deletes
 * only grow, so each generation supersedes the previous one; the manifest names the live one.
 */
public final class Tombstones {
  static final String KIND = "TOMB";
  static final int VERSION = 1;

  private Tombstones() {}

  public static String fileName(String segment, long generation) {
    return segment + ".del." + generation;
  }

  /** Writes {@code deleted} (not modified: it may be shared with searching threads). */
  public static FileStamp write(Path dir, String segment, long generation, int docCount, RoaringBitmap deleted)
      throws IOException {
    int bytes = deleted.serializedSizeInBytes();
    ByteBuffer buf = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    deleted.serialize(buf);
    try (ChecksummedOutput out = ChecksummedOutput.create(dir.resolve(fileName(segment, generation)), KIND, VERSION)) {
      out.writeInt(docCount);
      out.writeInt(deleted.getCardinality());
      out.writeInt(bytes);
      out.writeBytes(buf.array(), 0, bytes);
      return out.finish();
    }
  }

  /** Reads and fully verifies a tombstone file of a segment of {@code docCount} documents. */
  public static RoaringBitmap read(Path dir, String segment, long generation, int docCount) throws IOException {
    Path p = dir.resolve(fileName(segment, generation));
    try (Arena arena = Arena.ofConfined()) {
      MappedFile f = MappedFile.open(p, arena, KIND, VERSION, true);
      MappedInput in = f.input();
      int docs = in.readInt();
      int card = in.readInt();
      long at = in.position();
      int bytes = in.readInt();
      if (docs != docCount) {
        throw new CorruptIndexException(f.name(), at - 8, "written for a segment of " + docs + " documents, the segment has " + docCount);
      }
      if (bytes != in.remaining()) {
        throw new CorruptIndexException(f.name(), at, "bitmap length " + bytes + " does not match the " + in.remaining() + " bytes left");
      }
      byte[] b = in.readBytes(bytes);
      RoaringBitmap bm = new RoaringBitmap();
      try {
        bm.deserialize(ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN));
      } catch (IOException | RuntimeException e) {
        throw new CorruptIndexException(f.name(), at + 4, "bitmap does not deserialize: " + e, e);
      }
      if (bm.getCardinality() != card) {
        throw new CorruptIndexException(f.name(), at - 4, "records " + card + " deleted documents, the bitmap holds " + bm.getCardinality());
      }
      if (!bm.isEmpty() && (bm.last() < 0 || bm.last() >= docCount)) {
        throw new CorruptIndexException(f.name(), at + 4, "deleted ordinal " + bm.last() + " outside [0, " + docCount + ")");
      }
      return bm;
    }
  }
}
