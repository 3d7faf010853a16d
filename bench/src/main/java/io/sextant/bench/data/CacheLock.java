package io.sextant.bench.data;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serializes work on one cache entry across threads and processes (two benchmark runs fetching
 * the same dataset at once build it once): a JVM-wide lock per name plus an OS file lock on
 * {@code <cache>/.locks/<name>.lock}.
 */
final class CacheLock implements AutoCloseable {
  private static final ConcurrentHashMap<String, ReentrantLock> LOCAL = new ConcurrentHashMap<>();

  private final ReentrantLock local;
  private final FileChannel channel;
  private final FileLock lock;

  private CacheLock(ReentrantLock local, FileChannel channel, FileLock lock) {
    this.local = local;
    this.channel = channel;
    this.lock = lock;
  }

  static CacheLock acquire(Path cache, String name) throws IOException {
    Path file = cache.resolve(".locks").resolve(name + ".lock");
    Files.createDirectories(file.getParent());
    ReentrantLock local = LOCAL.computeIfAbsent(file.toAbsolutePath().normalize().toString(), k -> new ReentrantLock());
    local.lock();
    FileChannel ch = null;
    try {
      ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      return new CacheLock(local, ch, ch.lock());
    } catch (IOException | RuntimeException e) {
      if (ch != null) ch.close();
      local.unlock();
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
      channel.close();
    } finally {
      local.unlock();
    }
  }
}
