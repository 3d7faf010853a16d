package io.sextant.core.collection;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.core.store.CorruptIndexException;
import io.sextant.core.vector.Similarity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over 1,200 cases, one file of a committed collection (segments with tombstones, a manifest,
 * a log with committed operations after the last flush) is bit-flipped, truncated or deleted.
 * Each case must end in a {@link CorruptIndexException} naming the damaged file, or in a
 * recovered collection that passes {@link Collection#check()} and holds exactly the committed
 * documents (a cut log may lose a suffix of its operations, see docs/FORMAT.md, never reorder or
 * half-apply them). Never another exception, a crash or a hang.
 */
class CorruptionTest {
  @TempDir Path tmp;
  private static final int DIM = 8;
  private static final int IDS = 300;

  record Doc(float[] vector, Map<String, Object> attributes, String text) {}

  record Op(String id, Doc doc) {}

  private static CollectionOptions options() {
    return CollectionOptions.builder().dimension(DIM).similarity(Similarity.COSINE).index("flat")
        .maxBufferedDocs(100).backgroundMerges(false).build();
  }

  private static float[] vector(Random r) {
    float[] v = new float[DIM];
    for (int i = 0; i < DIM; i++) v[i] = (float) r.nextGaussian();
    return v;
  }

  @Test
  void everyDamagedFileIsReportedOrRecovered() throws Exception {
    Path base = Files.isWritable(Path.of("/dev/shm")) ? Files.createTempDirectory(Path.of("/dev/shm"), "sextant-corrupt") : tmp;
    try {
      runCases(base, 1200);
    } finally {
      if (!base.equals(tmp)) deleteTree(base);
    }
  }

  private void runCases(Path base, int cases) throws Exception {
    Path template = base.resolve("template");
    Map<String, Doc> flushed = new HashMap<>();
    List<Op> tail = new ArrayList<>();
    Random r = new Random(5);
    try (Collection c = Collection.open(base.resolve("live"), options())) {
      for (int round = 0; round < 3; round++) {
        for (int i = 0; i < 90; i++) {
          String id = "d" + r.nextInt(IDS);
          Doc d = new Doc(vector(r), Map.of("round", round, "i", i), i % 3 == 0 ? null : "text " + i);
          c.upsert(id, d.vector(), d.attributes(), d.text());
          flushed.put(id, d);
        }
        for (int i = 0; i < 15; i++) {
          String id = "d" + r.nextInt(IDS);
          c.delete(id);
          flushed.remove(id);
        }
        c.flush();
      }
      for (int i = 0; i < 40; i++) { // committed, in the log only
        String id = "d" + r.nextInt(IDS);
        if (i % 4 == 3) {
          c.delete(id);
          tail.add(new Op(id, null));
        } else {
          Doc d = new Doc(vector(r), Map.of("tail", i), "tail " + i);
          c.upsert(id, d.vector(), d.attributes(), d.text());
          tail.add(new Op(id, d));
        }
        if (i % 10 == 9) c.commit();
      }
      copyTree(base.resolve("live"), template);
    }
    List<String> files;
    try (Stream<Path> s = Files.list(template)) {
      files = s.map(p -> p.getFileName().toString()).filter(n -> !n.equals(WriterLock.FILE)).sorted().toList();
    }
    assertThat(files).anyMatch(n -> n.startsWith("wal-")).anyMatch(n -> n.contains(".del."))
        .anyMatch(n -> n.startsWith("manifest-")).anyMatch(n -> n.endsWith(".vec"));

    Map<String, Integer> reported = new TreeMap<>();
    Map<String, Integer> recovered = new TreeMap<>();
    Path work = base.resolve("case");
    for (int i = 0; i < cases; i++) {
      String file = files.get(i % files.size());
      String kind = kindOf(file);
      deleteTree(work);
      copyTree(template, work);
      String what = damage(work.resolve(file), i / files.size(), r);
      String label = "case " + i + ": " + what + " " + file;
      Throwable failure = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60), () -> openAndVerify(work, flushed, tail, file), label);
      if (failure == null) {
        recovered.merge(kind + " " + what.split("@")[0], 1, Integer::sum);
      } else {
        assertThat(failure).as(label).isInstanceOf(CorruptIndexException.class);
        // A deleted manifest cannot be named (nothing records its generation): the message says none was found.
        String named = what.equals("delete") && kind.equals("manifest") ? "no manifest found" : file;
        assertThat(failure.getMessage()).as(label).contains(named);
        reported.merge(kind + " " + what.split("@")[0], 1, Integer::sum);
      }
    }
    System.out.println("corruption test: " + cases + " cases; reported " + reported + "; recovered " + recovered);
    assertThat(reported.values().stream().mapToInt(Integer::intValue).sum()).isGreaterThan(cases / 2);
  }

  private static String kindOf(String file) {
    if (file.startsWith("wal-")) return "wal";
    if (file.startsWith("manifest-")) return "manifest";
    if (file.contains(".del.")) return "tombstones";
    return file.substring(file.lastIndexOf('.') + 1);
  }

  private static String damage(Path p, int round, Random r) throws IOException {
    byte[] b = Files.readAllBytes(p);
    switch (round % 4) {
      case 0, 1 -> {
        int at = r.nextInt(b.length);
        b[at] ^= (byte) (1 << r.nextInt(8));
        Files.write(p, b);
        return "flip@" + at;
      }
      case 2 -> {
        int len = r.nextInt(b.length);
        Files.write(p, java.util.Arrays.copyOf(b, len));
        return "truncate@" + len;
      }
      default -> {
        if (r.nextInt(4) == 0) {
          Files.delete(p);
          return "delete";
        }
        int at = r.nextInt(b.length);
        int n = 1 + r.nextInt(16);
        for (int k = at; k < Math.min(b.length, at + n); k++) b[k] = (byte) r.nextInt(256);
        Files.write(p, b);
        return "scramble@" + at + "+" + n;
      }
    }
  }

  /** Null when the collection recovered correctly; the exception otherwise. */
  private static Throwable openAndVerify(Path dir, Map<String, Doc> flushed, List<Op> tail, String file) {
    try (Collection c = Collection.open(dir, options())) {
      c.check();
      Map<String, Optional<Document>> actual = new HashMap<>();
      for (int i = 0; i < IDS; i++) actual.put("d" + i, c.get("d" + i));
      // Exactly the committed state; a damaged log may only lose a suffix of its operations.
      Map<String, Doc> model = new HashMap<>(flushed);
      List<Integer> prefixes = new ArrayList<>();
      for (int p = 0; p <= tail.size(); p++) {
        if (p > 0) {
          Op op = tail.get(p - 1);
          if (op.doc() == null) model.remove(op.id());
          else model.put(op.id(), op.doc());
        }
        if (matches(model, actual)) prefixes.add(p);
      }
      assertThat(prefixes).as("state after damaging %s is no prefix of the committed operations", file).isNotEmpty();
      if (!file.startsWith("wal-")) {
        assertThat(prefixes).as("damage to %s must not lose logged operations", file).contains(tail.size());
      }
      float[] q = {1, 0, 0, 0, 0, 0, 0, 1};
      List<Hit> hits = c.search(SearchRequest.of(q).k(5));
      assertThat(hits).hasSize((int) Math.min(5, c.size()));
      return null;
    } catch (CorruptIndexException e) {
      return e;
    } catch (Throwable t) {
      return new AssertionError("unexpected " + t + " after damaging " + file, t);
    }
  }

  private static boolean matches(Map<String, Doc> model, Map<String, Optional<Document>> actual) {
    for (Map.Entry<String, Optional<Document>> e : actual.entrySet()) {
      Doc d = model.get(e.getKey());
      Optional<Document> a = e.getValue();
      if (d == null ? a.isPresent() : a.isEmpty()) return false;
      if (d != null) {
        Document x = a.get();
        Map<String, Object> attrs = new HashMap<>();
        d.attributes().forEach((k, v) -> attrs.put(k, v instanceof Integer n ? (Object) (long) n : v));
        if (!java.util.Arrays.equals(x.vector(), d.vector()) || !x.attributes().equals(attrs)
            || !java.util.Objects.equals(x.text(), d.text())) {
          return false;
        }
      }
    }
    return true;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> s = Files.list(from)) {
      for (Path p : s.toList()) {
        if (p.getFileName().toString().equals(WriterLock.FILE)) continue;
        Files.copy(p, to.resolve(p.getFileName()));
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }
}
