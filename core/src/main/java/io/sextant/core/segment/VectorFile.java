package io.sextant.core.segment;

import io.sextant.core.store.ChecksummedOutput;
import io.sextant.core.store.CorruptIndexException;
import io.sextant.core.store.FileFormat;
import io.sextant.core.store.FileStamp;
import io.sextant.core.store.MappedFile;
import io.sextant.core.vector.FloatVectors;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Path;

/**
 * The {@code .vec} file: {@code int32 count, int32 dimension}, zero padding to byte 64, then
 * {@code count × dimension} float32 little endian, back to back. The block starts at a 64-byte
 * boundary of the file, hence of the (page-aligned) mapping, and is scored in place.
 */
public final class VectorFile {
  static final String KIND = "VECS";
  static final int VERSION = 1;
  public static final String EXTENSION = "vec";
  static final long DATA_OFFSET = FileFormat.VECTOR_ALIGNMENT;

  private VectorFile() {}

  /** Writes the vectors of {@code source} in ordinal order. */
  static FileStamp write(Path file, SegmentSource source, int dimension) throws IOException {
    try (ChecksummedOutput out = ChecksummedOutput.create(file, KIND, VERSION)) {
      out.writeInt(source.size());
      out.writeInt(dimension);
      out.align(FileFormat.VECTOR_ALIGNMENT);
      for (int i = 0; i < source.size(); i++) source.writeVector(i, out);
      return out.finish();
    }
  }

  /** Maps the vectors of a {@code .vec} file and checks them against the expected shape. */
  static FloatVectors open(Path file, Arena arena, int docCount, int dimension, boolean verifyChecksum)
      throws IOException {
    MappedFile f = MappedFile.open(file, arena, KIND, VERSION, verifyChecksum);
    return vectors(f, docCount, dimension);
  }

  static FloatVectors vectors(MappedFile f, int docCount, int dimension) throws CorruptIndexException {
    var in = f.input();
    int count = in.readInt();
    int dim = in.readInt();
    if (count != docCount || dim != dimension) {
      throw new CorruptIndexException(f.name(), FileFormat.HEADER_BYTES, "holds " + count + " vectors of dimension "
          + dim + ", the segment info expects " + docCount + " of dimension " + dimension);
    }
    long expected = DATA_OFFSET + (long) count * dim * Float.BYTES + FileFormat.FOOTER_BYTES;
    if (f.length() != expected) {
      throw new CorruptIndexException(f.name(), f.contentEnd(), "file is " + f.length() + " bytes, " + count + " x "
          + dim + " vectors need exactly " + expected);
    }
    return new FloatVectors(f.segment(), DATA_OFFSET, count, dim);
  }
}
