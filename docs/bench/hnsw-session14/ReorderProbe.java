// Manual probe (not built by Maven), session 14. Needs a built reactor and the hnsw classes:
//   ./mvnw -B -ntp -q install -DskipTests
//   ./mvnw -B -ntp -q -pl hnsw dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
//   CP=hnsw/target/classes:$(cat /tmp/cp.txt)
//   javac -d /tmp/probe -cp $CP --add-modules jdk.incubator.vector docs/bench/hnsw-session14/ReorderProbe.java
//   java -cp /tmp/probe:$CP --add-modules jdk.incubator.vector -Xmx8g io.sextant.hnsw.ReorderProbe \
//        ~/.cache/sextant/datasets/fashion-mnist 32 200 11 6      (dataset folder, M, efC, efSearch, rounds)
// The graph (2 build threads, seed default) is cached in /tmp/reorder/<dataset>-m<M>.hnsw.
package io.sextant.hnsw;

import io.sextant.core.data.Dataset;
import io.sextant.core.data.VectorBlock;
import io.sextant.core.search.TopK;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.*;
import java.util.*;

/** Same graph, same queries, same in-memory graph and vector types: dataset order against BFS order of layer 0. */
public final class ReorderProbe {
  static OnHeapHnswGraph permute(HnswGraph g, int[] perm) {
    int n = g.size();
    byte[] levels = new byte[n];
    for (int o = 0; o < n; o++) levels[perm[o]] = (byte) g.levelOf(o);
    OnHeapHnswGraph p = new OnHeapHnswGraph(levels, g.maxConn(1));
    int[] buf = new int[g.maxConn(0) + 1], ids = new int[g.maxConn(0) + 1];
    float[] sc = new float[g.maxConn(0) + 1];
    for (int o = 0; o < n; o++) {
      for (int l = 0; l <= g.levelOf(o); l++) {
        int c = g.neighbors(l, o, buf);
        for (int i = 0; i < c; i++) ids[i] = perm[buf[i]];
        p.setNeighbors(l, perm[o], ids, sc, c);
      }
    }
    p.setEntry(perm[g.entryPoint()], g.maxLevel());
    return p;
  }

  static int[] bfs(HnswGraph g) {
    int n = g.size();
    int[] order = new int[n]; Arrays.fill(order, -1); int next = 0;
    int[] queue = new int[n]; int[] buf = new int[g.maxConn(0) + 1];
    for (int s = -1; s < n; s++) {
      int start = s < 0 ? g.entryPoint() : s;
      if (order[start] >= 0) continue;
      int head = 0, tail = 0; order[start] = next++; queue[tail++] = start;
      while (head < tail) {
        int u = queue[head++]; int c = g.neighbors(0, u, buf);
        for (int i = 0; i < c; i++) if (order[buf[i]] < 0) { order[buf[i]] = next++; queue[tail++] = buf[i]; }
      }
    }
    return order;
  }

  /** Recursive bisection in vector space: split at the median of the top principal direction (power iteration), down to leaves of 8. */
  static int[] bisection(FloatVectors base) {
    int n = base.size(), dim = base.dimension();
    int[] ids = new int[n]; for (int i = 0; i < n; i++) ids[i] = i;
    float[][] rows = new float[n][]; for (int i = 0; i < n; i++) rows[i] = base.get(i);
    split(rows, ids, 0, n, dim, new Random(7));
    int[] order = new int[n]; for (int pos = 0; pos < n; pos++) order[ids[pos]] = pos;
    return order;
  }

  static void split(float[][] rows, int[] ids, int from, int to, int dim, Random rnd) {
    int len = to - from;
    if (len <= 8) return;
    double[] mean = new double[dim];
    for (int i = from; i < to; i++) { float[] r = rows[ids[i]]; for (int j = 0; j < dim; j++) mean[j] += r[j]; }
    for (int j = 0; j < dim; j++) mean[j] /= len;
    double[] v = new double[dim]; for (int j = 0; j < dim; j++) v[j] = rnd.nextGaussian();
    double[] proj = new double[len];
    for (int it = 0; it < 6; it++) {
      double[] w = new double[dim];
      for (int i = from; i < to; i++) { float[] r = rows[ids[i]]; double t = 0; for (int j = 0; j < dim; j++) t += (r[j] - mean[j]) * v[j];
        for (int j = 0; j < dim; j++) w[j] += t * (r[j] - mean[j]); }
      double norm = 0; for (double x : w) norm += x * x; norm = Math.sqrt(norm); if (norm == 0) break;
      for (int j = 0; j < dim; j++) v[j] = w[j] / norm;
    }
    for (int i = from; i < to; i++) { float[] r = rows[ids[i]]; double t = 0; for (int j = 0; j < dim; j++) t += (r[j] - mean[j]) * v[j]; proj[i - from] = t; }
    Integer[] idx = new Integer[len]; for (int i = 0; i < len; i++) idx[i] = i;
    final double[] pj = proj; Arrays.sort(idx, (x, y) -> Double.compare(pj[x], pj[y]));
    int[] tmp = new int[len]; for (int i = 0; i < len; i++) tmp[i] = ids[from + idx[i]];
    System.arraycopy(tmp, 0, ids, from, len);
    int mid = from + len / 2;
    split(rows, ids, from, mid, dim, rnd); split(rows, ids, mid, to, dim, rnd);
  }

