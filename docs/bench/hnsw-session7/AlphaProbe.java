// Manual probe (not built by Maven), session 7. Measured with a temporary change to NeighborSelector (not committed):
//   static volatile float alpha = 1f; static volatile boolean l2 = true;   and at the top of diverse():
//   if (alpha != 1f) toBase = l2 ? toBase / (alpha * alpha) : 1f - (1f - toBase) / alpha;
// i.e. Vamana's relaxed pruning: a kept neighbour covers a candidate only if alpha·d(candidate, kept) <= d(candidate, base).
//   javac -d /tmp/apc -cp "hnsw/target/classes:core/target/classes:bench/target/lib/*" --add-modules jdk.incubator.vector docs/bench/hnsw-session7/AlphaProbe.java
//   java -Xmx6g --add-modules jdk.incubator.vector -cp "/tmp/apc:hnsw/target/classes:core/target/classes:<bench/target/lib jars minus sextant-*>" \
//     io.sextant.hnsw.AlphaProbe fashion-mnist 1.2 16 100 2 3 10 12 14 16
package io.sextant.hnsw;

import io.sextant.core.data.Dataset;
import io.sextant.core.search.TopK;
import io.sextant.core.vector.FloatVectors;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;

/**
 * Relaxed neighbour selection (Vamana's alpha) against the plain heuristic: two graphs of the same
 * data, M and efConstruction, searched in alternating blocks of 100 queries in one JVM, thread CPU
 * time, recall@10 and nodes scored per query for each efSearch.
 * Args: dataset alpha M efC threads rounds ef...
 */
public final class AlphaProbe {
  public static void main(String[] a) throws Exception {
    String ds = a[0];
    float alpha = Float.parseFloat(a[1]);
    int m = Integer.parseInt(a[2]), efc = Integer.parseInt(a[3]), threads = Integer.parseInt(a[4]), rounds = Integer.parseInt(a[5]);
    int[] efs = new int[a.length - 6];
    for (int i = 6; i < a.length; i++) efs[i - 6] = Integer.parseInt(a[i]);
    try (Dataset d = Dataset.open(Path.of(System.getProperty("user.home"), ".cache/sextant/datasets", ds))) {
      FloatVectors base = d.base();
      HnswParams p = HnswParams.builder().m(m).efConstruction(efc).build();
      HnswIndex[] idx = new HnswIndex[2];
      float[] alphas = {1f, alpha};
      for (int g = 0; g < 2; g++) {
        NeighborSelector.alpha = alphas[g];
        NeighborSelector.l2 = d.similarity() == io.sextant.core.vector.Similarity.EUCLIDEAN;
        long t0 = System.nanoTime();
        idx[g] = HnswIndex.build(base, d.similarity(), p, threads);
        System.out.printf("alpha %.2f: built in %.2f s%n", alphas[g], (System.nanoTime() - t0) / 1e9);
      }
      NeighborSelector.alpha = 1f;
      int nq = d.queries().size();
      float[][] q = new float[nq][];
      for (int i = 0; i < nq; i++) q[i] = d.queries().get(i);
      int[][] gt = d.groundTruth(10);
      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      for (int ef : efs) {
        long[] cpu = new long[2];
        double[] rec = new double[2];
        for (int round = 0; round <= rounds; round++) {
          for (int block = 0; block < nq; block += 100) {
            for (int gg = 0; gg < 2; gg++) {
              int g = (block / 100 + round) % 2 == 0 ? gg : 1 - gg;
              long c0 = mx.getCurrentThreadCpuTime();
              double r = 0;
              for (int i = block; i < Math.min(nq, block + 100); i++) {
                int[] res = idx[g].search(q[i], 10, ef).ords();
                if (round == 0) {
                  int hit = 0;
                  for (int x : res) for (int y = 0; y < 10; y++) if (gt[i][y] == x) { hit++; break; }
                  r += hit / 10.0;
                }
              }
              long c1 = mx.getCurrentThreadCpuTime();
              if (round > 0) cpu[g] += c1 - c0; else rec[g] += r;
            }
          }
        }
        double q0 = (double) nq * rounds / (cpu[0] / 1e9), q1 = (double) nq * rounds / (cpu[1] / 1e9);
        System.out.printf("ef %3d: alpha 1 recall %.4f QPS %.0f | alpha %.2f recall %.4f QPS %.0f | ratio %.3f%n",
            ef, rec[0] / nq, q0, alpha, rec[1] / nq, q1, q1 / q0);
      }
    }
  }
}
