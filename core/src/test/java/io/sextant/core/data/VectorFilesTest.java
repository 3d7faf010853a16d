package io.sextant.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorFilesTest {
  @TempDir Path dir;

  private static float[][] random(int n, int dim, long seed) {
    Random r = new Random(seed);
    float[][] m = new float[n][dim];
    for (float[] row : m) for (int j = 0; j < dim; j++) row[j] = (float) r.nextGaussian() * 10;
    return m;
  }

  private static float[][] rows(VectorBlock b) {
    float[][] out = new float[b.size()][];
    for (int i = 0; i < b.size(); i++) out[i] = b.vectors().get(i);
    return out;
  }

  @Test
  void readsFvecsWrittenByHandAndSlices() throws IOException {
    float[][] m = random(37, 5, 1);
    Path f = TestFiles.fvecs(dir.resolve("a.fvecs"), m);
    try (VectorBlock b = VectorFiles.readFloats(f)) {
      assertThat(b.size()).isEqualTo(37);
      assertThat(b.dimension()).isEqualTo(5);
      assertThat(rows(b)).isDeepEqualTo(m);
    }
    try (VectorBlock b = VectorFiles.readFloats(f, 10)) {
      assertThat(rows(b)).isDeepEqualTo(Arrays.copyOf(m, 10));
    }
    try (VectorBlock b = VectorFiles.readFloats(f, 1000)) {
      assertThat(b.size()).isEqualTo(37);
    }
  }

  @Test
  void fvecsAndIvecsWritersRoundTripThroughIndependentBytes() throws IOException {
    float[][] m = random(1000, 17, 2);
    Path f = dir.resolve("w.fvecs");
    try (VectorBlock src = VectorBlock.allocate(m.length, 17)) {
      for (int i = 0; i < m.length; i++) {
        java.lang.foreign.MemorySegment.copy(m[i], 0, src.vectors().data(), TexmexFiles.FLOAT_LE, src.vectors().offset(i), 17);
      }
      VectorFiles.writeFvecs(f, src.vectors());
    }
    // Same bytes as the hand-written reference.
    Path ref = TestFiles.fvecs(dir.resolve("ref.fvecs"), m);
    assertThat(Files.readAllBytes(f)).isEqualTo(Files.readAllBytes(ref));

    int[][] ids = {{1, 2, 3}, {-4, 5, Integer.MAX_VALUE}};
    Path iv = dir.resolve("g.ivecs");
    VectorFiles.writeIvecs(iv, ids);
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(iv)).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(b.getInt()).isEqualTo(3);
    assertThat(b.getInt()).isEqualTo(1);
    assertThat(VectorFiles.readInts(iv)).isDeepEqualTo(ids);
    assertThat(VectorFiles.readInts(iv, 1)).isDeepEqualTo(new int[][] {{1, 2, 3}});
    try (var s = Files.list(dir)) {
      assertThat(s.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
    }
  }

  @Test
  void bvecsAreWidenedAsUnsignedBytes() throws IOException {
    Path f = TestFiles.bvecs(dir.resolve("b.bvecs"), new int[][] {{0, 1, 127}, {128, 200, 255}});
    try (VectorBlock b = VectorFiles.readFloats(f)) {
      assertThat(rows(b)).isDeepEqualTo(new float[][] {{0, 1, 127}, {128, 200, 255}});
    }
  }

  @Test
  void readsNpyVersionsOneAndTwo() throws IOException {
    float[][] m = random(9, 4, 3);
    Path v1 = Files.write(dir.resolve("v1.npy"),
        TestFiles.npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (9, 4), }", TestFiles.floats(m)));
    Path v2 = Files.write(dir.resolve("v2.npy"),
        TestFiles.npy(2, "{\"shape\": (9,4), \"fortran_order\": False, \"descr\": \"<f4\"}", TestFiles.floats(m)));
    for (Path f : new Path[] {v1, v2}) {
      try (VectorBlock b = VectorFiles.readFloats(f)) {
        assertThat(rows(b)).isDeepEqualTo(m);
      }
      try (VectorBlock b = VectorFiles.readFloats(f, 3)) {
        assertThat(rows(b)).isDeepEqualTo(Arrays.copyOf(m, 3));
      }
    }
    int[][] ids = {{5, 6}, {7, 8}, {9, 10}};
    Path gt = Files.write(dir.resolve("gt.npy"),
        TestFiles.npy(1, "{'descr': '<i4', 'fortran_order': False, 'shape': (3, 2), }", TestFiles.ints(ids)));
    assertThat(VectorFiles.readInts(gt)).isDeepEqualTo(ids);
  }

  // --- malformed input -------------------------------------------------------------------

  private void assertBad(Path f, boolean floats, long offset, String... fragments) {
    var t = assertThatThrownBy(() -> {
      if (floats) {
        try (VectorBlock b = VectorFiles.readFloats(f)) {
          b.size();
        }
      } else {
        VectorFiles.readInts(f);
      }
    }).isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(f.toString())
        .hasMessageContaining("at byte " + offset)
        .satisfies(e -> assertThat(((DatasetFormatException) e).offset()).isEqualTo(offset));
    for (String s : fragments) t.hasMessageContaining(s);
  }

  @Test
  void truncatedAndInconsistentTexmexRowsAreReportedWithTheirOffset() throws IOException {
    byte[] good = Files.readAllBytes(TestFiles.fvecs(dir.resolve("g.fvecs"), random(3, 4, 4)));
    Path trunc = Files.write(dir.resolve("t.fvecs"), Arrays.copyOf(good, good.length - 3));
    assertBad(trunc, true, 40, "truncated row 2", "expected 20 bytes", "found 17");

    byte[] bad = good.clone();
    ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN).putInt(20, 5);
    assertBad(Files.write(dir.resolve("i.fvecs"), bad), true, 20, "row 1 has dimension 5, expected 4");

    byte[] neg = good.clone();
    ByteBuffer.wrap(neg).order(ByteOrder.LITTLE_ENDIAN).putInt(0, -7);
    assertBad(Files.write(dir.resolve("n.fvecs"), neg), true, 0, "found -7");

    byte[] huge = good.clone();
    ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 500_000);
    assertBad(Files.write(dir.resolve("h.fvecs"), huge), true, 0, "declares dimension 500000", "only 60 bytes");
    assertBad(Files.write(dir.resolve("e.fvecs"), new byte[0]), true, 0, "empty file");
    assertBad(Files.write(dir.resolve("s.ivecs"), new byte[] {1, 0}), false, 0, "4-byte dimension header");

    byte[] nan = good.clone();
    ByteBuffer.wrap(nan).order(ByteOrder.LITTLE_ENDIAN).putFloat(20 + 4 + 8, Float.NaN);
    assertBad(Files.write(dir.resolve("nan.fvecs"), nan), true, 32, "row 1 component 2", "finite", "NaN");
  }

  @Test
  void malformedNpyIsReportedWithTheProblem() throws IOException {
    ByteBuffer data = TestFiles.floats(random(2, 3, 5));
    byte[] good = TestFiles.npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", data.duplicate());

    byte[] magic = good.clone();
    magic[1] = 'X';
    assertBad(Files.write(dir.resolve("m.npy"), magic), true, 0, "npy magic");

    byte[] version = good.clone();
    version[6] = 9;
    assertBad(Files.write(dir.resolve("v.npy"), version), true, 6, "version 1, 2 or 3, found 9");

    assertBad(Files.write(dir.resolve("d.npy"),
        TestFiles.npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", data.duplicate())),
        true, 10, "expected '<f4'", "found '<f8'");
    assertBad(Files.write(dir.resolve("f.npy"),
        TestFiles.npy(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }", data.duplicate())),
        true, 10, "fortran_order", "found true");
    assertBad(Files.write(dir.resolve("s.npy"),
        TestFiles.npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (6,), }", data.duplicate())),
        true, 10, "2-D shape", "(6, )");
    assertBad(Files.write(dir.resolve("k.npy"),
        TestFiles.npy(1, "{'descr': '<f4', 'fortran_order': False, }", data.duplicate())),
        true, 10, "expected the key 'shape'");
    // Unterminated dict: the parser reports where it stopped (the end of the 118-byte header text).
    assertBad(Files.write(dir.resolve("u.npy"),
        TestFiles.npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3)", data.duplicate())),
        true, 128, "npy header: expected more header text, found the end of the header");
    assertBad(Files.write(dir.resolve("x.npy"),
        TestFiles.npy(1, "{'descr': '<f4', 'fortran_order': Maybe, 'shape': (2, 3)}", data.duplicate())),
        true, 10 + 34, "npy header: expected a Python literal, found 'Maybe'");
    assertBad(Files.write(dir.resolve("t.npy"), Arrays.copyOf(good, good.length - 4)), true, 128 + 20,
        "needs 24 bytes", "found 20", "truncated");
    assertBad(Files.write(dir.resolve("i.npy"), good), false, 10, "expected '<i4'", "found '<f4'");
  }

  @Test
  void readsPastTwoGibibytes() throws IOException {
    // A sparse npy file just over 2 GiB of zeros with two known rows, one beyond the 2^31 byte mark.
    int dim = 1024;
    long rows = (1L << 31) / (dim * 4L) + 1;
    Path f = dir.resolve("big.npy");
    byte[] header = TestFiles.npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + dim + "), }",
        ByteBuffer.allocate(0));
    float[] first = random(1, dim, 6)[0];
    float[] last = random(1, dim, 7)[0];
    try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
      raf.write(header);
      raf.setLength(header.length + rows * dim * 4);
      raf.seek(header.length);
      raf.write(TestFiles.floats(new float[][] {first}).array());
      raf.seek(header.length + (rows - 1) * dim * 4);
      raf.write(TestFiles.floats(new float[][] {last}).array());
    }
    try (VectorBlock b = VectorFiles.readFloats(f)) {
      assertThat(b.size()).isEqualTo((int) rows);
      assertThat(b.offHeap()).isTrue();
      assertThat(b.vectors().get(0)).isEqualTo(first);
      assertThat(b.vectors().get((int) rows - 1)).isEqualTo(last);
      assertThat(b.vectors().get((int) rows / 2)).isEqualTo(new float[dim]);
    }
  }
}
