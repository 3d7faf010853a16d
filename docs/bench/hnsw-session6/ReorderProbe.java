// Manual probe (not built by Maven), session 6. Needs a built reactor and the hnsw test classes:
//   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./mvnw -B -ntp -q -pl core,hnsw test-compile
//   ./mvnw -B -ntp -q -pl hnsw dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
//   CP=hnsw/target/classes:hnsw/target/test-classes:core/target/classes:$(tr ':' '\n' < /tmp/cp.txt | grep -v sextant-core | paste -sd:)
//   javac -d /tmp/probe -cp $CP --add-modules jdk.incubator.vector docs/bench/hnsw-session6/ReorderProbe.java
//   java -cp /tmp/probe:$CP --add-modules jdk.incubator.vector -Xmx6g io.sextant.hnsw.ReorderProbe fashion-mnist 12 6  (dataset, efSearch, rounds)
// The graph (default parameters, 2 build threads) is cached in /tmp/hnswquant/<dataset>.hnsw.
package io.sextant.hnsw;

import io.sextant.core.data.Dataset;
import io.sextant.core.search.TopK;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Kernels;
import io.sextant.core.vector.Similarity;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.*;
import java.util.*;

/** Does renumbering the nodes (BFS order over layer 0) make float graph search faster? Same graph, same queries. */
public final class ReorderProbe {
  static final class PermutedGraph implements HnswGraph {
    final int size, maxLevel, entry, m0, m; final int[] level; final int[][][] nbrs; // [level][node] -> neighbours
    PermutedGraph(HnswGraph g, int[] perm) {
      size = g.size(); maxLevel = g.maxLevel(); entry = perm[g.entryPoint()]; m0 = g.maxConn(0); m = g.maxConn(1);
      level = new int[size]; nbrs = new int[maxLevel + 1][size][];
      int[] buf = new int[m0 + 1];
      for (int o = 0; o < size; o++) {
        int lv = g.levelOf(o); level[perm[o]] = lv;
        for (int l = 0; l <= lv; l++) {
          int c = g.neighbors(l, o, buf);
          int[] x = new int[c];
          for (int i = 0; i < c; i++) x[i] = perm[buf[i]];
          nbrs[l][perm[o]] = x;
        }
      }
    }
    public int size() { return size; }
    public int maxLevel() { return maxLevel; }
    public int entryPoint() { return entry; }
    public int maxConn(int l) { return l == 0 ? m0 : m; }
    public int levelOf(int node) { return level[node]; }
    public int neighbors(int l, int node, int[] dst) { int[] x = nbrs[l][node]; System.arraycopy(x, 0, dst, 0, x.length); return x.length; }
  }

  public static void main(String[] a) throws Exception {
    String name = a[0]; int ef = Integer.parseInt(a[1]); int rounds = Integer.parseInt(a[2]);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    try (Dataset d = Dataset.open(RealData.CACHE.resolve(name))) {
      FloatVectors base = d.base(); FloatVectors queries = d.queries(); Similarity sim = d.similarity();
      Path gf = Path.of("/tmp/hnswquant/" + name + ".hnsw");
      if (!Files.exists(gf)) { Files.createDirectories(gf.getParent()); new HnswGraphWriter(HnswIndex.build(base, sim, HnswParams.defaults(), 2).graph()).write(gf); }
      HnswGraph g = MappedHnswGraph.map(gf);
      int n = g.size(), dim = base.dimension();
      int[] ident = new int[n]; for (int i = 0; i < n; i++) ident[i] = i;
      // BFS over layer 0 from the entry point; unreached nodes appended
      int[] bfs = new int[n]; Arrays.fill(bfs, -1); int next = 0; ArrayDeque<Integer> qd = new ArrayDeque<>();
      int[] buf = new int[g.maxConn(0) + 1];
      for (int s = -1; s < n; s++) {
        int start = s < 0 ? g.entryPoint() : s;
        if (bfs[start] >= 0) continue;
        bfs[start] = next++; qd.add(start);
        while (!qd.isEmpty()) { int u = qd.poll(); int c = g.neighbors(0, u, buf); for (int i = 0; i < c; i++) if (bfs[buf[i]] < 0) { bfs[buf[i]] = next++; qd.add(buf[i]); } }
      }
      int[][] perms = {ident, bfs};
      String[] names = {"dataset order", "BFS order    "};
      HnswGraph[] graphs = new HnswGraph[2]; FloatVectors[] vecs = new FloatVectors[2]; int[][] inv = new int[2][];
      for (int v = 0; v < 2; v++) {
        graphs[v] = new PermutedGraph(g, perms[v]);
        float[][] rows = new float[n][]; inv[v] = new int[n];
        for (int o = 0; o < n; o++) { rows[perms[v][o]] = base.get(o); inv[v][perms[v][o]] = o; }
        vecs[v] = FloatVectors.copyOf(rows, dim);
      }
      int nq = queries.size(); float[][] qs = new float[nq][]; for (int i = 0; i < nq; i++) qs[i] = queries.get(i);
      int[][] gt = d.groundTruth(10);
      HnswGraphSearcher searcher = new HnswGraphSearcher(n);
      FloatVectorScorer[] sc = {new FloatVectorScorer(vecs[0], sim, Kernels.get()), new FloatVectorScorer(vecs[1], sim, Kernels.get())};
      double[] total = new double[2]; long[] hits = new long[2]; int blocks = 0;
      for (int r = 0; r < rounds; r++) {
        for (int b0 = 0; b0 < nq; b0 += 100, blocks++) {
          for (int vv = 0; vv < 2; vv++) {
            int v = (blocks + vv) % 2; long t0 = mx.getCurrentThreadCpuTime();
            for (int i = b0; i < Math.min(nq, b0 + 100); i++) {
              TopK top = new TopK(10);
              searcher.search(graphs[v], sc[v].setQuery(qs[i]), 10, ef, null, top);
              TopK.ScoredOrds res = top.drainBestFirst();
              if (r == 0) { Set<Integer> truth = new HashSet<>(); for (int t : gt[i]) truth.add(t);
                for (int j = 0; j < res.size(); j++) if (truth.contains(inv[v][res.ords()[j]])) hits[v]++; }
            }
            if (r > 0) total[v] += mx.getCurrentThreadCpuTime() - t0;
          }
        }
        if (r > 0) System.out.printf("after round %d: dataset order %.1f us/query, BFS order %.1f us/query, ratio %.3f%n", r,
            total[0] / 1e3 / (r * nq), total[1] / 1e3 / (r * nq), total[0] / total[1]);
      }
      System.out.printf("recall dataset order %.4f, BFS %.4f%n", hits[0] / (10.0 * nq), hits[1] / (10.0 * nq));
    }
  }
}
