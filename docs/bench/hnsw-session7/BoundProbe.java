// Manual probe (not built by Maven), session 7: exact int8 lower-bound pruning of layer-0 candidates (Euclidean).
//   javac -d /tmp/apc -cp "hnsw/target/classes:core/target/classes:bench/target/lib/*" --add-modules jdk.incubator.vector docs/bench/hnsw-session7/BoundProbe.java
//   java -Xmx6g --add-modules jdk.incubator.vector -cp "/tmp/apc:hnsw/target/classes:core/target/classes:<bench/target/lib jars minus sextant-*>" \
//     io.sextant.hnsw.BoundProbe fashion-mnist 16 100 2 3 10 12 16   (dataset M efC build-threads rounds ef...)
package io.sextant.hnsw;

import io.sextant.core.data.Dataset;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Kernels;
import io.sextant.core.vector.Similarity;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import jdk.incubator.vector.*;

/**
 * Exact pruning of layer-0 candidates with an int8 lower bound (Euclidean only): before a batch of
 * unvisited neighbours is scored in float, each gets LB = (max(0, ‖q − x̂‖ − ‖x − x̂‖))² from its
 * 8-bit code x̂ (per-dimension min/max grid) and its stored error norm; a node whose bound already
 * exceeds the beam's worst is dropped without loading its float vector — the same decision the float
 * search makes, so results are identical (checked). Plain and bounded searches alternate in blocks
 * of 100 queries, thread CPU time. Args: dataset M efC threads rounds ef...
 */
public final class BoundProbe {
  static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
  static final VectorSpecies<Byte> B = ByteVector.SPECIES_64;

  final HnswGraph graph; final FloatVectors vectors; final int dim, n;
  final byte[] codes; final float[] offset, step, hatNorm2, err;
  final FloatVectorScorer scorer;
  final VisitedSet visited; final NeighborQueue cand = new NeighborQueue(256, true), res = new NeighborQueue(256, false);
  final int[] nb, fr, surv; final float[] fs, lb, w;
  long scored, floatScored;

  BoundProbe(HnswGraph g, FloatVectors v) {
    graph = g; vectors = v; dim = v.dimension(); n = v.size();
    float[] lo = new float[dim], hi = new float[dim];
    Arrays.fill(lo, Float.POSITIVE_INFINITY); Arrays.fill(hi, Float.NEGATIVE_INFINITY);
    for (int i = 0; i < n; i++) { float[] x = v.get(i); for (int j = 0; j < dim; j++) { lo[j] = Math.min(lo[j], x[j]); hi[j] = Math.max(hi[j], x[j]); } }
    step = new float[dim]; offset = new float[dim];
    for (int j = 0; j < dim; j++) { step[j] = (hi[j] - lo[j]) / 255f; offset[j] = lo[j] + 128f * step[j]; }
    codes = new byte[n * dim]; hatNorm2 = new float[n]; err = new float[n];
    for (int i = 0; i < n; i++) {
      float[] x = v.get(i); double nn = 0, ee = 0;
      for (int j = 0; j < dim; j++) {
        int c = step[j] > 0 ? Math.round((x[j] - lo[j]) / step[j]) : 0;
        c = Math.max(0, Math.min(255, c)) - 128;
        codes[i * dim + j] = (byte) c;
        double hat = (double) offset[j] + (double) step[j] * c;
        nn += hat * hat; ee += (x[j] - hat) * (x[j] - hat);
      }
      hatNorm2[i] = (float) nn; err[i] = (float) (Math.sqrt(ee) * 1.0001 + 1e-6);
    }
    scorer = new FloatVectorScorer(v, Similarity.EUCLIDEAN, Kernels.get());
    visited = new VisitedSet(n);
    nb = new int[64]; fr = new int[64 + 8]; surv = new int[64 + 8]; fs = new float[64 + 8]; lb = new float[64 + 8]; w = new float[dim];
  }

  float qBase, qNorm2;

  void setQuery(float[] q) {
    scorer.setQuery(q);
    double b = 0, nn = 0;
    for (int j = 0; j < dim; j++) { w[j] = q[j] * step[j]; b += (double) q[j] * offset[j]; nn += (double) q[j] * q[j]; }
    qBase = (float) b; qNorm2 = (float) nn;
  }

