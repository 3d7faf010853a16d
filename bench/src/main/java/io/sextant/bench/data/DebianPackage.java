package io.sextant.bench.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Fetches a Debian package with {@code apt-get download} (running {@code apt-get update} once if
 * the first attempt fails, e.g. on a fresh container with empty lists) and unpacks it with
 * {@code dpkg-deb -x}. The tools' output goes to stderr, so stdout stays clean for results.
 */
final class DebianPackage {
  private DebianPackage() {}

  /** Downloads {@code name} into {@code work} and returns the folder it was unpacked into. */
  static Path fetch(String name, Path work) throws IOException {
    Files.createDirectories(work);
    System.err.println("fetching Debian package " + name + " with apt-get download");
    Result r = run(work, "apt-get", "download", name);
    if (r.exit != 0) {
      System.err.println("apt-get download failed; running apt-get update and retrying");
      run(work, "apt-get", "update", "-qq");
      r = run(work, "apt-get", "download", name);
      if (r.exit != 0) {
        throw new IOException("apt-get download " + name + " failed with exit code " + r.exit + ": " + r.output.strip()
            + "\n(needs Debian's package archive to be reachable)");
      }
    }
    Path deb;
    try (Stream<Path> files = Files.list(work)) {
      List<Path> debs = files.filter(f -> f.getFileName().toString().startsWith(name + "_")
          && f.getFileName().toString().endsWith(".deb")).toList();
      if (debs.size() != 1) throw new IOException("expected one " + name + "_*.deb in " + work + ", found " + debs);
      deb = debs.get(0);
    }
    Path root = work.resolve("root");
    Result x = run(work, "dpkg-deb", "-x", deb.toString(), root.toString());
    if (x.exit != 0) throw new IOException("dpkg-deb -x " + deb + " failed with exit code " + x.exit + ": " + x.output.strip());
    return root;
  }

  private record Result(int exit, String output) {}

  private static Result run(Path dir, String... command) throws IOException {
    Process p;
    try {
      p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IOException("cannot run " + command[0] + " (fetching real datasets needs apt-get and dpkg-deb, "
          + "as on Debian or Ubuntu): " + e.getMessage(), e);
    }
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (InputStream in = p.getInputStream()) {
      byte[] buf = new byte[8192];
      for (int n; (n = in.read(buf)) > 0; ) {
        System.err.write(buf, 0, n);
        captured.write(buf, 0, n);
      }
    }
    try {
      return new Result(p.waitFor(), captured.toString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      p.destroy();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + String.join(" ", command), e);
    }
  }
}
