package io.sextant.bench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.core.data.DatasetFormatException;
import io.sextant.core.data.VectorBlock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxImagesTest {
  @TempDir Path dir;

  /** An IDX file: big-endian header, then the bytes, gzipped like the Fashion-MNIST files. */
  private Path idx(String name, int type, int[] dims, byte[] data) throws IOException {
    ByteBuffer h = ByteBuffer.allocate(4 + 4 * dims.length); // ByteBuffer is big-endian by default
    h.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
    for (int d : dims) h.putInt(d);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(h.array());
      gz.write(data);
    }
    return Files.write(dir.resolve(name), bytes.toByteArray());
  }

  private static byte[] pixels(int... v) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) b[i] = (byte) v[i];
    return b;
  }

  @Test
  void readsImagesAsUnsignedPixelVectors() throws IOException {
    Path f = idx("images.gz", 0x08, new int[] {3, 2, 2}, pixels(0, 1, 2, 3, 255, 128, 127, 200, 9, 8, 7, 6));
    try (VectorBlock b = IdxImages.read(f)) {
      assertThat(b.size()).isEqualTo(3);
      assertThat(b.dimension()).isEqualTo(4);
      assertThat(b.vectors().get(0)).containsExactly(0, 1, 2, 3);
      assertThat(b.vectors().get(1)).containsExactly(255, 128, 127, 200);
      assertThat(b.vectors().get(2)).containsExactly(9, 8, 7, 6);
    }
  }

  @Test
  void rejectsWrongTypeShapeTruncationAndTrailingBytes() throws IOException {
    Path floats = idx("f.gz", 0x0D, new int[] {1, 2, 2}, new byte[16]);
    assertThatThrownBy(() -> IdxImages.read(floats)).isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining("f.gz: at byte 2: expected element type 0x08 (unsigned byte), found 0xd");
    Path labels = idx("l.gz", 0x08, new int[] {4}, pixels(1, 2, 3, 4));
    assertThatThrownBy(() -> IdxImages.read(labels)).hasMessageContaining("at byte 3: expected at least 2 dimensions");
    Path truncated = idx("t.gz", 0x08, new int[] {3, 2, 2}, Arrays.copyOf(pixels(1, 2, 3, 4, 5, 6, 7, 8, 9), 9));
    assertThatThrownBy(() -> IdxImages.read(truncated))
        .hasMessageContaining("t.gz: at byte 25: truncated item 2 of 3 (4 bytes each): expected 4 bytes, found 1");
    Path trailing = idx("x.gz", 0x08, new int[] {1, 1, 2}, pixels(1, 2, 3));
    assertThatThrownBy(() -> IdxImages.read(trailing)).hasMessageContaining("at byte 18: expected the end of the data");
    Path magic = Files.write(dir.resolve("m.gz"), gzip(new byte[] {1, 0, 8, 3}));
    assertThatThrownBy(() -> IdxImages.read(magic)).hasMessageContaining("at byte 0: expected the IDX magic");
  }

  private static byte[] gzip(byte[] b) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(b);
    }
    return bytes.toByteArray();
  }
}
