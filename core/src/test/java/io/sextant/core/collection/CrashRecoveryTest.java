package io.sextant.core.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM writes and commits in a loop and is killed with SIGKILL at random moments (during
 * recovery, writes, flushes, merges, checkpoints). After each kill the collection is reopened and
 * must hold every acknowledged commit, plus at most a prefix of the batch in flight (never half an
 * operation, never an operation out of order), and pass a full check.
 */
class CrashRecoveryTest {
  @TempDir Path dir;
  /** Shortest time a child took from start to READY so far; kills "during recovery" aim below it. */
  private long readyMillis = 400;

  @Test
  @Tag("slow")
  void fiftyKillsLoseNoAcknowledgedCommit() throws Exception {
    run(50, 7);
  }

  @Test
  @Tag("longrun")
  void hundredKillsLoseNoAcknowledgedCommit() throws Exception {
    run(100, 11);
  }

  private void run(int cycles, long seed) throws Exception {
    Path folder = dir.resolve("crash");
    Random r = new Random(seed);
    long acked = -1;
    int killedDuringRecovery = 0;
    for (int cycle = 0; cycle < cycles; cycle++) {
      long[] result = runChild(folder, seed, acked + 1, r, cycle);
      if (result[1] == 1) killedDuringRecovery++;
      acked = Math.max(acked, result[0]);
      verify(folder, seed, acked);
    }
    try (var files = Files.list(folder)) {
      System.out.println("crash test: " + cycles + " kills, " + killedDuringRecovery + " during recovery, " + (acked + 1)
          + " batches acknowledged, files now: " + files.map(f -> f.getFileName().toString()).sorted().toList());
    }
    assertThat(acked).as("the workers made progress").isGreaterThan(cycles);
    assertThat(killedDuringRecovery).as("some kills landed during open/recovery").isPositive();
  }

  /** Returns {highest acknowledged batch, 1 if killed before READY}. */
  private long[] runChild(Path folder, long seed, long firstBatch, Random r, int cycle) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path err = dir.resolve("child-" + cycle + ".err");
    ProcessBuilder pb = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-Xmx256m", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), CrashWorker.class.getName(), folder.toString(), Long.toString(seed),
        Long.toString(firstBatch));
    pb.redirectError(err.toFile());
    Process p = pb.start();
    AtomicLong lastAck = new AtomicLong(firstBatch - 1);
    AtomicBoolean ready = new AtomicBoolean();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          if (line.equals("READY")) ready.set(true);
          else if (line.startsWith("ACK ")) lastAck.set(Long.parseLong(line.substring(4)));
        }
      } catch (IOException ignored) {
        // the process was killed
      }
    });
    reader.start();
    boolean duringRecovery = r.nextInt(5) == 0;
    long start = System.nanoTime();
    long deadline = start + TimeUnit.SECONDS.toNanos(60);
    if (duringRecovery) {
      // JVM start plus part of open(): aim inside the time earlier children took to get READY,
      // measured on this machine rather than guessed, so a fast or a loaded machine both land here.
      long ms = Math.max(1, readyMillis);
      Thread.sleep(ms / 4 + r.nextLong(Math.max(1, ms / 2)));
    } else {
      while (!ready.get() && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(1);
      if (ready.get()) readyMillis = Math.min(readyMillis, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
      Thread.sleep(r.nextInt(400));
    }
    if (!p.isAlive()) fail("child exited by itself with " + p.exitValue() + ":\n" + Files.readString(err));
    boolean wasReady = ready.get();
    // SIGKILL through the handle: Process.destroyForcibly() would also close our end of stdout,
    // dropping ACK lines still in the pipe.
    p.toHandle().destroyForcibly();
    p.waitFor();
    reader.join();
    return new long[] {lastAck.get(), wasReady ? 0 : 1};
  }

  private void verify(Path folder, long seed, long acked) throws IOException {
    Map<String, CrashWorkload.Op> committed = CrashWorkload.stateAfter(seed, acked);
    try (Collection c = Collection.open(folder, CrashWorkload.options())) {
      c.check();
      Map<String, Optional<Document>> actual = new HashMap<>();
      for (int i = 0; i < CrashWorkload.IDS; i++) actual.put("k" + i, c.get("k" + i));
      // The state is the committed one plus a prefix of the next batch.
      Map<String, CrashWorkload.Op> model = new HashMap<>(committed);
      List<CrashWorkload.Op> next = CrashWorkload.batch(seed, acked + 1);
      List<String> mismatches = null;
      for (int prefix = 0; prefix <= next.size(); prefix++) {
        if (prefix > 0) CrashWorkload.apply(model, next.get(prefix - 1));
        mismatches = diff(model, actual);
        if (mismatches.isEmpty()) break;
      }
      assertThat(mismatches).as("state after batch %d plus any prefix of batch %d", acked, acked + 1).isEmpty();
      assertThat(c.size()).isEqualTo(actual.values().stream().filter(Optional::isPresent).count());
    }
  }

  private static List<String> diff(Map<String, CrashWorkload.Op> model, Map<String, Optional<Document>> actual) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Optional<Document>> e : actual.entrySet()) {
      CrashWorkload.Op expected = model.get(e.getKey());
      Optional<Document> got = e.getValue();
      if (expected == null) {
        if (got.isPresent()) out.add(e.getKey() + " should be absent");
      } else if (got.isEmpty()) {
        out.add(e.getKey() + " is missing");
      } else {
        Document d = got.get();
        Map<String, Object> attrs = expected.attributes();
        if (!java.util.Arrays.equals(d.vector(), expected.vector()) || !d.attributes().equals(attrs)
            || !java.util.Objects.equals(d.text(), expected.text())) {
          out.add(e.getKey() + " has " + d.attributes() + ", expected " + attrs);
        }
      }
    }
    return out;
  }
}
