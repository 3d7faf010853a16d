// Manual probe, session 9: does a better graph (higher efConstruction, same M) buy QPS at recall 0.95?
//   javac -d /tmp/tp -cp "hnsw/target/classes:core/target/classes:<bench/target/lib jars minus sextant-*>" --add-modules jdk.incubator.vector docs/bench/hnsw-session9/EfcProbe.java
//   java -Xmx12g --add-modules jdk.incubator.vector -cp "/tmp/tp:<same>" io.sextant.hnsw.EfcProbe fashion-mnist 16 100,200,400 2 10,11,12,14,16
package io.sextant.hnsw;

import io.sextant.core.data.Dataset;
import io.sextant.core.search.TopK;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;

/** Graphs built with several efConstruction values (same M), searched in alternating blocks of 100 queries in one JVM. */
public final class EfcProbe {
  public static void main(String[] a) throws Exception {
    int m = Integer.parseInt(a[1]), rounds = Integer.parseInt(a[3]);
    String[] efcs = a[2].split(",");
    try (Dataset d = Dataset.open(Path.of(System.getProperty("user.home"), ".cache/sextant/datasets", a[0]))) {
      HnswIndex[] idx = new HnswIndex[efcs.length];
      for (int g = 0; g < efcs.length; g++) {
        long t0 = System.nanoTime();
        idx[g] = HnswIndex.build(d.base(), d.similarity(), HnswParams.builder().m(m).efConstruction(Integer.parseInt(efcs[g])).build(), 2);
        System.out.printf("efC %s built in %.1f s%n", efcs[g], (System.nanoTime() - t0) / 1e9);
      }
      int nq = d.queries().size();
      float[][] q = new float[nq][];
      for (int i = 0; i < nq; i++) q[i] = d.queries().get(i);
      int[][] gt = d.groundTruth(10);
      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      int G = idx.length;
      for (String es : a[4].split(",")) {
        int ef = Integer.parseInt(es);
        long[] cpu = new long[G]; double[] rec = new double[G];
        for (int round = 0; round <= rounds; round++) {
          for (int block = 0; block < nq; block += 100) {
            for (int gg = 0; gg < G; gg++) {
              int g = (gg + block / 100 + round) % G;
              long c0 = mx.getCurrentThreadCpuTime();
              for (int i = block; i < Math.min(nq, block + 100); i++) {
                TopK.ScoredOrds r = idx[g].search(q[i], 10, ef);
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
        StringBuilder sb = new StringBuilder("ef " + ef + ":");
        for (int g = 0; g < G; g++) sb.append(String.format("  efC %s recall %.4f QPS %.0f", efcs[g], rec[g] / nq, (double) nq * rounds / (cpu[g] / 1e9)));
        System.out.println(sb);
      }
    }
  }
}
