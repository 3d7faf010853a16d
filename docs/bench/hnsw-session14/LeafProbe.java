// Manual probe (not built by Maven), session 14: what LocalityOrder's leaf and sample sizes cost (ordering time) and
// buy (search time on the same graph renumbered), against dataset order. Build and run as ReorderProbe.java:
//   java -cp /tmp/probe:$CP --add-modules jdk.incubator.vector -Xmx8g io.sextant.hnsw.LeafProbe \
//        ~/.cache/sextant/datasets/fashion-mnist 16 100 12 4      (dataset folder, M, efC, efSearch, rounds)
package io.sextant.hnsw;

import io.sextant.core.data.Dataset;
import io.sextant.core.data.VectorBlock;
import io.sextant.core.search.TopK;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Kernels;
import io.sextant.core.vector.Similarity;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.*;

public final class LeafProbe {
  public static void main(String[] a) throws Exception {
    Path folder = Path.of(a[0]); int m = Integer.parseInt(a[1]), efc = Integer.parseInt(a[2]);
    int ef = Integer.parseInt(a[3]), rounds = Integer.parseInt(a[4]);
    int[][] configs = {{0, 0}, {16, 256}, {64, 256}, {256, 256}, {16, 64}, {64, 64}}; // {leaf, sample}; {0,0}: dataset order
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    try (Dataset d = Dataset.open(folder)) {
      FloatVectors base = d.base(), queries = d.queries(); Similarity sim = d.similarity();
      Path gf = Path.of("/tmp/reorder/" + folder.getFileName() + "-m" + m + ".hnsw");
      if (!Files.exists(gf)) {
        Files.createDirectories(gf.getParent());
        new HnswGraphWriter(HnswIndex.build(base, sim, HnswParams.builder().m(m).efConstruction(efc).build(), 2).graph()).write(gf);
      }
      HnswGraph g = MappedHnswGraph.map(gf);
      int n = g.size(), dim = base.dimension(), V = configs.length;
      GraphScorer[] sc = new GraphScorer[V]; HnswGraph[] gs = new HnswGraph[V]; int[][] inv = new int[V][];
      for (int v = 0; v < V; v++) {
        int[] ordOfNode;
        if (configs[v][0] == 0) { ordOfNode = new int[n]; for (int i = 0; i < n; i++) ordOfNode[i] = i; }
        else {
          LocalityOrder.compute(base, Kernels.get(), 2, configs[v][0], configs[v][1]); // once to warm up
          long t0 = System.nanoTime();
          ordOfNode = LocalityOrder.compute(base, Kernels.get(), 2, configs[v][0], configs[v][1]);
          System.out.printf("leaf %d sample %d: ordering %.0f ms (2 threads, warm)%n", configs[v][0], configs[v][1], (System.nanoTime() - t0) / 1e6);
        }
        int[] perm = LocalityOrder.inverse(ordOfNode); // perm[ord] = node
        FloatVectors dst = VectorBlock.allocateCollected(n, dim);
        for (int node = 0; node < n; node++) {
          java.lang.foreign.MemorySegment.copy(base.data(), base.offset(ordOfNode[node]), dst.data(), dst.offset(node), (long) dim * 4);
        }
        gs[v] = ReorderProbe.permute(g, perm); inv[v] = ordOfNode;
        sc[v] = new FloatVectorScorer(dst, sim, Kernels.get());
      }
      int nq = queries.size(); float[][] qs = new float[nq][]; for (int i = 0; i < nq; i++) qs[i] = queries.get(i);
      HnswGraphSearcher searcher = new HnswGraphSearcher(n);
      double[] total = new double[V]; int blockNo = 0;
      for (int r = 0; r < rounds; r++) {
        for (int b0 = 0; b0 < nq; b0 += 100, blockNo++) {
          for (int vv = 0; vv < V; vv++) {
            int v = (blockNo + vv) % V; long t0 = mx.getCurrentThreadCpuTime();
            for (int i = b0; i < Math.min(nq, b0 + 100); i++) {
              ((FloatVectorScorer) sc[v]).setQuery(qs[i]);
              searcher.search(gs[v], sc[v], 10, ef, null, new TopK(10));
            }
            if (r > 0) total[v] += mx.getCurrentThreadCpuTime() - t0;
          }
        }
        if (r > 0) { StringBuilder sb = new StringBuilder("after round " + r + ":");
          for (int v = 0; v < V; v++) sb.append(String.format(" [%d/%d] %.2f us (x%.3f)", configs[v][0], configs[v][1], total[v] / 1e3 / (r * nq), total[0] / total[v]));
          System.out.println(sb); }
      }
    }
  }
}
