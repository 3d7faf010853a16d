package io.sextant.core.wal;

import io.sextant.core.internal.FileNames;
import io.sextant.core.store.FileFormat;

/**
 * Layout of a write-ahead log file {@code wal-<firstSeq>.log}: the common 16-byte header (kind
 * {@code WAL_}), {@code int64 firstSeq}, {@code int32 crc32c} of the 24 bytes before it, then
 * records {@code int32 length, int32 crc32c(payload), int32 crc32c(length, payload crc), payload}.
 * A log has no footer: it is append-only, each record carries its own checksums.
 */
final class WalFormat {
  static final String KIND = "WAL_";
  static final int VERSION = 1;
  static final int FILE_HEADER = FileFormat.HEADER_BYTES + 8 + 4;
  static final int RECORD_HEADER = 12;
  /** Smallest valid payload: type, seq, syncedSeq, an empty id's length. */
  static final int MIN_PAYLOAD = 1 + 8 + 8 + 1;
  static final int MAX_PAYLOAD = 64 << 20;
  static final String PREFIX = "wal-";
  static final String SUFFIX = ".log";

  private WalFormat() {}

  static String fileName(long firstSeq) {
    return PREFIX + FileNames.digits(firstSeq) + SUFFIX;
  }

  /** The first sequence number encoded in a log file name, or -1 when the name is not one. */
  static long parseFileName(String name) {
    if (!name.startsWith(PREFIX) || !name.endsWith(SUFFIX)) return -1;
    String digits = name.substring(PREFIX.length(), name.length() - SUFFIX.length());
    if (digits.length() != FileNames.WIDTH || !FileNames.isDigits(digits)) return -1;
    return Long.parseLong(digits);
  }
}
