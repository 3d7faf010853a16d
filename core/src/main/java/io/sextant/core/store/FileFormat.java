package io.sextant.core.store;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The envelope every checked file shares (see {@code docs/FORMAT.md}): a 16-byte header
 * {@code magic "SEXT" | kind (4 ASCII bytes) | version int32 | reserved int32 = 0}, the content,
 * and a 16-byte footer {@code "END!" | total file length int64 | CRC32C int32}, where the CRC
 * covers every byte before it. All numbers are little endian.
 */
public final class FileFormat {
  /** "SEXT" read as a little-endian int. */
  public static final int MAGIC = 0x54584553;
  /** "END!" read as a little-endian int. */
  public static final int FOOTER_MAGIC = 0x21444E45;
  public static final int HEADER_BYTES = 16;
  public static final int FOOTER_BYTES = 16;
  /** Alignment of vector blocks, so that SIMD loads never straddle a cache line. */
  public static final int VECTOR_ALIGNMENT = 64;

  static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  /** CRC32C is fed at most this many bytes per call (ByteBuffer views are limited to 2 GiB). */
  private static final long CRC_CHUNK = 1L << 30;

  private FileFormat() {}

  /** Checks that {@code kind} is 4 printable ASCII characters and returns its bytes. */
  public static byte[] kindBytes(String kind) {
    byte[] b = kind.getBytes(StandardCharsets.US_ASCII);
    if (b.length != 4 || !printable(kind)) {
      throw new IllegalArgumentException("file kind must be 4 printable ASCII characters, got '" + kind + "'");
    }
    return b;
  }

  private static boolean printable(String kind) {
    for (int i = 0; i < kind.length(); i++) {
      char c = kind.charAt(i);
      if (c <= 0x20 || c >= 0x7f) return false;
    }
    return true;
  }

  /** Renders 4 bytes as a kind for messages, escaping what is not printable. */
  static String kindString(int littleEndianKind) {
    StringBuilder sb = new StringBuilder(4);
    for (int i = 0; i < 4; i++) {
      int c = (littleEndianKind >>> (8 * i)) & 0xff;
      if (c > 0x20 && c < 0x7f) sb.append((char) c);
      else sb.append(String.format("\\x%02x", c));
    }
    return sb.toString();
  }

  static int kindInt(String kind) {
    byte[] b = kindBytes(kind);
    return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
  }

  /** CRC32C of {@code length} bytes of {@code segment} from {@code offset}. */
  public static int crc32c(MemorySegment segment, long offset, long length) {
    CRC32C crc = new CRC32C();
    long end = offset + length;
    for (long p = offset; p < end; p += CRC_CHUNK) {
      long n = Math.min(CRC_CHUNK, end - p);
      crc.update(segment.asSlice(p, n).asByteBuffer());
    }
    return (int) crc.getValue();
  }
}
