package io.sextant.bench.collection;

import io.sextant.core.collection.Collection;
import io.sextant.core.collection.CollectionOptions;
import io.sextant.core.collection.Hit;
import io.sextant.core.collection.SearchRequest;
import io.sextant.core.data.Dataset;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Kernels;
import io.sextant.core.vector.Similarity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Filtered vector search through the {@link Collection} (attribute index → planner → accept
 * bitmap → index), measured against exact filtered ground truth. Every base document gets two
 * attributes: {@code r}, uniform in [0, 10000) (random filters {@code r < s·10000}), and
 * {@code cl}, the rank of its cluster in a random order of 1,000 clusters (nearest of 1,000
 * random base vectors), so that {@code cl < m} keeps whole clusters: a correlated filter.
 *
 * <p>Usage: {@code FilteredCollectionBench <dataset folder>[:maxBase] <queries> <engine spec>...} where an
 * engine spec is {@code hnsw:efSearch=64,100} or {@code ivf:nprobe=16,32}. Prints one JSON object
 * per (engine, search setting, filter) on stdout; progress on stderr.
 */
public final class FilteredCollectionBench {
  private static final double[] SELECTIVITIES = {0.5, 0.1, 0.01, 0.001};
  private static final int K = 10;
  private static final int CLUSTERS = 1000;

