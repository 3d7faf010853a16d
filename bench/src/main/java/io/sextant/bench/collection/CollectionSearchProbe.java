package io.sextant.bench.collection;

import io.sextant.core.collection.Collection;
import io.sextant.core.collection.CollectionOptions;
import io.sextant.core.collection.Hit;
import io.sextant.core.collection.SearchRequest;
import io.sextant.core.data.Dataset;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import io.sextant.hnsw.HnswIndex;
import io.sextant.hnsw.HnswParams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Time per query of a search through a {@link Collection} (one force-merged, reopened segment:
 * the mapped product path) for each index type, next to the same HNSW graph parameters searched
 * as an {@link HnswIndex} over the vectors in memory. Cases per index: unfiltered without stored
 * fields, unfiltered with them, and a 10 % random filter ({@code r < 1000}, which at this size
 * HNSW and IVF answer by an exact scan of the accepted set: its cost per accepted vector is printed).
 *
 * <p>Usage: {@code CollectionSearchProbe <dataset folder>[:maxBase] <queries> <rounds> flat|hnsw|ivf...};
 * the cases are interleaved, {@code rounds} timed passes each, so a ratio is measured in one run.
 */
public final class CollectionSearchProbe {
  private static final int K = 10;

  private CollectionSearchProbe() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      System.err.println("usage: CollectionSearchProbe <dataset folder>[:maxBase] <queries> <rounds> flat|hnsw|ivf ...");
      System.exit(2);
    }
    String[] where = args[0].split(":", 2);
    int maxBase = where.length > 1 ? Integer.parseInt(where[1]) : Integer.MAX_VALUE;
    int nq = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    try (Dataset ds = Dataset.open(Path.of(where[0]), maxBase, nq)) {
      FloatVectors base = ds.base();
      float[][] q = new float[ds.queries().size()][];
      for (int i = 0; i < q.length; i++) q[i] = ds.queries().get(i);
      List<Case> cases = new ArrayList<>();
      List<AutoCloseable> open = new ArrayList<>();
      try {
        for (int a = 3; a < args.length; a++) {
          String type = args[a];
          if (type.equals("hnsw")) {
            HnswIndex direct = HnswIndex.build(base, ds.similarity(), HnswParams.builder().m(16).efConstruction(100).build(),
                Runtime.getRuntime().availableProcessors());
            cases.add(new Case("hnsw direct (HnswIndex, memory)", 0, query -> direct.search(query, K, 64).size()));
          }
          Collection c = build(type, base, ds.similarity());
          open.add(c);
          SearchRequest plain = SearchRequest.of(q[0]).k(K).includeFields(false);
          SearchRequest fields = SearchRequest.of(q[0]).k(K).includeFields(true);
          SearchRequest filtered = plain.filter("r < 1000");
          int accepted = c.search(SearchRequest.of(q[0]).k(SearchRequest.MAX_K).includeFields(false).filter("r < 1000")).size();
          cases.add(new Case(type + " collection, no fields", 0, query -> c.search(plain.vector(query)).size()));
          cases.add(new Case(type + " collection, with fields", 0, query -> fieldsSize(c.search(fields.vector(query)))));
          cases.add(new Case(type + " collection, filter r<1000", accepted, query -> c.search(filtered.vector(query)).size()));
        }
        for (Case c : cases) c.run(q); // warm-up
        double[][] secs = new double[cases.size()][rounds];
        for (int r = 0; r < rounds; r++) {
          for (int i = 0; i < cases.size(); i++) secs[i][r] = cases.get(i).run(q);
        }
        System.out.printf(Locale.ROOT, "%s, %d base, %d queries, k=%d, load %s%n", ds.name(), base.size(), q.length, K, load());
        for (int i = 0; i < cases.size(); i++) {
          double best = Double.MAX_VALUE;
          for (double s : secs[i]) best = Math.min(best, s);
          Case c = cases.get(i);
          String perVector = c.accepted == 0 ? ""
              : String.format(Locale.ROOT, ", %.2f µs per accepted vector (%d accepted)", best / q.length / c.accepted * 1e6, c.accepted);
          System.out.printf(Locale.ROOT, "  %-45s %9.1f QPS (best of %d)%s%n", c.name, q.length / best, rounds, perVector);
        }
      } finally {
        for (AutoCloseable c : open) c.close();
      }
    }
  }

  private interface Query {
    int run(float[] query) throws IOException;
  }

  private record Case(String name, int accepted, Query query) {
    double run(float[][] qs) throws IOException {
      long t = System.nanoTime();
      int sink = 0;
      for (float[] v : qs) sink += query.run(v);
      if (sink < 0) throw new AssertionError();
      return (System.nanoTime() - t) / 1e9;
    }
  }

  private static int fieldsSize(List<Hit> hits) {
    int n = 0;
    for (Hit h : hits) n += h.attributes() == null ? 0 : h.attributes().size();
    return n;
  }

  /** A collection of {@code base} with attributes {@code r} (uniform in [0, 10000), seed 42), merged to one segment and reopened. */
  private static Collection build(String type, FloatVectors base, Similarity similarity) throws IOException {
    Path dir = Files.createTempDirectory("sextant-probe-" + type);
    CollectionOptions.Builder ob = CollectionOptions.builder().dimension(base.dimension()).similarity(similarity)
        .backgroundMerges(false);
    switch (type) {
      case "flat" -> ob.index("flat", Map.of());
      case "hnsw" -> ob.index("hnsw", Map.of("M", 16, "efConstruction", 100));
      case "ivf" -> ob.index("ivf", Map.of());
      default -> throw new IllegalArgumentException("index type " + type + ": expected flat, hnsw or ivf");
    }
    Random rnd = new Random(42);
    long t0 = System.nanoTime();
    try (Collection c = Collection.open(dir, ob.build())) {
      for (int i = 0; i < base.size(); i++) c.upsert("d" + i, base.get(i), Map.of("r", (long) rnd.nextInt(10_000)), null);
      c.commit();
      c.forceMerge(1);
    }
    System.err.printf(Locale.ROOT, "%s: built in %.1f s (%s)%n", type, (System.nanoTime() - t0) / 1e9, dir);
    Collection c = Collection.open(dir);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
    return c;
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // best effort for a temporary folder
    }
  }

  private static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "?";
    }
  }
}
