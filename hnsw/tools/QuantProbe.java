package io.sextant.hnsw;

import io.sextant.core.data.Dataset;
import io.sextant.core.search.TopK;
import io.sextant.core.testing.CachedDatasets;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Kernels;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Manual probe (not a test, not built by Maven): median thread-CPU time per query of float vs int8
 * search over one graph, each variant over all queries in turn (so no variant warms the caches
 * for another), plus a breakdown (traversal without rerank, rerank of k, the kernels alone on
 * random and on cached nodes). The graph (built with 2 threads) is cached in {@code /tmp/hnswquant}.
 * It lives in package io.sextant.hnsw to reach package-private scorers. Run from the repository root:
 *
 * <pre>
 * ./mvnw -B -ntp -q -pl hnsw -am test-compile
 * ./mvnw -B -ntp -q -pl hnsw dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * CP=hnsw/target/classes:hnsw/target/test-classes:core/target/classes:core/target/test-classes:$(tr ':' '\n' &lt; /tmp/cp.txt | grep -v sextant-core | paste -sd:)
 * mkdir -p /tmp/hnswquant/classes
 * javac -d /tmp/hnswquant/classes -cp $CP --add-modules jdk.incubator.vector hnsw/tools/QuantProbe.java
 * java -cp /tmp/hnswquant/classes:$CP --add-modules jdk.incubator.vector -Xmx4g io.sextant.hnsw.QuantProbe fashion-mnist 16 6
 * </pre>
 *
 * Args: dataset (from the dataset cache), efSearch, rounds.
 */
public final class QuantProbe {
  public static void main(String[] a) throws Exception {
    String name = a[0];
    int ef = Integer.parseInt(a[1]);
    int rounds = Integer.parseInt(a[2]);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    try (Dataset d = Dataset.open(CachedDatasets.CACHE.resolve(name))) {
      FloatVectors base = d.base();
      FloatVectors queries = d.queries();
      Path gf = Path.of("/tmp/hnswquant/" + name + ".hnsw");
      HnswGraph graph;
      if (!Files.exists(gf)) {
        HnswIndex built = HnswIndex.build(base, d.similarity(), HnswParams.defaults(), 2);
        new HnswGraphWriter(built.graph()).write(gf);
      }
      graph = MappedHnswGraph.map(gf);
      HnswIndex index = HnswIndex.of(base, d.similarity(), graph);
      long t0 = System.nanoTime();
      QuantizedVectors codes = QuantizedVectors.encode(base, Quantization.INT8);
      System.out.printf("encode %.1f s%n", (System.nanoTime() - t0) / 1e9);
      QuantizedHnswIndex q = QuantizedHnswIndex.of(index, codes);
      int nq = queries.size();
      float[][] qs = new float[nq][];
      for (int i = 0; i < nq; i++) qs[i] = queries.get(i);
      int[][] gt = d.groundTruth(10);
      HnswGraphSearcher searcher = new HnswGraphSearcher(graph.size());
      Int8Scorer scorer = new Int8Scorer(codes, d.similarity(), Kernels.get());
      FloatVectorScorer fs = new FloatVectorScorer(base, d.similarity(), Kernels.get());
      int rr = QuantizedHnswIndex.defaultRerank(Quantization.INT8, 10, ef);
      for (int r = 0; r < rounds; r++) {
        StringBuilder sb = new StringBuilder("round " + r + " ef=" + ef + ":");
        for (int v = 0; v < 5; v++) {
          long[] t = new long[nq];
          double rec = 0;
          long scored = 0;
          for (int i = 0; i < nq; i++) {
            long s = mx.getCurrentThreadCpuTime();
            TopK.ScoredOrds res = null;
            switch (v) {
              case 0 -> res = index.search(qs[i], 10, ef);
              case 1 -> res = q.search(qs[i], 10, ef, rr, null);
              case 2 -> res = q.search(qs[i], 10, ef, 10, null);
              case 3 -> { TopK o = new TopK(10); searcher.search(graph, scorer.setQuery(qs[i]), 10, ef, null, o); scored += searcher.scoredCount(); res = o.drainBestFirst(); }
              case 4 -> { TopK o = new TopK(10); searcher.search(graph, fs.setQuery(qs[i]), 10, ef, null, o); scored += searcher.scoredCount(); res = o.drainBestFirst(); }
            }
            t[i] = mx.getCurrentThreadCpuTime() - s;
            rec += recall(res, gt[i]);
          }
          sb.append(String.format(" | %s p50 %.1f mean %.1f r %.4f", new String[] {"float", "int8", "int8rr10", "trav-int8", "trav-float"}[v], med(t), mean(t), rec / nq));
          if (scored > 0) sb.append(" scored/q " + scored / nq);
        }
        System.out.println(sb);
      }
      java.util.Random rnd = new java.util.Random(1);
      int reps = 100_000;
      int[][] batches = new int[reps][8];
      for (int[] b : batches) for (int j = 0; j < 8; j++) b[j] = rnd.nextInt(base.size());
      float[] out = new float[8];
      scorer.setQuery(qs[0]);
      fs.setQuery(qs[0]);
      for (int r = 0; r < 3; r++) {
        long s = mx.getCurrentThreadCpuTime();
        for (int[] b : batches) scorer.score(b, 8, out);
        long m = mx.getCurrentThreadCpuTime();
        for (int[] b : batches) fs.score(b, 8, out);
        long e = mx.getCurrentThreadCpuTime();
        for (int rep = 0; rep < reps; rep++) scorer.score(batches[0], 8, out);
        long h = mx.getCurrentThreadCpuTime();
        for (int rep = 0; rep < reps; rep++) fs.score(batches[0], 8, out);
        long h2 = mx.getCurrentThreadCpuTime();
        System.out.printf("kernel ns/vec random: int8 %.1f float %.1f | hot: int8 %.1f float %.1f%n",
            (m - s) / (8.0 * reps), (e - m) / (8.0 * reps), (h - e) / (8.0 * reps), (h2 - h) / (8.0 * reps));
      }
    }
  }

  static double mean(long[] t) {
    double s = 0;
    for (long x : t) s += x;
    return s / t.length / 1000.0;
  }

  static double med(long[] t) {
    long[] c = t.clone();
    Arrays.sort(c);
    return c[c.length / 2] / 1000.0;
  }

  static double recall(TopK.ScoredOrds r, int[] gt) {
    int hit = 0;
    for (int i = 0; i < r.size(); i++) for (int g : gt) if (g == r.ords()[i]) { hit++; break; }
    return hit / 10.0;
  }
}
