// Manual probe (not built by Maven), session 6. Needs a built reactor and the hnsw test classes:
//   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./mvnw -B -ntp -q -pl core,hnsw test-compile
//   ./mvnw -B -ntp -q -pl hnsw dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
//   CP=hnsw/target/classes:hnsw/target/test-classes:core/target/classes:$(tr ':' '\n' < /tmp/cp.txt | grep -v sextant-core | paste -sd:)
//   javac -d /tmp/probe -cp $CP --add-modules jdk.incubator.vector docs/bench/hnsw-session6/AbandonProbe.java
//   java -cp /tmp/probe:$CP --add-modules jdk.incubator.vector -Xmx6g io.sextant.hnsw.AbandonProbe fashion-mnist 12 4  (dataset, efSearch, checkpoint every N cache lines)
// The graph (default parameters, 2 build threads) is cached in /tmp/hnswquant/<dataset>.hnsw.
package io.sextant.hnsw;

import io.sextant.core.data.Dataset;
import io.sextant.core.vector.FloatVectors;
import java.nio.file.*;
import java.util.*;

/** What fraction of vector bytes an exact early-abandoning L2 kernel would load during layer-0 beam searches. */
public final class AbandonProbe {
  public static void main(String[] a) throws Exception {
    String name = a[0];
    int ef = Integer.parseInt(a[1]);
    int step = Integer.parseInt(a[2]); // checkpoint every `step` cache lines
    try (Dataset d = Dataset.open(RealData.CACHE.resolve(name))) {
      FloatVectors base = d.base();
      FloatVectors queries = d.queries();
      int dim = base.dimension();
      Path gf = Path.of("/tmp/hnswquant/" + name + ".hnsw");
      if (!Files.exists(gf)) {
        Files.createDirectories(gf.getParent());
        HnswIndex built = HnswIndex.build(base, d.similarity(), HnswParams.defaults(), 2);
        new HnswGraphWriter(built.graph()).write(gf);
      }
      HnswGraph graph = MappedHnswGraph.map(gf);
      int n = base.size();
      int lines = (dim + 15) / 16;
      // per-line variance over a sample
      double[] var = new double[lines];
      double[] mean = new double[dim], m2 = new double[dim];
      int sn = Math.min(n, 5000);
      for (int i = 0; i < sn; i++) { float[] v = base.get(i * (n / sn)); for (int j = 0; j < dim; j++) { mean[j] += v[j]; m2[j] += (double) v[j] * v[j]; } }
      for (int j = 0; j < dim; j++) { double mu = mean[j] / sn; var[j / 16] += m2[j] / sn - mu * mu; }
      Integer[] ord = new Integer[lines];
      for (int i = 0; i < lines; i++) ord[i] = i;
      Arrays.sort(ord, (x, y) -> Double.compare(var[y], var[x]));
      float[][] vecs = new float[n][];
      for (int i = 0; i < n; i++) vecs[i] = base.get(i);
      long scored = 0, rejected = 0, linesSeq = 0, linesVar = 0, full = 0;
      int nq = Math.min(2000, queries.size());
      int[] nb = new int[graph.maxConn(0) + 1];
      for (int qi = 0; qi < nq; qi++) {
        float[] q = queries.get(qi);
        // greedy descent
        int cur = graph.entryPoint();
        double cd = dist(q, vecs[cur]);
        for (int level = graph.levelOf(cur); level > 0; level--) {
          boolean moved = true;
          while (moved) { moved = false; int c = graph.neighbors(level, cur, nb); for (int i = 0; i < c; i++) { double dd = dist(q, vecs[nb[i]]); if (dd < cd) { cd = dd; cur = nb[i]; moved = true; } } }
        }
        BitSet seen = new BitSet(n);
        PriorityQueue<double[]> cand = new PriorityQueue<>((x, y) -> Double.compare(x[0], y[0]));
        PriorityQueue<double[]> res = new PriorityQueue<>((x, y) -> Double.compare(y[0], x[0]));
        seen.set(cur); cand.add(new double[] {cd, cur}); res.add(new double[] {cd, cur});
        while (!cand.isEmpty()) {
          double[] c = cand.poll();
          if (res.size() >= ef && c[0] > res.peek()[0]) break;
          int cnt = graph.neighbors(0, (int) c[1], nb);
          for (int i = 0; i < cnt; i++) {
            int v = nb[i];
            if (seen.get(v)) continue;
            seen.set(v);
            double T = res.size() >= ef ? res.peek()[0] : Double.POSITIVE_INFINITY;
            double dd = dist(q, vecs[v]);
            scored++; full += lines;
            if (dd > T) {
              rejected++;
              linesSeq += abandonAt(q, vecs[v], T, step, lines, null);
              linesVar += abandonAt(q, vecs[v], T, step, lines, ord);
            } else {
              linesSeq += lines; linesVar += lines;
              cand.add(new double[] {dd, v});
              res.add(new double[] {dd, v});
              if (res.size() > ef) res.poll();
            }
          }
        }
      }
      System.out.printf("%s ef=%d step=%d: scored/query %.1f, rejected %.1f%%, bytes loaded: sequential %.1f%%, variance-ordered %.1f%%%n",
          name, ef, step, (double) scored / nq, 100.0 * rejected / scored, 100.0 * linesSeq / full, 100.0 * linesVar / full);
    }
  }

  static double dist(float[] q, float[] v) { double s = 0; for (int i = 0; i < q.length; i++) { double t = q[i] - v[i]; s += t * t; } return s; }

  static int abandonAt(float[] q, float[] v, double T, int step, int lines, Integer[] ord) {
    double s = 0;
    for (int l = 0; l < lines; l++) {
      int line = ord == null ? l : ord[l];
      for (int j = line * 16; j < Math.min(q.length, line * 16 + 16); j++) { double t = q[j] - v[j]; s += t * t; }
      if ((l + 1) % step == 0 && s > T) return l + 1;
    }
    return lines;
  }
}
