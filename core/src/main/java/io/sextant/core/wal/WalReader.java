package io.sextant.core.wal;

import io.sextant.core.store.CorruptIndexException;
import io.sextant.core.store.FileFormat;
import io.sextant.core.store.MappedInput;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Replays one log file. Records are handed over in order until the first damaged one; what
 * happens then depends on whether the damage can be an unsynced tail:
 *
 * <ul>
 *   <li>If no later intact record claims (through its {@code syncedSeq}) that the damaged
 *       sequence number had been forced to disk, the damage is a torn tail: a crash or power loss
 *       during writes that were never acknowledged by a commit. Replay stops there and reports
 *       where the valid part ends, so the caller can truncate.</li>
 *   <li>Otherwise records that were once durable are damaged: {@link CorruptIndexException}.</li>
 * </ul>
 */
public final class WalReader {
  private static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private WalReader() {}

  /** Receives replayed records. */
  @FunctionalInterface
  public interface Consumer {
    void accept(WalRecord record) throws IOException;
  }

  /**
   * What a file held.
   *
   * @param headerValid false when the file is too short for its header or the header is damaged
   *                    (nothing was replayed then)
   * @param lastSeq     sequence number of the last valid record, {@code firstSeq - 1} when none
   * @param validEnd    offset just past the last valid record
   * @param tornTail    whether bytes after {@code validEnd} were ignored as a torn tail
   */
  public record Result(boolean headerValid, long firstSeq, long lastSeq, long validEnd, long fileSize,
                       boolean tornTail, String tornReason) {}

  public static Result read(Path file, Consumer consumer) throws IOException {
    try (Arena arena = Arena.ofConfined(); FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < WalFormat.FILE_HEADER) return new Result(false, -1, -1, 0, size, true, "file shorter than its header");
      MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
      return read(file.toString(), seg, consumer);
    }
  }

  static Result read(String name, MemorySegment seg, Consumer consumer) throws IOException {
    long size = seg.byteSize();
    int crc = FileFormat.crc32c(seg, 0, WalFormat.FILE_HEADER - 4);
    if (seg.get(INT_LE, 0) != FileFormat.MAGIC || seg.get(INT_LE, 4) != kindInt()
        || seg.get(INT_LE, WalFormat.FILE_HEADER - 4) != crc) {
      return new Result(false, -1, -1, 0, size, true, "damaged header");
    }
    int version = seg.get(INT_LE, 8);
    if (version != WalFormat.VERSION) {
      throw new CorruptIndexException(name, 8, "expected log format version " + WalFormat.VERSION + ", found " + version);
    }
    long firstSeq = seg.get(LONG_LE, FileFormat.HEADER_BYTES);
    long expected = firstSeq;
    long pos = WalFormat.FILE_HEADER;
    while (pos < size) {
      String problem = problemAt(seg, pos);
      if (problem != null) {
        // Damaged: either a torn tail (tolerated) or damage to acknowledged records (reported).
        Proof proof = findProofOfSync(name, seg, pos + 1, expected);
        if (proof != null) {
          throw new CorruptIndexException(name, pos, "record for sequence " + expected + " is damaged (" + problem
              + ") but the intact record at offset " + proof.offset + " (sequence " + proof.seq
              + ") shows it had been synced to disk");
        }
        return new Result(true, firstSeq, expected - 1, pos, size, true, problem);
      }
      int len = seg.get(INT_LE, pos);
      MappedInput in = new MappedInput(name, seg, pos + WalFormat.RECORD_HEADER, pos + WalFormat.RECORD_HEADER + len);
      WalRecord.Decoded d = WalRecord.decode(in);
      if (d.record() instanceof WalRecord.SyncMarker marker) {
        if (marker.seq() != expected - 1) {
          throw new CorruptIndexException(name, pos, "sync marker for sequence " + marker.seq() + " follows operation " + (expected - 1));
        }
      } else {
        if (d.record().seq() != expected) {
          throw new CorruptIndexException(name, pos, "expected record sequence " + expected + ", found " + d.record().seq());
        }
        consumer.accept(d.record());
        expected++;
      }
      pos += WalFormat.RECORD_HEADER + len;
    }
    return new Result(true, firstSeq, expected - 1, pos, size, false, null);
  }

  /** Null when a complete record with matching checksums starts at {@code pos}, else what is wrong. */
  private static String problemAt(MemorySegment seg, long pos) {
    long size = seg.byteSize();
    if (size - pos < WalFormat.RECORD_HEADER) return "incomplete record header";
    int len = seg.get(INT_LE, pos);
    int payloadCrc = seg.get(INT_LE, pos + 4);
    if (seg.get(INT_LE, pos + 8) != WalWriter.headerCrc(len, payloadCrc)) return "record header checksum mismatch";
    if (len < WalFormat.MIN_PAYLOAD || len > WalFormat.MAX_PAYLOAD) return "record length " + len + " out of range";
    if (size - pos - WalFormat.RECORD_HEADER < len) return "record of " + len + " bytes extends past the end of the file";
    if (FileFormat.crc32c(seg, pos + WalFormat.RECORD_HEADER, len) != payloadCrc) return "record payload checksum mismatch";
    return null;
  }

  private record Proof(long offset, long seq) {}

  /**
   * Scans forward from {@code from} for intact records whose {@code syncedSeq} is at least
   * {@code damagedSeq}. Byte by byte, since the damaged record's length cannot be trusted; this
   * only runs when something is already wrong.
   */
  private static Proof findProofOfSync(String name, MemorySegment seg, long from, long damagedSeq) {
    long size = seg.byteSize();
    for (long p = from; p + WalFormat.RECORD_HEADER + WalFormat.MIN_PAYLOAD <= size; p++) {
      int len = seg.get(INT_LE, p);
      if (len < WalFormat.MIN_PAYLOAD || len > size - p - WalFormat.RECORD_HEADER) continue; // cheap filter first
      if (problemAt(seg, p) != null) continue;
      long payload = p + WalFormat.RECORD_HEADER;
      long seq = seg.get(LONG_LE, payload + 1);
      long synced = seg.get(LONG_LE, payload + 9);
      if (synced >= damagedSeq) return new Proof(p, seq);
      p += WalFormat.RECORD_HEADER + len - 1;
    }
    return null;
  }

  private static int kindInt() {
    byte[] b = FileFormat.kindBytes(WalFormat.KIND);
    return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
  }
}
