// Manual probe (not built by Maven), session 8: exact pruning of layer-0 candidates with a lower bound read from
// the expanded node's own neighbour record (Euclidean).
//   javac -d /tmp/ppc -cp "hnsw/target/classes:core/target/classes:bench/target/lib/*" --add-modules jdk.incubator.vector docs/bench/hnsw-session8/ProjBoundProbe.java
//   java -Xmx8g --add-modules jdk.incubator.vector -cp "/tmp/ppc:hnsw/target/classes:core/target/classes:<bench/target/lib jars minus sextant-*>" \
//     io.sextant.hnsw.ProjBoundProbe fashion-mnist 16 100 2 3 16 10 12 16   (dataset M efC build-threads rounds dims ef...)
//   dims 0: the triangle inequality alone, |d(q,u) - d(u,v)| from the expanded node u's score and a stored link length;
//   dims > 0: the larger of that and the projected distance.
package io.sextant.hnsw;

import io.sextant.core.data.Dataset;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Kernels;
import io.sextant.core.vector.Similarity;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import jdk.incubator.vector.*;

/**
 * Session 7's BoundProbe pruned with an int8 code per node and lost: reading a node's code is one more
 * random memory access, and on this machine a random access, not its size, is what a scored node
 * costs. Here the bound needs no access to the neighbour at all: each layer-0 neighbour record also
 * holds, per link, the neighbour's projection onto an orthonormal basis P of {@code dims} directions
 * (principal directions of sampled link differences). Since P is orthonormal, ‖P(q − v)‖² ≤ ‖q − v‖²,
 * so a neighbour whose projected distance already exceeds the beam's worst would be rejected by the
 * float search too: it is skipped without loading its vector. Each link also stores its length, for the
 * triangle bound |d(q,u) − d(u,v)|. The pruned search gathers different batches, so a few results differ
 * by the order candidates enter the beam (counted as mismatches); recall is that of the plain search.
 * Plain and pruned searches read links from the same arrays and alternate in blocks of 100 queries,
 * thread CPU time. Args: dataset M efC threads rounds dims ef...
 */
public final class ProjBoundProbe {
  static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
  /** LB is shrunk by this factor: float rounding of P and of the sums must never turn a bound into an overestimate. */
  static final float SAFETY = 0.999f;

  final HnswGraph graph; final FloatVectors vectors; final int dim, n, k, maxConn;
  final int[] links, linkCount; final float[] proj; final float[] basis; final float[] edgeLen;
  final FloatVectorScorer scorer;
  final VisitedSet visited; final NeighborQueue cand = new NeighborQueue(256, true), res = new NeighborQueue(256, false);
  final int[] nb, fr, slot; final float[] fs, pq; final float[] uScore; final float[] nodeScore;
  long scored, floatScored;

  ProjBoundProbe(HnswGraph g, FloatVectors v, int k) {
    graph = g; vectors = v; dim = v.dimension(); n = v.size(); this.k = k; maxConn = g.maxConn(0);
    links = new int[n * maxConn]; linkCount = new int[n];
    int[] tmp = new int[maxConn];
    for (int i = 0; i < n; i++) { int c = g.neighbors(0, i, tmp); linkCount[i] = c; System.arraycopy(tmp, 0, links, i * maxConn, c); }
    nodeScore = new float[n];
    edgeLen = new float[n * maxConn];
    for (int i = 0; i < n; i++) {
      float[] a = v.get(i);
      for (int j = 0; j < linkCount[i]; j++) {
        float[] b = v.get(links[i * maxConn + j]); double s = 0;
        for (int d = 0; d < dim; d++) { double t = a[d] - b[d]; s += t * t; }
        edgeLen[i * maxConn + j] = (float) Math.sqrt(s);
      }
    }
    if (k == 0) { basis = new float[0]; proj = new float[0]; scorer = new FloatVectorScorer(v, Similarity.EUCLIDEAN, Kernels.get());
      visited = new VisitedSet(n); nb = new int[maxConn]; fr = new int[maxConn + 16]; slot = new int[maxConn + 16]; fs = new float[maxConn + 16]; pq = new float[0]; uScore = null; return; }
    basis = principalLinkDirections(k);
    float[][] pv = new float[n][];
    for (int i = 0; i < n; i++) pv[i] = project(v.get(i));
    proj = new float[n * maxConn * k];
    for (int i = 0; i < n; i++) for (int j = 0; j < linkCount[i]; j++) System.arraycopy(pv[links[i * maxConn + j]], 0, proj, (i * maxConn + j) * k, k);
    scorer = new FloatVectorScorer(v, Similarity.EUCLIDEAN, Kernels.get());
    visited = new VisitedSet(n);
    nb = new int[maxConn]; fr = new int[maxConn + 16]; slot = new int[maxConn + 16]; fs = new float[maxConn + 16]; pq = new float[k];
    uScore = null;
  }

