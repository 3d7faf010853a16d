package io.sextant.core.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** The fsync steps that make a file name durable, which plain {@code Files} calls do not. */
public final class Fsync {
  private Fsync() {}

  /**
   * Forces the directory entry changes (creations, renames, deletions) in {@code dir} to disk.
   * On platforms that cannot open a directory for reading (Windows) this is a no-op, as there
   * NTFS journals metadata itself.
   */
  public static void directory(Path dir) throws IOException {
    FileChannel ch;
    try {
      ch = FileChannel.open(dir, StandardOpenOption.READ);
    } catch (IOException | UnsupportedOperationException e) {
      if (System.getProperty("os.name", "").startsWith("Windows")) return;
      throw e;
    }
    try (ch) {
      ch.force(true);
    }
  }

  /** Forces the content of a file to disk. */
  public static void file(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }

  /**
   * Renames a finished (already fsynced) {@code tmp} over {@code target} atomically, then fsyncs
   * the folder so the new name survives a power loss.
   */
  public static void atomicRename(Path tmp, Path target) throws IOException {
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    directory(target.toAbsolutePath().getParent());
  }
}
