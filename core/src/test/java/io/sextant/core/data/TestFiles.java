package io.sextant.core.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small dataset files byte by byte, independently of the code under test. */
final class TestFiles {
  private TestFiles() {}

  static Path fvecs(Path file, float[][] rows) throws IOException {
    int bytes = 0;
    for (float[] r : rows) bytes += 4 + 4 * r.length;
    ByteBuffer b = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    for (float[] r : rows) {
      b.putInt(r.length);
      for (float v : r) b.putFloat(v);
    }
    return Files.write(file, b.array());
  }

  static Path bvecs(Path file, int[][] rows) throws IOException {
    int bytes = 0;
    for (int[] r : rows) bytes += 4 + r.length;
    ByteBuffer b = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    for (int[] r : rows) {
      b.putInt(r.length);
      for (int v : r) b.put((byte) v);
    }
    return Files.write(file, b.array());
  }

  /** An npy file as numpy writes it: magic, version, header padded with spaces to 64 bytes, newline. */
  static byte[] npy(int major, String header, ByteBuffer data) {
    int prefix = major == 1 ? 10 : 12;
    StringBuilder h = new StringBuilder(header);
    while ((prefix + h.length() + 1) % 64 != 0) h.append(' ');
    h.append('\n');
    byte[] text = h.toString().getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer b = ByteBuffer.allocate(prefix + text.length + data.remaining()).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) major).put((byte) 0);
    if (major == 1) b.putShort((short) text.length);
    else b.putInt(text.length);
    b.put(text).put(data);
    return b.array();
  }

  static ByteBuffer floats(float[][] rows) {
    ByteBuffer b = ByteBuffer.allocate(rows.length * rows[0].length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float[] r : rows) for (float v : r) b.putFloat(v);
    return b.flip();
  }

  static ByteBuffer ints(int[][] rows) {
    ByteBuffer b = ByteBuffer.allocate(rows.length * rows[0].length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int[] r : rows) for (int v : r) b.putInt(v);
    return b.flip();
  }
}