  /** Top-k eigenvectors of the covariance of 4,000 sampled link differences (subspace iteration, double), rows of a k × dim array. */
  float[] principalLinkDirections(int k) {
    SplittableRandom rnd = new SplittableRandom(7);
    double[] cov = new double[dim * dim];
    double[] diff = new double[dim];
    for (int s = 0; s < 4000; s++) {
      int u = rnd.nextInt(n); if (linkCount[u] == 0) { s--; continue; }
      int w = links[u * maxConn + rnd.nextInt(linkCount[u])];
      float[] a = vectors.get(u), b = vectors.get(w);
      for (int d = 0; d < dim; d++) diff[d] = a[d] - b[d];
      for (int r = 0; r < dim; r++) { double x = diff[r]; if (x == 0) continue; int o = r * dim; for (int c = 0; c < dim; c++) cov[o + c] += x * diff[c]; }
    }
    double[][] q = new double[k][dim];
    for (double[] row : q) for (int d = 0; d < dim; d++) row[d] = rnd.nextDouble() - 0.5;
    orthonormalize(q);
    for (int it = 0; it < 40; it++) {
      double[][] y = new double[k][dim];
      for (int i = 0; i < k; i++) for (int r = 0; r < dim; r++) { double s = 0; int o = r * dim; for (int c = 0; c < dim; c++) s += cov[o + c] * q[i][c]; y[i][r] = s; }
      orthonormalize(y); q = y;
    }
    float[] out = new float[k * dim];
    for (int i = 0; i < k; i++) for (int d = 0; d < dim; d++) out[i * dim + d] = (float) q[i][d];
    return out;
  }

  static void orthonormalize(double[][] q) {
    for (int i = 0; i < q.length; i++) {
      for (int pass = 0; pass < 2; pass++) for (int j = 0; j < i; j++) { double dot = 0; for (int d = 0; d < q[i].length; d++) dot += q[i][d] * q[j][d]; for (int d = 0; d < q[i].length; d++) q[i][d] -= dot * q[j][d]; }
      double nn = 0; for (double x : q[i]) nn += x * x; nn = Math.sqrt(nn);
      for (int d = 0; d < q[i].length; d++) q[i][d] /= nn;
    }
  }

  float[] project(float[] x) {
    float[] out = new float[k];
    for (int i = 0; i < k; i++) {
      FloatVector acc = FloatVector.zero(F);
      int o = i * dim, d = 0;
      for (; d + 8 <= dim; d += 8) acc = FloatVector.fromArray(F, basis, o + d).fma(FloatVector.fromArray(F, x, d), acc);
      float s = acc.reduceLanes(VectorOperators.ADD);
      for (; d < dim; d++) s += basis[o + d] * x[d];
      out[i] = s;
    }
    return out;
  }

  /** ‖Pq − Pv‖² for link {@code j} of {@code node}, v its target; k a multiple of 8. */
  float projectedDistance(int node, int j) {
    int o = (node * maxConn + j) * k;
    FloatVector acc = FloatVector.zero(F);
    for (int d = 0; d < k; d += 8) {
      FloatVector t = FloatVector.fromArray(F, pq, d).sub(FloatVector.fromArray(F, proj, o + d));
      acc = t.fma(t, acc);
    }
    return acc.reduceLanes(VectorOperators.ADD);
  }

