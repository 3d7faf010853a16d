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
 * Calibration of HnswIndex.OUTSIDE_COST (docs/bench/filtered.md, "Outside queries"): for each filter, every
 * query runs the automatic path with the outside estimate at 0 (so queries found outside the accepted region
 * always take the widened graph search) and the scan-only path, alternating which goes first, per-thread CPU
 * time, 2 timed rounds after 1 warm-up round. Prints the widened search's cost for outside queries in scored
 * nodes (W = that / beamCost) and in time (R = time per scored node / scan time per accepted node), and the
 * accepted-set size a* at which the scan would cost as much, also in units of beamCost(160).
 *
 * Not part of the build (it needs the bench's accept-sets and hnsw's package-private API). Run from the
 * repository root after bin/sextant-bench has built the jars:
 *   CP="bench/target/sextant-bench.jar:$(ls bench/target/lib/*.jar | grep -v sextant-hnsw | tr '\n' ':')"
 *   javac -d /tmp/oc -cp "hnsw/target/classes:$CP" docs/bench/filtered/OutsideCost.java
 *   java --add-modules jdk.incubator.vector -cp "/tmp/oc:hnsw/target/classes:$CP" io.sextant.hnsw.OutsideCost \
 *       fashion-mnist corr:0.1 corr:0.2 0.1
 * The graph (M=16, efConstruction=100, 2 build threads) is cached in /tmp/hnswdiag/DATASET.hnsw.
 */