  /** Graph in dataset order, vectors stored in another order: each scored node goes through slot[node]. */
  static final class SlotScorer implements GraphScorer {
    final FloatVectorScorer inner; final int[] slot; final int[] tmp = new int[1024];
    SlotScorer(FloatVectorScorer inner, int[] slot) { this.inner = inner; this.slot = slot; }
    public float score(int node) { return inner.score(slot[node]); }
    public void score(int[] nodes, int count, float[] out) { for (int i = 0; i < count; i++) tmp[i] = slot[nodes[i]]; inner.score(tmp, count, out); }
    public int batchWidth() { return inner.batchWidth(); }
  }

  public static void main(String[] a) throws Exception {
    Path folder = Path.of(a[0]); int m = Integer.parseInt(a[1]), efc = Integer.parseInt(a[2]);
    int ef = Integer.parseInt(a[3]), rounds = Integer.parseInt(a[4]);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    try (Dataset d = Dataset.open(folder)) {
      FloatVectors base = d.base(); FloatVectors queries = d.queries(); Similarity sim = d.similarity();
      Path gf = Path.of("/tmp/reorder/" + folder.getFileName() + "-m" + m + ".hnsw");
      if (!Files.exists(gf)) {
        Files.createDirectories(gf.getParent());
        HnswParams p = HnswParams.builder().m(m).efConstruction(efc).build();
        new HnswGraphWriter(HnswIndex.build(base, sim, p, 2).graph()).write(gf);
      }
      HnswGraph g = MappedHnswGraph.map(gf);
      int n = g.size(), dim = base.dimension();
      int[] ident = new int[n]; for (int i = 0; i < n; i++) ident[i] = i;
      long tb = System.nanoTime(); int[] bis = bisection(base); System.out.printf("bisection order in %.1f s%n", (System.nanoTime() - tb) / 1e9);
      int[][] perms = {ident, bfs(g), bis, bis};
      String[] names = {"dataset", "bfs", "bisection", "slot-bisection"};
      int V = perms.length;
      HnswIndex[] idx = new HnswIndex[V]; int[][] inv = new int[V][]; VectorBlock[] blocks = new VectorBlock[V];
      for (int v = 0; v < V; v++) {
        blocks[v] = VectorBlock.allocate(n, dim); inv[v] = new int[n];
        FloatVectors dst = blocks[v].vectors();
        for (int o = 0; o < n; o++) {
          java.lang.foreign.MemorySegment.copy(base.data(), base.offset(o), dst.data(), dst.offset(perms[v][o]), (long) dim * Float.BYTES);
          inv[v][perms[v][o]] = o;
        }
        idx[v] = HnswIndex.of(dst, sim, permute(g, v == 3 ? ident : perms[v]));
      }
      HnswGraphSearcher searcher = new HnswGraphSearcher(n);
      GraphScorer[] sc = new GraphScorer[V]; FloatVectorScorer[] fs = new FloatVectorScorer[V];
      for (int v = 0; v < V; v++) { fs[v] = new FloatVectorScorer(idx[v].vectors(), sim, io.sextant.core.vector.Kernels.get());
        sc[v] = v == 3 ? new SlotScorer(fs[v], bis) : fs[v]; }
      inv[3] = ident;
      int nq = queries.size(); float[][] qs = new float[nq][]; for (int i = 0; i < nq; i++) qs[i] = queries.get(i);
      int[][] gt = d.groundTruth(10);
      double[] total = new double[V]; long[] hits = new long[V]; int blockNo = 0;
      for (int r = 0; r < rounds; r++) {
        for (int b0 = 0; b0 < nq; b0 += 100, blockNo++) {
          for (int vv = 0; vv < V; vv++) {
            int v = (blockNo + vv) % V; long t0 = mx.getCurrentThreadCpuTime();
            for (int i = b0; i < Math.min(nq, b0 + 100); i++) {
              TopK top = new TopK(10); fs[v].setQuery(qs[i]);
              searcher.search(idx[v].graph(), sc[v], 10, ef, null, top);
              TopK.ScoredOrds res = top.drainBestFirst();
              if (r == 0) { for (int j = 0; j < res.size(); j++) { int o = inv[v][res.ords()[j]];
                for (int t : gt[i]) if (t == o) { hits[v]++; break; } } }
            }
            if (r > 0) total[v] += mx.getCurrentThreadCpuTime() - t0;
          }
        }
        if (r > 0) { StringBuilder sb = new StringBuilder("after round " + r + ":");
          for (int v = 0; v < V; v++) sb.append(String.format(" %s %.2f us (x%.3f)", names[v], total[v] / 1e3 / (r * nq), total[0] / total[v]));
          System.out.println(sb); }
      }
      for (int v = 0; v < V; v++) System.out.printf("recall %s %.4f%n", names[v], hits[v] / (10.0 * nq));
    }
  }
}
