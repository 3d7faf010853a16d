package io.sextant.core.collection;

import io.sextant.core.index.IndexParams;
import io.sextant.core.index.IndexSpec;
import io.sextant.core.index.IndexTypes;
import io.sextant.core.segment.SegmentSource;
import io.sextant.core.segment.SegmentWriter;
import io.sextant.core.store.BytesOutput;
import io.sextant.core.store.ChecksummedOutput;
import io.sextant.core.vector.Similarity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a committed collection of {@code n} synthetic documents (one segment, a manifest)
 * directly, as a flush would, without pushing gigabytes through the log: for open-time and
 * memory tests of large collections.
 */
final class SyntheticCollection {
  private SyntheticCollection() {}

  /** Component {@code d} of vector {@code i}: a cheap deterministic value in [-1, 1). */
  static float component(long i, int d) {
    long x = (i * 0x9E3779B97F4A7C15L) ^ (d * 0xC2B2AE3D27D4EB4FL);
    x ^= x >>> 31;
    x *= 0xBF58476D1CE4E5B9L;
    x ^= x >>> 29;
    return ((x >>> 40) / (float) (1L << 24)) * 2f - 1f;
  }

  static float[] vector(long i, int dim) {
    float[] v = new float[dim];
    for (int d = 0; d < dim; d++) v[d] = component(i, d);
    return v;
  }

  static void create(Path dir, int n, int dim, Similarity sim) throws IOException {
    Files.createDirectories(dir);
    SegmentSource source = new SegmentSource() {
      @Override public int size() { return n; }

      @Override
      public void writeVector(int i, ChecksummedOutput out) throws IOException {
        for (int d = 0; d < dim; d++) out.writeFloat(component(i, d));
      }

      @Override
      public void copyVector(int i, java.lang.foreign.MemorySegment dst, long offset) {
        for (int d = 0; d < dim; d++) {
          dst.set(java.lang.foreign.ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN),
              offset + 4L * d, component(i, d));
        }
      }

      @Override public byte[] id(int i) { return ("doc-" + i).getBytes(StandardCharsets.UTF_8); }

      @Override
      public void writeStoredFields(int i, BytesOutput out) {
        out.writeVInt(0); // no attributes
        out.writeByte(0); // no text
      }
    };
    IndexSpec spec = new IndexSpec(dim, sim, IndexParams.EMPTY);
    SegmentWriter.write(dir, "seg-1", source, IndexTypes.get("flat"), spec);
    // As close() leaves it: an empty current log, named by the manifest.
    String log;
    try (io.sextant.core.wal.WalWriter w = io.sextant.core.wal.WalWriter.create(dir, 1, 0)) {
      log = w.fileName();
    }
    new Manifest(1, dim, sim, "flat", IndexParams.EMPTY, 2, 0, 0, List.of(log),
        List.of(new Manifest.SegmentEntry("seg-1", n, 0, 0))).write(dir);
  }
}
