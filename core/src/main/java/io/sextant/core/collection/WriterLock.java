package io.sextant.core.collection;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The {@code LOCK} file of a collection folder, locked with {@link FileChannel#tryLock()} for as
 * long as the collection is open, so a second writer (another process, or another open in this
 * JVM) fails at once with a clear message instead of corrupting the folder. The OS releases the
 * lock when the process dies, so a crash never leaves a stale lock.
 */
final class WriterLock implements AutoCloseable {
  static final String FILE = "LOCK";

  private final FileChannel channel;
  private final FileLock lock;

  private WriterLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static WriterLock acquire(Path dir) throws IOException {
    Path p = dir.resolve(FILE);
    FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock l;
    try {
      l = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      ch.close();
      throw new IOException("collection " + dir + " is already open for writing in this JVM (lock file " + p + ")");
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    if (l == null) {
      ch.close();
      throw new IOException("collection " + dir + " is already open for writing by another process (lock file " + p
          + " is locked); close it there first");
    }
    return new WriterLock(ch, l);
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
