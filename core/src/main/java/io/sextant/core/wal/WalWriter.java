package io.sextant.core.wal;

import io.sextant.core.store.BytesOutput;
import io.sextant.core.store.FileFormat;
import io.sextant.core.store.Fsync;
import io.sextant.core.store.fault.DiskFaults;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Appends records to one log file. Records are encoded into a heap buffer that goes to the OS on
 * {@link #flush()} (or {@link #flushIfLarge()} past 256 KiB) and to the disk on {@link #sync()}. Not
 * thread-safe: the collection calls it under its writer lock.
 */
public final class WalWriter implements Closeable {
  private static final int FLUSH_BYTES = 256 * 1024;

  private final Path path;
  private final FileChannel channel;
  private final long firstSeq;
  private final BytesOutput pending = new BytesOutput(64 * 1024);
  private final BytesOutput payload = new BytesOutput(4096);
  private long lastSeq;
  private long syncedSeq;
  private long size;
  private boolean closed;

  private WalWriter(Path path, FileChannel channel, long firstSeq, long syncedSeq, long size) {
    this.path = path;
    this.channel = channel;
    this.firstSeq = firstSeq;
    this.lastSeq = firstSeq - 1;
    this.syncedSeq = syncedSeq;
    this.size = size;
  }

  /**
   * Creates the log whose first record will have sequence {@code firstSeq}; the header is forced
   * to disk and the folder fsynced before this returns.
   *
   * @param syncedSeq the highest sequence number already durable (in earlier logs or segments)
   */
  public static WalWriter create(Path dir, long firstSeq, long syncedSeq) throws IOException {
    Path p = dir.resolve(WalFormat.fileName(firstSeq));
    FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    boolean ok = false;
    try {
      BytesOutput h = new BytesOutput(WalFormat.FILE_HEADER);
      h.writeInt(FileFormat.MAGIC);
      h.writeBytes(FileFormat.kindBytes(WalFormat.KIND));
      h.writeInt(WalFormat.VERSION);
      h.writeInt(0);
      h.writeLong(firstSeq);
      CRC32C crc = new CRC32C();
      crc.update(h.array(), 0, h.size());
      h.writeInt((int) crc.getValue());
      DiskFaults.reserve(h.size());
      ByteBuffer b = ByteBuffer.wrap(h.array(), 0, h.size());
      while (b.hasRemaining()) ch.write(b);
      ch.force(true);
      Fsync.directory(dir);
      ok = true;
      return new WalWriter(p, ch, firstSeq, syncedSeq, h.size());
    } finally {
      if (!ok) {
        ch.close();
        Files.deleteIfExists(p);
      }
    }
  }

  /** The file name of the log whose first record has sequence {@code firstSeq}. */
  public static String fileName(long firstSeq) {
    return WalFormat.fileName(firstSeq);
  }

  /** The first sequence number a log file name encodes, or -1 when the name is not a log's. */
  public static long firstSeqOf(String fileName) {
    return WalFormat.parseFileName(fileName);
  }

  /**
   * Reopens an existing log for appending after recovery: {@code validEnd} is where its last
   * intact record ends (the file was truncated there), {@code lastSeq} that record's sequence.
   * The file must already be on disk (fsynced).
   */
  public static WalWriter reopen(Path file, long firstSeq, long lastSeq, long validEnd) throws IOException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE);
    if (ch.size() != validEnd) {
      ch.close();
      throw new IOException("log " + file + " is " + ch.size() + " bytes, expected " + validEnd + " after recovery");
    }
    WalWriter w = new WalWriter(file, ch, firstSeq, lastSeq, validEnd);
    w.lastSeq = lastSeq;
    return w;
  }

  public Path path() {
    return path;
  }

  public String fileName() {
    return path.getFileName().toString();
  }

  public long firstSeq() {
    return firstSeq;
  }

  /** Sequence number of the last appended record, or {@code firstSeq - 1} when none. */
  public long lastSeq() {
    return lastSeq;
  }

  /** Highest sequence number known to be on disk. */
  public long syncedSeq() {
    return syncedSeq;
  }

  /** Bytes in the file once pending records are flushed. */
  public long size() {
    return size + pending.size();
  }

  /** Encodes and buffers {@code r} (no I/O), whose sequence number must follow the previous one. */
  public void append(WalRecord r) throws IOException {
    if (closed) throw new IllegalStateException("log " + path + " is closed");
    if (r instanceof WalRecord.SyncMarker) throw new IllegalArgumentException("sync markers are written by sync()");
    if (r.seq() != lastSeq + 1) {
      throw new IllegalArgumentException("record sequence " + r.seq() + " does not follow " + lastSeq + " in " + path);
    }
    encode(r);
    lastSeq = r.seq();
  }

  private void encode(WalRecord r) {
    payload.reset();
    WalRecord.encode(r, syncedSeq, payload);
    if (payload.size() > WalFormat.MAX_PAYLOAD) {
      throw new IllegalArgumentException("record of " + payload.size() + " bytes exceeds the log limit of " + WalFormat.MAX_PAYLOAD);
    }
    CRC32C crc = new CRC32C();
    crc.update(payload.array(), 0, payload.size());
    int payloadCrc = (int) crc.getValue();
    pending.writeInt(payload.size());
    pending.writeInt(payloadCrc);
    pending.writeInt(headerCrc(payload.size(), payloadCrc));
    pending.writeBytes(payload.array(), 0, payload.size());
  }

  /**
   * Flushes when enough records are buffered. Called before appending, not after, so that a
   * failing write rejects the new operation instead of leaving it half-acknowledged.
   */
  public void flushIfLarge() throws IOException {
    if (pending.size() >= FLUSH_BYTES) flush();
  }

  static int headerCrc(int length, int payloadCrc) {
    byte[] b = new byte[8];
    for (int i = 0; i < 4; i++) {
      b[i] = (byte) (length >>> (8 * i));
      b[4 + i] = (byte) (payloadCrc >>> (8 * i));
    }
    CRC32C crc = new CRC32C();
    crc.update(b);
    return (int) crc.getValue();
  }

  /** Hands buffered records to the OS: they survive a crash of this process, not of the machine. */
  public void flush() throws IOException {
    if (pending.size() == 0) return;
    DiskFaults.reserve(pending.size());
    ByteBuffer b = ByteBuffer.wrap(pending.array(), 0, pending.size());
    long at = size;
    while (b.hasRemaining()) at += channel.write(b, at);
    size = at;
    pending.reset();
  }

  /**
   * Flushes and forces the log to disk: every appended record is durable when this returns. Then
   * appends a {@link WalRecord.SyncMarker} (not forced) recording that fact.
   */
  public void sync() throws IOException {
    flush();
    if (syncedSeq < lastSeq) {
      channel.force(false);
      syncedSeq = lastSeq;
      // Handed to the OS now, on disk with the next sync: proves the records before it were synced.
      encode(new WalRecord.SyncMarker(lastSeq));
      flush();
    }
  }

  /** Syncs and closes. */
  @Override
  public void close() throws IOException {
    if (closed) return;
    try {
      sync();
    } finally {
      closed = true;
      channel.close();
    }
  }

  /** Closes without syncing (after a failure; the file is recovered by replay). */
  public void abandon() throws IOException {
    closed = true;
    channel.close();
  }
}