  /** Lower bounds on the squared distance of nodes fr[0..f) to the query, 4 codes interleaved. */
  void bounds(int f) {
    int i = 0;
    for (; i + 4 <= f; i += 4) {
      int o0 = fr[i] * dim, o1 = fr[i + 1] * dim, o2 = fr[i + 2] * dim, o3 = fr[i + 3] * dim;
      FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
      for (int j = 0; j < dim; j += 8) {
        FloatVector ww = FloatVector.fromArray(F, w, j);
        a0 = ((FloatVector) ByteVector.fromArray(B, codes, o0 + j).convertShape(VectorOperators.B2F, F, 0)).fma(ww, a0);
        a1 = ((FloatVector) ByteVector.fromArray(B, codes, o1 + j).convertShape(VectorOperators.B2F, F, 0)).fma(ww, a1);
        a2 = ((FloatVector) ByteVector.fromArray(B, codes, o2 + j).convertShape(VectorOperators.B2F, F, 0)).fma(ww, a2);
        a3 = ((FloatVector) ByteVector.fromArray(B, codes, o3 + j).convertShape(VectorOperators.B2F, F, 0)).fma(ww, a3);
      }
      lb[i] = bound(fr[i], a0.reduceLanes(VectorOperators.ADD));
      lb[i + 1] = bound(fr[i + 1], a1.reduceLanes(VectorOperators.ADD));
      lb[i + 2] = bound(fr[i + 2], a2.reduceLanes(VectorOperators.ADD));
      lb[i + 3] = bound(fr[i + 3], a3.reduceLanes(VectorOperators.ADD));
    }
    for (; i < f; i++) {
      int o = fr[i] * dim;
      FloatVector a = FloatVector.zero(F);
      for (int j = 0; j < dim; j += 8) a = ((FloatVector) ByteVector.fromArray(B, codes, o + j).convertShape(VectorOperators.B2F, F, 0)).fma(FloatVector.fromArray(F, w, j), a);
      lb[i] = bound(fr[i], a.reduceLanes(VectorOperators.ADD));
    }
  }

  float bound(int node, float dotCodes) {
    float qx = qBase + dotCodes;
    float d2 = qNorm2 - 2f * qx + hatNorm2[node];
    float d = (float) Math.sqrt(Math.max(0f, d2)) - err[node];
    if (d <= 0) return 0f;
    return d * d * 0.9999f - 1e-3f * (qNorm2 + hatNorm2[node]) * 1e-4f; // rounding margin
  }

  int[] search(float[] q, int k, int ef, boolean bounded) {
    setQuery(q);
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
    int width = Math.max(ef, k);
    visited.clear(); cand.clear(); res.clear();
    visited.add(cur); cand.add(cur, curScore); res.insertWithOverflow(cur, curScore, width);
    float minAccepted = res.size() >= width ? res.topScore() : Float.NEGATIVE_INFINITY;
    boolean stop = false;
    while (!stop && !cand.isEmpty()) {
      int f = 0;
      do {
        if (cand.topScore() < minAccepted) { stop = true; break; }
        int count = graph.neighbors(0, NeighborQueue.decodeNode(cand.pop()), nb);
        for (int i = 0; i < count; i++) if (visited.add(nb[i])) fr[f++] = nb[i];
      } while (f < HnswGraphSearcher.GATHER && !cand.isEmpty());
      if (f == 0) continue;
      scored += f;
      int m = f;
      if (bounded && minAccepted != Float.NEGATIVE_INFINITY) {
        bounds(f);
        m = 0;
        for (int i = 0; i < f; i++) if (-lb[i] >= minAccepted) fr[m++] = fr[i];
        if (m == 0) continue;
      }
      floatScored += m;
      scorer.score(fr, m, fs);
      for (int i = 0; i < m; i++) {
        float s = fs[i];
        if (s < minAccepted) continue;
        cand.add(fr[i], s);
        res.insertWithOverflow(fr[i], s, width);
        if (res.size() >= width) minAccepted = res.topScore();
      }
    }
    while (res.size() > k) res.pop();
    int[] out = new int[res.size()];
    for (int i = out.length - 1; i >= 0; i--) out[i] = NeighborQueue.decodeNode(res.pop());
    return out;
  }

  public static void main(String[] a) throws Exception {
    String ds = a[0];
    int m = Integer.parseInt(a[1]), efc = Integer.parseInt(a[2]), threads = Integer.parseInt(a[3]), rounds = Integer.parseInt(a[4]);
    try (Dataset d = Dataset.open(Path.of(System.getProperty("user.home"), ".cache/sextant/datasets", ds))) {
      if (d.similarity() != Similarity.EUCLIDEAN) throw new IllegalArgumentException("Euclidean datasets only");
      HnswIndex idx = HnswIndex.build(d.base(), d.similarity(), HnswParams.builder().m(m).efConstruction(efc).build(), threads);
      BoundProbe p = new BoundProbe(idx.graph(), d.base());
      int nq = d.queries().size();
      float[][] q = new float[nq][];
      for (int i = 0; i < nq; i++) q[i] = d.queries().get(i);
      int[][] gt = d.groundTruth(10);
      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      for (int ai = 5; ai < a.length; ai++) {
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
        System.out.printf("ef %3d: recall %.4f, plain QPS %.0f, bounded QPS %.0f, ratio %.3f; float vectors loaded %.1f %% of scored; result mismatches %d%n",
            ef, recall / nq, q0, q1, q1 / q0, 100.0 * fsc / sc, mismatches);
      }
    }
  }
}
