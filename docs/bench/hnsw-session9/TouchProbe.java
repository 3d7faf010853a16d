// Manual probe, session 9: reading the next candidate's link record before scoring the gathered batch, so its
// cache miss overlaps the batch's. Needs a temporary patch (not in the code): HnswGraph gets
// "default int touch(int level, int node)" (OnHeapHnswGraph / MappedHnswGraph read the node's link count), and
// HnswGraphSearcher.expand does "if (touchAhead > 0 && !cand.isEmpty()) sink += graph.touch(level, cand.topNode());"
// before scorer.score(fr, f, fs), with public static int touchAhead and long sink.
//   javac -d /tmp/tp -cp "hnsw/target/classes:core/target/classes:<bench/target/lib jars minus sextant-*>" --add-modules jdk.incubator.vector docs/bench/hnsw-session9/TouchProbe.java
//   java -Xmx8g --add-modules jdk.incubator.vector -cp "/tmp/tp:<same>" io.sextant.hnsw.TouchProbe fashion-mnist 16 100 3 10,12,16,24
package io.sextant.hnsw;

import io.sextant.core.data.Dataset;
import io.sextant.core.search.TopK;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;

/** Touch-ahead of the next candidate's link record vs plain, alternating blocks of 100 queries, one JVM. */
public final class TouchProbe {
  public static void main(String[] a) throws Exception {
    int m = Integer.parseInt(a[1]), efc = Integer.parseInt(a[2]), rounds = Integer.parseInt(a[3]);
    try (Dataset d = Dataset.open(Path.of(System.getProperty("user.home"), ".cache/sextant/datasets", a[0]))) {
      long t0 = System.nanoTime();
      HnswIndex idx = HnswIndex.build(d.base(), d.similarity(), HnswParams.builder().m(m).efConstruction(efc).build(), 2);
      System.out.printf("built in %.1f s%n", (System.nanoTime() - t0) / 1e9);
      int nq = d.queries().size();
      float[][] q = new float[nq][];
      for (int i = 0; i < nq; i++) q[i] = d.queries().get(i);
      int[][] gt = d.groundTruth(10);
      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      for (String es : a[4].split(",")) {
        int ef = Integer.parseInt(es);
        long[] cpu = new long[2]; double[] rec = new double[2];
        for (int round = 0; round <= rounds; round++) {
          for (int block = 0; block < nq; block += 100) {
            for (int gg = 0; gg < 2; gg++) {
              int g = (block / 100 + round) % 2 == 0 ? gg : 1 - gg;
              HnswGraphSearcher.touchAhead = g;
              long c0 = mx.getCurrentThreadCpuTime();
              for (int i = block; i < Math.min(nq, block + 100); i++) {
                TopK.ScoredOrds r = idx.search(q[i], 10, ef);
                if (round == 0) {
                  int hit = 0;
                  for (int x : r.ords()) for (int y = 0; y < 10; y++) if (gt[i][y] == x) { hit++; break; }
                  rec[g] += hit / 10.0;
                }
              }
              long c1 = mx.getCurrentThreadCpuTime();
              if (round > 0) cpu[g] += c1 - c0;
            }
          }
        }
        double q0 = (double) nq * rounds / (cpu[0] / 1e9), q1 = (double) nq * rounds / (cpu[1] / 1e9);
        System.out.printf("ef %3d: plain recall %.4f QPS %.0f | touch recall %.4f QPS %.0f | ratio %.3f%n",
            ef, rec[0] / nq, q0, rec[1] / nq, q1, q1 / q0);
      }
    }
  }
}
