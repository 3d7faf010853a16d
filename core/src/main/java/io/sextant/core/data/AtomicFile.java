package io.sextant.core.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file under a temporary name and renames it into place on {@link #commit()}, so an
 * interrupted write never leaves a partial cache file that a later run would take as complete.
 */
final class AtomicFile implements AutoCloseable {
  private final Path target;
  private final Path temp;
  private final FileChannel channel;
  private boolean committed;

  private AtomicFile(Path target, Path temp, FileChannel channel) {
    this.target = target;
    this.temp = temp;
    this.channel = channel;
  }

  static AtomicFile create(Path target) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    // Not Files.createTempFile: that makes the file owner-only, and cached data should be as
    // readable as any file the user creates (umask applies).
    Path temp = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "."
        + Long.toUnsignedString(System.nanoTime(), 36) + ".tmp");
    return new AtomicFile(target, temp, FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW));
  }

  void write(ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) channel.write(buf);
  }

  /** Flushes and renames the temporary file over the target. */
  void commit() throws IOException {
    channel.force(true);
    channel.close();
    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    committed = true;
  }

  @Override
  public void close() throws IOException {
    if (!committed) {
      channel.close();
      Files.deleteIfExists(temp);
    }
  }
}
