package io.sextant.core.store;

import io.sextant.core.store.fault.DiskFaults;
import java.io.Closeable;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Writes one checked file (see {@link FileFormat}) sequentially: header on creation, little-endian
 * primitives, and on {@link #finish()} the footer with the CRC32C, then fsync. A file that is
 * closed without {@link #finish()} is deleted, so a failed write (disk full, exception in a
 * builder) never leaves a file that looks complete. Not thread-safe.
 */
public final class ChecksummedOutput implements Closeable {
  private static final int BUFFER_BYTES = 1 << 16;

  private final Path path;
  private final FileChannel channel;
  private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
  private final CRC32C crc = new CRC32C();
  private long flushed;
  private boolean finished;
  private boolean closed;
  private FileStamp stamp;

  private ChecksummedOutput(Path path, FileChannel channel) {
    this.path = path;
    this.channel = channel;
  }

  /** Creates {@code path} (it must not exist) and writes the header of a file of this kind and version. */
  public static ChecksummedOutput create(Path path, String kind, int version) throws IOException {
    int kindInt = FileFormat.kindInt(kind);
    FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    ChecksummedOutput out = new ChecksummedOutput(path, ch);
    out.writeInt(FileFormat.MAGIC);
    out.writeInt(kindInt);
    out.writeInt(version);
    out.writeInt(0);
    return out;
  }

  public Path path() {
    return path;
  }

  /** Bytes written so far, header included: the file offset of the next byte. */
  public long position() {
    return flushed + buffer.position();
  }

  private void ensure(int n) throws IOException {
    if (buffer.remaining() < n) flushBuffer();
  }

  public void writeByte(int b) throws IOException {
    ensure(1);
    buffer.put((byte) b);
  }

  public void writeInt(int v) throws IOException {
    ensure(4);
    buffer.putInt(v);
  }

  public void writeLong(long v) throws IOException {
    ensure(8);
    buffer.putLong(v);
  }

  public void writeFloat(float v) throws IOException {
    ensure(4);
    buffer.putFloat(v);
  }

  public void writeFloats(float[] v) throws IOException {
    for (float x : v) writeFloat(x);
  }

  /** Unsigned LEB128, 1 to 5 bytes. */
  public void writeVInt(int v) throws IOException {
    ensure(5);
    while ((v & ~0x7f) != 0) {
      buffer.put((byte) ((v & 0x7f) | 0x80));
      v >>>= 7;
    }
    buffer.put((byte) v);
  }

  public void writeBytes(byte[] b) throws IOException {
    writeBytes(b, 0, b.length);
  }

  public void writeBytes(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      if (!buffer.hasRemaining()) flushBuffer();
      int n = Math.min(len, buffer.remaining());
      buffer.put(b, off, n);
      off += n;
      len -= n;
    }
  }

  /** Copies {@code length} bytes of {@code src} from {@code offset} (e.g. vectors of a mapped segment). */
  public void writeBytes(MemorySegment src, long offset, long length) throws IOException {
    while (length > 0) {
      if (!buffer.hasRemaining()) flushBuffer();
      int n = (int) Math.min(length, buffer.remaining());
      MemorySegment.copy(src, ValueLayout.JAVA_BYTE, offset, buffer.array(), buffer.position(), n);
      buffer.position(buffer.position() + n);
      offset += n;
      length -= n;
    }
  }

  /** A string as its UTF-8 length (vint) and bytes. */
  public void writeString(String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    writeVInt(b.length);
    writeBytes(b);
  }

  /** Pads with zero bytes until {@link #position()} is a multiple of {@code alignment}. */
  public void align(int alignment) throws IOException {
    long pad = (alignment - position() % alignment) % alignment;
    for (long i = 0; i < pad; i++) writeByte(0);
  }

  private void flushBuffer() throws IOException {
    buffer.flip();
    int n = buffer.remaining();
    DiskFaults.reserve(n);
    crc.update(buffer.array(), 0, n);
    while (buffer.hasRemaining()) channel.write(buffer);
    flushed += n;
    buffer.clear();
  }

  /**
   * Writes the footer, forces the file to disk and closes it.
   *
   * @return the file's length and CRC32C, for a segment's list of files
   */
  public FileStamp finish() throws IOException {
    if (finished || closed) throw new IllegalStateException(path + " is already finished or closed");
    writeInt(FileFormat.FOOTER_MAGIC);
    long length = position() + 8 + 4;
    writeLong(length);
    flushBuffer();
    int checksum = (int) crc.getValue();
    ByteBuffer tail = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(checksum).flip();
    DiskFaults.reserve(4);
    while (tail.hasRemaining()) channel.write(tail);
    channel.force(true);
    finished = true;
    closed = true;
    channel.close();
    stamp = new FileStamp(path.getFileName().toString(), length, checksum);
    return stamp;
  }

  /** Whether {@link #finish()} completed. */
  public boolean isFinished() {
    return finished;
  }

  /** The stamp returned by {@link #finish()}, or null before. */
  public FileStamp stamp() {
    return stamp;
  }

  /** Closes; when {@link #finish()} was not called, deletes the partial file. */
  @Override
  public void close() throws IOException {
    if (closed) return;
    closed = true;
    try {
      channel.close();
    } finally {
      if (!finished) Files.deleteIfExists(path);
    }
  }
}
