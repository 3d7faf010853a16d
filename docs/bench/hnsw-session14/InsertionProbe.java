// Manual probe (not built by Maven), session 14: does the insertion order of a locality-ordered segment's graph
// (HnswGraphBuilder.randomInsertion, what HnswIndexType writes) search as well as the caller-order one
// (HnswGraphBuilder.renumbered, what HnswIndex.build(LOCALITY) makes)? Same vectors in the same node order, two
// graphs, interleaved in blocks of 100 queries, thread CPU time; recall and nodes scored per query. Run as ReorderProbe:
//   java ... io.sextant.hnsw.InsertionProbe ~/.cache/sextant/datasets/fashion-mnist 16 100 12 3
package io.sextant.hnsw;

import io.sextant.core.data.Dataset;
import io.sextant.core.data.VectorBlock;
import io.sextant.core.search.TopK;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Kernels;
import io.sextant.core.vector.Similarity;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;

public final class InsertionProbe {
  public static void main(String[] a) throws Exception {
    Path folder = Path.of(a[0]); int m = Integer.parseInt(a[1]), efc = Integer.parseInt(a[2]);
    int ef = Integer.parseInt(a[3]), rounds = Integer.parseInt(a[4]);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    try (Dataset d = Dataset.open(folder)) {
      FloatVectors base = d.base(), queries = d.queries(); Similarity sim = d.similarity();
      int n = base.size(), dim = base.dimension();
      int[] ordOfNode = LocalityOrder.compute(base, Kernels.get(), 2);
      FloatVectors v = VectorBlock.allocateCollected(n, dim);
      for (int node = 0; node < n; node++) {
        java.lang.foreign.MemorySegment.copy(base.data(), base.offset(ordOfNode[node]), v.data(), v.offset(node), 4L * dim);
      }
      HnswParams p = HnswParams.builder().m(m).efConstruction(efc).build();
      ScorerFactory f = FloatVectorScorer.factory(v, sim, Kernels.get());
      HnswGraph[] gs = {HnswGraphBuilder.renumbered(f, p, ordOfNode).build(2), HnswGraphBuilder.randomInsertion(f, p, n).build(2),
          new HnswGraphBuilder(v, sim, p).build(2)};
      String[] names = {"caller-order insertion", "random insertion", "spatial (node-order) insertion"};
      int V = gs.length;
      int nq = queries.size(); float[][] qs = new float[nq][]; for (int i = 0; i < nq; i++) qs[i] = queries.get(i);
      int[][] gt = d.groundTruth(10);
      HnswGraphSearcher searcher = new HnswGraphSearcher(n);
      FloatVectorScorer sc = new FloatVectorScorer(v, sim, Kernels.get());
      double[] total = new double[V]; long[] hits = new long[V], scored = new long[V]; int blockNo = 0;
      for (int r = 0; r < rounds; r++) {
        for (int b0 = 0; b0 < nq; b0 += 100, blockNo++) {
          for (int vv = 0; vv < V; vv++) {
            int g = (blockNo + vv) % V; long t0 = mx.getCurrentThreadCpuTime();
            for (int i = b0; i < Math.min(nq, b0 + 100); i++) {
              TopK top = new TopK(10);
              searcher.search(gs[g], sc.setQuery(qs[i]), 10, ef, null, top);
              if (r == 0) {
                scored[g] += searcher.scoredCount();
                for (int o : top.drainBestFirst().ords()) for (int t : gt[i]) if (t == ordOfNode[o]) { hits[g]++; break; }
              }
            }
            if (r > 0) total[g] += mx.getCurrentThreadCpuTime() - t0;
          }
        }
      }
      for (int g = 0; g < V; g++) System.out.printf("%s: recall %.4f, %.1f nodes scored per query, %.2f us per query (x%.3f)%n",
          names[g], hits[g] / (10.0 * nq), scored[g] / (double) nq, total[g] / 1e3 / ((rounds - 1) * nq), total[0] / total[g]);
    }
  }
}