public class OutsideCost {
  static final com.sun.management.ThreadMXBean TM = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  static long cpu() { return TM.getCurrentThreadCpuTime(); }
  public static void main(String[] a) throws Exception {
    String name = a[0];
    Dataset d = Dataset.open(Path.of(System.getProperty("user.home"), ".cache/sextant/datasets", name));
    FloatVectors base = d.base(), queries = d.queries();
    Path gfile = Path.of("/tmp/hnswdiag/" + name + ".hnsw");
    HnswIndex index;
    Files.createDirectories(gfile.getParent());
    if (Files.exists(gfile)) index = HnswIndex.of(base, d.similarity(), MappedHnswGraph.map(gfile));
    else { index = HnswIndex.build(base, d.similarity(), HnswParams.builder().m(16).efConstruction(100).build(), 2); new HnswGraphWriter(index.graph()).write(gfile); }
    HnswGraph g = index.graph();
    int n = g.size(), ef = 40, k = 10;
    long T = HnswIndex.exactScanBelow(ef, g.maxConn(0), n);
    long t0 = System.nanoTime();
    long bc = index.beamCost(ef);
    long wide = index.beamCost(FilteredSearch.OUTSIDE_WIDEN * ef);
    System.out.printf("%s n=%d T=%d beamCost(40)=%d beamCost(160)=%d (probes %.1f ms, cold) outsideScanBelow=%d%n", name, n, T, bc, wide,
        (System.nanoTime() - t0) / 1e6, index.outsideScanBelow(ef));
    for (int ai = 1; ai < a.length; ai++) {
      String f = a[ai];
      boolean corr = f.startsWith("corr:");
      double s = Double.parseDouble(corr ? f.substring(5) : f);
      int acc = (int) Math.round(s * n);
      RoaringBitmap accept = corr ? AcceptSets.correlated(base, acc, 42, 2) : AcceptSets.random(n, acc, 42);
      FloatVectorScorer scorer = new FloatVectorScorer(base, d.similarity(), Kernels.get());
      HnswGraphSearcher searcher = new HnswGraphSearcher(n);
      FilteredSearch fs = new FilteredSearch();
      int Q = Math.min(1000, queries.size());
      long[] tG = new long[Q], tS = new long[Q], sc = new long[Q], tA = new long[Q];
      long outsideBelow = index.outsideScanBelow(ef);
      FilteredSearch.Route[] r = new FilteredSearch.Route[Q];
      for (int rep = 0; rep < 3; rep++) {
        for (int qi = 0; qi < Q; qi++) {
          GraphScorer qs = scorer.setQuery(queries.get(qi));
          long g0, g1, s0, s1;
          if ((qi + rep) % 2 == 0) {
            g0 = cpu(); fs.search(g, searcher, qs, k, ef, accept, T, 0, FilterStrategy.AUTO, new TopK(k)); g1 = cpu();
            r[qi] = fs.lastRoute(); sc[qi] = fs.scoredCount();
            s0 = cpu(); fs.search(g, searcher, qs, k, ef, accept, T, 0, FilterStrategy.SCAN, new TopK(k)); s1 = cpu();
          } else {
            s0 = cpu(); fs.search(g, searcher, qs, k, ef, accept, T, 0, FilterStrategy.SCAN, new TopK(k)); s1 = cpu();
            g0 = cpu(); fs.search(g, searcher, qs, k, ef, accept, T, 0, FilterStrategy.AUTO, new TopK(k)); g1 = cpu();
            r[qi] = fs.lastRoute(); sc[qi] = fs.scoredCount();
          }
          // The automatic path as HnswIndex runs it (real outside estimate), timed between the two others.
          long a0 = cpu(); fs.search(g, searcher, qs, k, ef, accept, T, outsideBelow, FilterStrategy.AUTO, new TopK(k)); long a1 = cpu();
          if (rep > 0) { tG[qi] += g1 - g0; tS[qi] += s1 - s0; tA[qi] += a1 - a0; }
        }
      }
      Map<FilteredSearch.Route, Integer> counts = new EnumMap<>(FilteredSearch.Route.class);
      for (var x : r) counts.merge(x, 1, Integer::sum);
      double scanPerNode = p50(tS) / 2 / acc; // ns per accepted node
      List<Long> og = new ArrayList<>(), os = new ArrayList<>();
      double rhoSum = 0; int rhoN = 0; double[] rhoQ = new double[Q];
      {
        long card = accept.getLongCardinality(); int[] smp = new int[64]; float[] ss = new float[64]; int[] nb = new int[64];
        for (int qi = 0; qi < Q; qi++) {
          GraphScorer qs = scorer.setQuery(queries.get(qi));
          for (int i = 0; i < 64; i++) smp[i] = accept.select((int) ((i * card) / 64));
          qs.score(smp, 64, ss);
          Integer[] idx = new Integer[64]; for (int i = 0; i < 64; i++) idx[i] = i;
          Arrays.sort(idx, (x, y) -> Float.compare(ss[y], ss[x]));
          int in = 0, tot = 0;
          for (int j = 0; j < 4; j++) { int c = g.neighbors(0, smp[idx[j]], nb); tot += c; for (int t = 0; t < c; t++) if (accept.contains(nb[t])) in++; }
          rhoQ[qi] = (double) in / tot;
        }
      }
      double rhoOut = 0; int nOut = 0;
      for (int i = 0; i < Q; i++) if (r[i] == FilteredSearch.Route.GRAPH_OUTSIDE) { og.add(tG[i] / 2); os.add(sc[i]); rhoOut += rhoQ[i]; nOut++; }
      long[] diff = new long[Q];
      for (int i = 0; i < Q; i++) diff[i] = tA[i] - tS[i];
      System.out.printf("   automatic path (outsideScanBelow=%d): p50 %.3f ms vs scan %.3f ms (ratio %.3f); median per-query difference %+.4f ms%n",
          outsideBelow, p50(tA) / 2 / 1e6, p50(tS) / 2 / 1e6, p50(tA) / p50(tS), p50(diff) / 2 / 1e6);
      System.out.printf("   seed-neighbour accepted share, outside queries: %.3f%n", rhoOut / nOut);
      double ogp50 = p50(og.stream().mapToLong(x -> x).toArray());
      double osMean = os.stream().mapToLong(x -> x).average().orElse(Double.NaN);
      double aCross = ogp50 / scanPerNode;
      System.out.printf("%s acc=%d routes=%s | scan p50 %.3f ms (%.0f ns/node) | outside widened graph p50 %.3f ms, mean scored %.0f (W=%.2f, R=%.2f) -> crossover a*=%.0f = %.2f x beamCost(160) | all-graph p50 %.3f ms%n",
          f, acc, counts, p50(tS) / 2 / 1e6, scanPerNode, ogp50 / 1e6, osMean, osMean / wide, (ogp50 / osMean) / scanPerNode, aCross, aCross / wide, p50(tG) / 2 / 1e6);
    }
  }
  static double p50(long[] v) { if (v.length == 0) return Double.NaN; long[] c = v.clone(); Arrays.sort(c); return c[c.length / 2]; }
}