  private FilteredCollectionBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: FilteredCollectionBench <dataset folder> <queries> hnsw:efSearch=64,100 ivf:nprobe=16,32 ...");
      System.exit(2);
    }
    // <dataset folder>[:maxBase] uses the first maxBase base vectors.
    String[] where = args[0].split(":", 2);
    Path folder = Path.of(where[0]);
    int maxBase = where.length > 1 ? Integer.parseInt(where[1]) : Integer.MAX_VALUE;
    int nq = Integer.parseInt(args[1]);
    try (Dataset ds = Dataset.open(folder, maxBase, nq)) {
      FloatVectors base = ds.base();
      FloatVectors queries = ds.queries();
      int n = base.size();
      // Cosine datasets are normalized up front, so dot order is cosine order; others must be Euclidean.
      boolean l2 = ds.similarity() == Similarity.EUCLIDEAN;
      if (!l2 && ds.similarity() != Similarity.COSINE) throw new IllegalArgumentException("cosine or euclidean datasets only");
      float[][] b = new float[n][];
      for (int i = 0; i < n; i++) b[i] = l2 ? base.get(i) : normalize(base.get(i));
      float[][] q = new float[queries.size()][];
      for (int i = 0; i < q.length; i++) q[i] = l2 ? queries.get(i) : normalize(queries.get(i));
      Random rnd = new Random(42);
      long[] r = new long[n];
      for (int i = 0; i < n; i++) r[i] = rnd.nextInt(10_000);
      log("clusters ...");
      long[] cl = clusterRanks(b, rnd, l2);
      log("exact order of the base for " + q.length + " queries ...");
      int[][] order = exactOrder(b, q, l2);
      List<FilterCase> cases = new ArrayList<>();
      cases.add(new FilterCase("none", 1.0, null, i -> true)); // the unfiltered baseline, same run
      for (double s : SELECTIVITIES) {
        long limit = Math.round(s * 10_000);
        cases.add(new FilterCase("random", s, "r < " + limit, i -> r[i] < limit));
        long m = clustersFor(cl, s, n);
        cases.add(new FilterCase("correlated", s, "cl < " + m, i -> cl[i] < m));
      }
      for (int a = 2; a < args.length; a++) runEngine(args[a], ds.name(), ds.similarity(), b, q, r, cl, order, cases);
    }
  }

  private record FilterCase(String kind, double target, String expression, java.util.function.IntPredicate accepts) {}

  private static void runEngine(String spec, String dataset, Similarity similarity, float[][] b, float[][] q, long[] r, long[] cl,
                                int[][] order, List<FilterCase> cases) throws IOException {
    String[] parts = spec.split(":", 2);
    String type = parts[0];
    String[] param = parts[1].split("=", 2);
    CollectionOptions.Builder ob = CollectionOptions.builder().dimension(b[0].length)
        .similarity(similarity).backgroundMerges(false);
    if (type.equals("hnsw")) ob.index("hnsw", Map.of("M", 16, "efConstruction", 100));
    else if (type.equals("ivf")) ob.index("ivf", Map.of("pq", (b[0].length / 8) + "x8", "rerank", 10));
    else throw new IllegalArgumentException("engine " + type + ": expected hnsw or ivf");
    Path dir = Files.createTempDirectory("sextant-filtered-" + type);
    long t0 = System.nanoTime();
    try (Collection c = Collection.open(dir, ob.build())) {
      for (int i = 0; i < b.length; i++) c.upsert("d" + i, b[i], Map.of("r", r[i], "cl", cl[i]), null);
      c.forceMerge(1);
      double buildS = (System.nanoTime() - t0) / 1e9;
      log(type + ": " + b.length + " documents in " + String.format(Locale.ROOT, "%.1f", buildS) + " s");
      for (String value : param[1].split(",")) {
        int v = Integer.parseInt(value);
        for (FilterCase fc : cases) {
          int accepted = 0;
          for (int i = 0; i < b.length; i++) if (fc.accepts().test(i)) accepted++;
          SearchRequest base = SearchRequest.of(q[0]).k(K).includeFields(false).param(param[0], v);
          if (fc.expression() != null) base = base.filter(fc.expression());
          // Warm up (a whole pass for the first setting, which also warms the JIT), then time one pass.
          int warm = fc == cases.getFirst() ? q.length : Math.min(50, q.length);
          for (int i = 0; i < warm; i++) c.search(base.vector(q[i % q.length]));
          double recall = 0;
          long start = System.nanoTime();
          List<List<Hit>> results = new ArrayList<>(q.length);
          for (float[] query : q) results.add(c.search(base.vector(query)));
          double secs = (System.nanoTime() - start) / 1e9;
          for (int i = 0; i < q.length; i++) {
            Set<String> truth = new HashSet<>();
            for (int d : order[i]) {
              if (fc.accepts().test(d)) truth.add("d" + d);
              if (truth.size() == K) break;
            }
            int hit = 0;
            for (Hit h : results.get(i)) if (truth.contains(h.id())) hit++;
            recall += truth.isEmpty() ? 1 : (double) hit / truth.size();
          }
          recall /= q.length;
          System.out.printf(Locale.ROOT, "{\"engine\":\"sextant-collection\",\"index\":\"%s\",\"params\":{\"%s\":%d},"
              + "\"dataset\":\"%s\",\"filter\":\"%s\",\"filter_kind\":\"%s\",\"selectivity_target\":%s,"
              + "\"selectivity\":%.5f,\"k\":%d,\"queries\":%d,\"recall\":%.4f,\"qps\":%.1f,\"build_s\":%.1f,"
              + "\"load\":\"%s\"}%n", type + (type.equals("ivf") ? "-pq" : ""), param[0], v, dataset, fc.expression() == null ? "" : fc.expression(),
              fc.kind(), fc.target(), accepted / (double) b.length, K, q.length, recall, q.length / secs, buildS, load());
          System.out.flush();
        }
      }
    } finally {
      try (var s = Files.list(dir)) {
        for (Path p : s.toList()) Files.deleteIfExists(p);
      }
      Files.deleteIfExists(dir);
    }
  }

  /** Smallest number of clusters (in rank order) holding at least {@code s · n} documents. */
  private static long clustersFor(long[] cl, double s, int n) {
    long[] size = new long[CLUSTERS];
    for (long c : cl) size[(int) c]++;
    long sum = 0;
    for (int m = 0; m < CLUSTERS; m++) {
      sum += size[m];
      if (sum >= s * n) return m + 1;
    }
    return CLUSTERS;
  }

  /** Each vector's cluster (nearest of 1,000 random base vectors), numbered in a random order. */
  private static long[] clusterRanks(float[][] b, Random rnd, boolean l2) {
    int[] centers = rnd.ints(0, b.length).distinct().limit(CLUSTERS).toArray();
    int[] rank = new int[CLUSTERS];
    List<Integer> perm = new ArrayList<>(IntStream.range(0, CLUSTERS).boxed().toList());
    java.util.Collections.shuffle(perm, rnd);
    for (int i = 0; i < CLUSTERS; i++) rank[perm.get(i)] = i;
    var kernels = Kernels.get();
    long[] out = new long[b.length];
    IntStream.range(0, b.length).parallel().forEach(i -> {
      int best = 0;
      float bestScore = Float.NEGATIVE_INFINITY;
      for (int c = 0; c < CLUSTERS; c++) {
        float s = l2 ? -kernels.squareDistance(b[i], b[centers[c]]) : kernels.dot(b[i], b[centers[c]]);
        if (s > bestScore) {
          bestScore = s;
          best = c;
        }
      }
      out[i] = rank[best];
    });
    return out;
  }

  /** Per query, every base ordinal best first: decreasing cosine or increasing distance (double precision). */
  private static int[][] exactOrder(float[][] b, float[][] q, boolean l2) {
    int[][] order = new int[q.length][];
    IntStream.range(0, q.length).parallel().forEach(i -> {
      double[] s = new double[b.length];
      for (int d = 0; d < b.length; d++) {
        double acc = 0;
        for (int j = 0; j < q[i].length; j++) {
          if (l2) {
            double diff = (double) q[i][j] - b[d][j];
            acc -= diff * diff;
          } else {
            acc += (double) q[i][j] * b[d][j];
          }
        }
        s[d] = acc;
      }
      Integer[] o = IntStream.range(0, b.length).boxed().toArray(Integer[]::new);
      java.util.Arrays.sort(o, Comparator.comparingDouble((Integer d) -> -s[d]).thenComparingInt(d -> d));
      order[i] = java.util.Arrays.stream(o).mapToInt(Integer::intValue).toArray();
    });
    return order;
  }

  private static float[] normalize(float[] v) {
    double n = 0;
    for (float x : v) n += (double) x * x;
    float inv = (float) (1 / Math.sqrt(n));
    float[] out = v.clone();
    for (int i = 0; i < out.length; i++) out[i] *= inv;
    return out;
  }

  private static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "?";
    }
  }

  private static void log(String s) {
    System.err.println("filtered-collection: " + s);
  }
}
