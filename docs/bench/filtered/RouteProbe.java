package io.sextant.hnsw;

import io.sextant.bench.filter.AcceptSets;
import io.sextant.core.data.Dataset;
import io.sextant.core.search.TopK;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Kernels;
import java.lang.management.ManagementFactory;
import java.nio.file.*;
import java.util.*;
import org.roaringbitmap.RoaringBitmap;

/**
 * Per-query comparison of the automatic filtered path with the scan of the accepted set
 * (docs/bench/filtered.md, "Session 4"): for each filter, every query runs both, alternating which
 * goes first (so neither path finds the other's vectors warmer in cache on average), 2 timed rounds
 * after 1 warm-up round, per-thread CPU time. Prints p50 and mean of each path over all queries and
 * the split by the route the automatic path took (FilteredSearch.Route).
 *
 * Not part of the build (it needs the bench's accept-sets and hnsw's package-private API). Run from the
 * repository root after bin/sextant-bench has built the jars, with a graph cached by OutsideCost.java
 * (/tmp/hnswdiag/DATASET.hnsw, M=16, efConstruction=100):
 *   CP="bench/target/sextant-bench.jar:$(ls bench/target/lib/*.jar | grep -v sextant-hnsw | tr '\n' ':')"
 *   javac -d /tmp/rp -cp "hnsw/target/classes:$CP" docs/bench/filtered/RouteProbe.java
 *   java --add-modules jdk.incubator.vector -cp "/tmp/rp:hnsw/target/classes:$CP" io.sextant.hnsw.RouteProbe \
 *       wordnet-minilm corr:0.1 0.1
 */
public class RouteProbe {
  static final com.sun.management.ThreadMXBean TM = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  static long cpu() { return TM.getCurrentThreadCpuTime(); }
  public static void main(String[] a) throws Exception {
    String name = a[0];
    Dataset d = Dataset.open(Path.of(System.getProperty("user.home"), ".cache/sextant/datasets", name));
    FloatVectors base = d.base(), queries = d.queries();
    HnswIndex index = HnswIndex.of(base, d.similarity(), MappedHnswGraph.map(Path.of("/tmp/hnswdiag/" + name + ".hnsw")));
    HnswGraph g = index.graph();
    int n = g.size(), ef = 40, k = 10;
    long T = HnswIndex.exactScanBelow(ef, g.maxConn(0), n);
    long outsideBelow = index.outsideScanBelow(ef);
    System.out.printf("%s n=%d T=%d outsideBelow=%d%n", name, n, T, outsideBelow);
    for (int ai = 1; ai < a.length; ai++) {
      String f = a[ai];
      boolean corr = f.startsWith("corr:");
      double s = Double.parseDouble(corr ? f.substring(5) : f);
      int acc = (int) Math.round(s * n);
      RoaringBitmap accept = corr ? AcceptSets.correlated(base, acc, 42, 2) : AcceptSets.random(n, acc, 42);
      FloatVectorScorer scorer = new FloatVectorScorer(base, d.similarity(), Kernels.get());
      HnswGraphSearcher searcher = new HnswGraphSearcher(n);
      FilteredSearch fs = new FilteredSearch();
      int Q = Math.min(2000, queries.size());
      long[] tA = new long[Q], tS = new long[Q], sc = new long[Q];
      FilteredSearch.Route[] route = new FilteredSearch.Route[Q];
      for (int round = 0; round < 3; round++) {
        for (int q = 0; q < Q; q++) {
          float[] qv = queries.get(q);
          boolean autoFirst = ((q + round) & 1) == 0;
          for (int p = 0; p < 2; p++) {
            boolean auto = (p == 0) == autoFirst;
            long t0 = cpu();
            if (auto) fs.search(g, searcher, scorer.setQuery(qv), k, ef, accept, T, outsideBelow, FilterStrategy.AUTO, new TopK(k));
            else fs.search(g, searcher, scorer.setQuery(qv), k, ef, accept, T, outsideBelow, FilterStrategy.SCAN, new TopK(k));
            long t = cpu() - t0;
            if (auto) { route[q] = fs.lastRoute(); sc[q] = fs.scoredCount(); }
            if (round > 0) { if (auto) tA[q] += t; else tS[q] += t; }
          }
        }
      }
      Map<FilteredSearch.Route, long[]> by = new TreeMap<>();
      for (int q = 0; q < Q; q++) { long[] v = by.computeIfAbsent(route[q], r -> new long[4]); v[0]++; v[1] += tA[q]; v[2] += tS[q]; v[3] += sc[q]; }
      long[] sa = tA.clone(), ss = tS.clone(); Arrays.sort(sa); Arrays.sort(ss);
      System.out.printf("%s accepted=%d  p50 auto %.3f ms scan %.3f ms ratio %.3f  mean auto %.3f scan %.3f ratio %.3f%n", f, accept.getCardinality(),
          sa[Q/2]/2e6, ss[Q/2]/2e6, (double) sa[Q/2]/ss[Q/2], Arrays.stream(tA).sum()/2e6/Q, Arrays.stream(tS).sum()/2e6/Q, (double) Arrays.stream(tA).sum()/Arrays.stream(tS).sum());
      for (var e : by.entrySet()) { long[] v = e.getValue(); System.out.printf("   %-14s %5d queries  auto %.3f ms  scan %.3f ms  ratio %.3f  scored %.0f%n", e.getKey(), v[0], v[1]/2e6/v[0], v[2]/2e6/v[0], (double) v[1]/v[2], (double) v[3]/v[0]); }
    }
  }
}
