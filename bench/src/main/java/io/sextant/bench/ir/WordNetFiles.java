package io.sextant.bench.ir;

import io.sextant.bench.data.DatasetRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds WordNet's {@code data.noun/verb/adj/adv} in the dataset cache (the folder the
 * {@code wordnet-minilm} datasets use), fetching Debian's {@code wordnet-base} with
 * {@code apt-get download} and {@code dpkg-deb -x} when they are not there yet.
 */
public final class WordNetFiles {
  private static final List<String> FILES = List.of("data.noun", "data.verb", "data.adj", "data.adv");

  private WordNetFiles() {}

  /** The cache folder holding the four data files, fetched on first use. */
  public static Path ensure() throws IOException {
    return ensure(DatasetRegistry.defaultCache().resolve("wordnet"));
  }

  public static Path ensure(Path dir) throws IOException {
    if (FILES.stream().allMatch(f -> Files.isRegularFile(dir.resolve(f)))) return dir;
    Files.createDirectories(dir);
    Path work = Files.createTempDirectory(dir, "fetch-");
    try {
      System.err.println("fetching Debian package wordnet-base into " + dir);
      if (run(work, "apt-get", "download", "wordnet-base") != 0) {
        run(work, "apt-get", "update", "-qq");
        if (run(work, "apt-get", "download", "wordnet-base") != 0) {
          throw new IOException("apt-get download wordnet-base failed (needs Debian's archive)");
        }
      }
      Path deb;
      try (var s = Files.list(work)) {
        deb = s.filter(p -> p.getFileName().toString().endsWith(".deb")).findFirst()
            .orElseThrow(() -> new IOException("no .deb in " + work));
      }
      if (run(work, "dpkg-deb", "-x", deb.toString(), "root") != 0) {
        throw new IOException("dpkg-deb -x " + deb + " failed");
      }
      for (String f : FILES) {
        Path tmp = dir.resolve(f + ".tmp");
        Files.copy(work.resolve("root/usr/share/wordnet").resolve(f), tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, dir.resolve(f), StandardCopyOption.ATOMIC_MOVE);
      }
      return dir;
    } finally {
      try (var s = Files.walk(work)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static int run(Path dir, String... cmd) throws IOException {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", cmd) + " did not finish in 10 minutes");
      }
      return p.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + cmd[0], e);
    }
  }
}
