// Manual probe, session 9: build (2 threads) and best-of-3 one-thread QPS at one efSearch; run against two builds of
// the classes (old and new) alternately in fresh JVMs.
//   java -Xmx8g --add-modules jdk.incubator.vector -cp "/tmp/tp:<hnsw classes>:<core classes>:<libs>" io.sextant.hnsw.QpsProbe fashion-mnist 12 old|new
package io.sextant.hnsw;

import io.sextant.core.data.Dataset;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

public final class QpsProbe {
  public static void main(String[] a) throws Exception {
    try (Dataset d = Dataset.open(Path.of(System.getProperty("user.home"), ".cache/sextant/datasets", a[0]))) {
      long t0 = System.nanoTime();
      HnswIndex idx = HnswIndex.build(d.base(), d.similarity(), HnswParams.builder().m(16).efConstruction(100).build(), 2);
      double build = (System.nanoTime() - t0) / 1e9;
      int nq = d.queries().size();
      float[][] q = new float[nq][];
      for (int i = 0; i < nq; i++) q[i] = d.queries().get(i);
      var mx = ManagementFactory.getThreadMXBean();
      int ef = Integer.parseInt(a[1]);
      double best = 0;
      for (int round = 0; round < 4; round++) {
        long c0 = mx.getCurrentThreadCpuTime();
        for (float[] x : q) idx.search(x, 10, ef);
        double qps = nq / ((mx.getCurrentThreadCpuTime() - c0) / 1e9);
        if (round > 0) best = Math.max(best, qps);
      }
      System.out.printf("%s build %.1f s, ef %d best QPS %.0f%n", a[2], build, ef, best);
    }
  }
}