  int[] search(float[] q, int kk, int ef, boolean pruned) {
    scorer.setQuery(q);
    if (pruned && k > 0) System.arraycopy(project(q), 0, pq, 0, k);
    visited.ensureCapacity(n);
    int ep = graph.entryPoint();
    int cur = ep; float curScore = scorer.score(cur);
    for (int level = graph.levelOf(ep); level > 0; level--) {
      boolean moved = true;
      while (moved) {
        moved = false;
        int count = graph.neighbors(level, cur, nb);
        scorer.score(nb, count, fs);
        int from = cur;
        for (int i = 0; i < count; i++) if (fs[i] > curScore) { cur = nb[i]; curScore = fs[i]; }
        moved = cur != from;
      }
    }
    int width = Math.max(ef, kk);
    visited.clear(); cand.clear(); res.clear();
    visited.add(cur); cand.add(cur, curScore); nodeScore[cur] = curScore; res.insertWithOverflow(cur, curScore, width);
    float minAccepted = res.size() >= width ? res.topScore() : Float.NEGATIVE_INFINITY;
    boolean stop = false;
    while (!stop && !cand.isEmpty()) {
      int f = 0;
      do {
        if (cand.topScore() < minAccepted) { stop = true; break; }
        int u = NeighborQueue.decodeNode(cand.pop());
        float du = (float) Math.sqrt(Math.max(0f, -nodeScore[u]));
        int count = linkCount[u], base = u * maxConn;
        boolean bound = pruned && minAccepted != Float.NEGATIVE_INFINITY;
        for (int i = 0; i < count; i++) {
          int w = links[base + i];
          if (!visited.add(w)) continue;
          scored++;
          // Scores are -d²: a node with -LB < minAccepted has -d² <= -LB < minAccepted, which the float search rejects too.
          if (bound) {
            float lb = Math.abs(du - edgeLen[base + i]);
            float lb2 = k == 0 ? lb * lb : Math.max(lb * lb, projectedDistance(u, i));
            if (-(lb2 * SAFETY) < minAccepted) continue;
          }
          fr[f++] = w;
        }
      } while (f < HnswGraphSearcher.GATHER && !cand.isEmpty());
      if (f == 0) continue;
      floatScored += f;
      scorer.score(fr, f, fs);
      for (int i = 0; i < f; i++) {
        float s = fs[i];
        if (s < minAccepted) continue;
        cand.add(fr[i], s); nodeScore[fr[i]] = s;
        res.insertWithOverflow(fr[i], s, width);
        if (res.size() >= width) minAccepted = res.topScore();
      }
    }
    while (res.size() > kk) res.pop();
    int[] out = new int[res.size()];
    for (int i = out.length - 1; i >= 0; i--) out[i] = NeighborQueue.decodeNode(res.pop());
    return out;
  }

  public static void main(String[] a) throws Exception {
    String ds = a[0];
    int m = Integer.parseInt(a[1]), efc = Integer.parseInt(a[2]), threads = Integer.parseInt(a[3]), rounds = Integer.parseInt(a[4]);
    int dims = Integer.parseInt(a[5]);
    try (Dataset d = Dataset.open(Path.of(System.getProperty("user.home"), ".cache/sextant/datasets", ds))) {
      if (d.similarity() != Similarity.EUCLIDEAN) throw new IllegalArgumentException("Euclidean datasets only");
      HnswIndex idx = HnswIndex.build(d.base(), d.similarity(), HnswParams.builder().m(m).efConstruction(efc).build(), threads);
      long t0 = System.nanoTime();
      ProjBoundProbe p = new ProjBoundProbe(idx.graph(), d.base(), dims);
      System.out.printf("basis of %d directions and link projections in %.1f s (%.1f MB of projections)%n", dims,
          (System.nanoTime() - t0) / 1e9, p.proj.length * 4e-6);
      int nq = d.queries().size();
      float[][] q = new float[nq][];
      for (int i = 0; i < nq; i++) q[i] = d.queries().get(i);
      int[][] gt = d.groundTruth(10);
      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      for (int ai = 6; ai < a.length; ai++) {
        int ef = Integer.parseInt(a[ai]);
        long[] cpu = new long[2]; double recall = 0; int mismatches = 0;
        long sc = 0, fsc = 0;
        for (int round = 0; round <= rounds; round++) {
          for (int block = 0; block < nq; block += 100) {
            for (int gg = 0; gg < 2; gg++) {
              int g = (block / 100 + round) % 2 == 0 ? gg : 1 - gg;
              p.scored = 0; p.floatScored = 0;
              long c0 = mx.getCurrentThreadCpuTime();
              for (int i = block; i < Math.min(nq, block + 100); i++) {
                int[] r = p.search(q[i], 10, ef, g == 1);
                if (round == 0) {
                  if (g == 1 && !Arrays.equals(r, p.search(q[i], 10, ef, false))) mismatches++;
                  if (g == 0) { int hit = 0; for (int x : r) for (int y = 0; y < 10; y++) if (gt[i][y] == x) { hit++; break; } recall += hit / 10.0; }
                }
              }
              long c1 = mx.getCurrentThreadCpuTime();
              if (round > 0) { cpu[g] += c1 - c0; if (g == 1) { sc += p.scored; fsc += p.floatScored; } }
            }
          }
        }
        double q0 = (double) nq * rounds / (cpu[0] / 1e9), q1 = (double) nq * rounds / (cpu[1] / 1e9);
        System.out.printf("dims %d ef %3d: recall %.4f, plain QPS %.0f, pruned QPS %.0f, ratio %.3f; float vectors loaded %.1f %% of scored; result mismatches %d%n",
            dims, ef, recall / nq, q0, q1, q1 / q0, 100.0 * fsc / sc, mismatches);
      }
    }
  }
}
