// Manual probe (not built by Maven), session 8: approximate skipping of layer-0 neighbours with per-link angle sketches (Euclidean).
//   javac -d /tmp/ppc -cp "hnsw/target/classes:core/target/classes:bench/target/lib/*" --add-modules jdk.incubator.vector docs/bench/hnsw-session8/SketchSkipProbe.java
//   java -Xmx8g --add-modules jdk.incubator.vector -cp "/tmp/ppc:hnsw/target/classes:core/target/classes:<bench/target/lib jars minus sextant-*>" \
//     io.sextant.hnsw.SketchSkipProbe fashion-mnist 16 100 2 2 128 1.0,1.2 10,12,16,20   (dataset M efC build-threads rounds bits slacks efs)
package io.sextant.hnsw;

import io.sextant.core.data.Dataset;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Kernels;
import io.sextant.core.vector.Similarity;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.SplittableRandom;
import jdk.incubator.vector.*;

/**
 * Exact bounds were too weak (ProjBoundProbe); this estimates instead, FINGER-style, from data in the expanded
 * node u's own record: d(q,v)² = d(q,u)² + d(u,v)² − 2·d(q,u)·d(u,v)·cos θ, θ the angle between q − u and v − u.
 * d(q,u) is known (u was scored), d(u,v) is stored per link, and cos θ comes from SimHash: per link the signs of
 * R(v − u) for a fixed Gaussian R of {@code bits} rows, per query Rq once, per expanded node the signs of Rq − Ru
 * (Ru stored per node); the Hamming distance h gives θ ≈ π·h/bits. Links, link lengths, link signs and Ru sit in
 * one record per node, as a segment would store them, so an expansion touches one place. A neighbour whose estimate exceeds
 * {@code slack} × the beam's worst distance is not scored (and not marked visited, so another node may still
 * reach it). Approximate: recall is measured for both searches. Same link arrays, alternating blocks of 100
 * queries, thread CPU time.
 */
public final class SketchSkipProbe {
  static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
  final HnswGraph graph; final int dim, n, maxConn, bits, words;
  /** Per node one record, so an expansion touches one place: links, link lengths, link sign words, then Ru (floats as int bits). */
  final int[] rec, linkCount; final int stride, lenAt, bitsAt, ruAt; final float[] r, nodeScore, cosOf;
  final FloatVectorScorer scorer; final VisitedSet visited;
  final NeighborQueue cand = new NeighborQueue(512, true), res = new NeighborQueue(512, false);
  final int[] nb, fr; final float[] fs, rq; final int[] zb; // fr: a gathered batch is < GATHER plus one full link list
  long scored, estimated;

  SketchSkipProbe(HnswGraph g, FloatVectors v, int bits) {
    graph = g; dim = v.dimension(); n = v.size(); maxConn = g.maxConn(0); this.bits = bits; words = bits / 32;
    lenAt = maxConn; bitsAt = 2 * maxConn; ruAt = bitsAt + maxConn * words; stride = ruAt + bits;
    rec = new int[n * stride]; linkCount = new int[n];
    int[] tmp = new int[maxConn];
    for (int i = 0; i < n; i++) { int c = g.neighbors(0, i, tmp); linkCount[i] = c; System.arraycopy(tmp, 0, rec, i * stride, c); }
    SplittableRandom rnd = new SplittableRandom(5);
    r = new float[bits * dim];
    for (int i = 0; i < r.length; i++) r[i] = (float) rnd.nextGaussian();
    float[][] ru = new float[n][];
    for (int i = 0; i < n; i++) {
      ru[i] = project(v.get(i));
      for (int k = 0; k < bits; k++) rec[i * stride + ruAt + k] = Float.floatToRawIntBits(ru[i][k]);
    }
    for (int i = 0; i < n; i++) {
      float[] a = v.get(i);
      for (int j = 0; j < linkCount[i]; j++) {
        int w = rec[i * stride + j];
        float[] b = v.get(w); double s = 0;
        for (int d = 0; d < dim; d++) { double t = b[d] - a[d]; s += t * t; }
        rec[i * stride + lenAt + j] = Float.floatToRawIntBits((float) Math.sqrt(s));
        for (int k = 0; k < bits; k++) if (ru[w][k] - ru[i][k] > 0) rec[i * stride + bitsAt + j * words + k / 32] |= 1 << (k % 32);
      }
    }
    cosOf = new float[bits + 1];
    for (int h = 0; h <= bits; h++) cosOf[h] = (float) Math.cos(Math.PI * h / bits);
    nodeScore = new float[n];
    scorer = new FloatVectorScorer(v, Similarity.EUCLIDEAN, Kernels.get());
    visited = new VisitedSet(n);
    nb = new int[maxConn]; fr = new int[maxConn + 16]; fs = new float[maxConn + 16]; rq = new float[bits]; zb = new int[words];
  }

  float[] project(float[] x) {
    float[] out = new float[bits];
    for (int i = 0; i < bits; i++) {
      FloatVector acc = FloatVector.zero(F);
      int o = i * dim, d = 0;
      for (; d + 8 <= dim; d += 8) acc = FloatVector.fromArray(F, r, o + d).fma(FloatVector.fromArray(F, x, d), acc);
      float s = acc.reduceLanes(VectorOperators.ADD);
      for (; d < dim; d++) s += r[o + d] * x[d];
      out[i] = s;
    }
    return out;
  }

  static final VectorSpecies<Integer> I = IntVector.SPECIES_256;

  /** Signs of Rq − Ru into zb, 8 per vector compare. */
  void signs(int u) {
    int o = u * stride + ruAt;
    for (int w = 0; w < words; w++) {
      long word = 0;
      for (int k = 0; k < 32; k += 8) {
        int at = w * 32 + k;
        FloatVector ruv = IntVector.fromArray(I, rec, o + at).reinterpretAsFloats();
        long m = FloatVector.fromArray(F, rq, at).sub(ruv).compare(VectorOperators.GT, 0f).toLong();
        word |= m << k;
      }
      zb[w] = (int) word;
    }
  }

  int[] search(float[] q, int kk, int ef, boolean skip, float slack) {
    scorer.setQuery(q);
    if (skip) System.arraycopy(project(q), 0, rq, 0, bits);
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
        int count = linkCount[u], base = u * stride;
        boolean est = skip && minAccepted != Float.NEGATIVE_INFINITY;
        float du2 = -nodeScore[u], du = (float) Math.sqrt(Math.max(0f, du2)), limit = -minAccepted * slack;
        if (est) signs(u);
        if (!est) {
          for (int i = 0; i < count; i++) {
            int w = rec[base + i];
            if (visited.add(w)) fr[f++] = w;
          }
        } else {
          // Branch-free: every link is estimated and written, the count advances only for a keeper; then the
          // keepers of this expansion are marked visited (a later expansion must not gather them again).
          int first = f;
          for (int i = 0; i < count; i++) {
            int w = rec[base + i];
            int h = 0, lb = base + bitsAt + i * words;
            for (int x = 0; x < words; x++) h += Integer.bitCount(zb[x] ^ rec[lb + x]);
            float e = Float.intBitsToFloat(rec[base + lenAt + i]);
            boolean keep = (du2 + e * e - 2f * du * e * cosOf[h] <= limit) & !visited.contains(w);
            fr[f] = w;
            f += keep ? 1 : 0;
          }
          estimated += count;
          for (int j = first; j < f; j++) visited.add(fr[j]);
        }
      } while (f < HnswGraphSearcher.GATHER && !cand.isEmpty());
      if (f == 0) continue;
      scored += f;
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

  static double recall(int[] r, int[] gt) {
    int hit = 0;
    for (int x : r) for (int y = 0; y < 10; y++) if (gt[y] == x) { hit++; break; }
    return hit / 10.0;
  }

  public static void main(String[] a) throws Exception {
    int m = Integer.parseInt(a[1]), efc = Integer.parseInt(a[2]), threads = Integer.parseInt(a[3]), rounds = Integer.parseInt(a[4]);
    int bits = Integer.parseInt(a[5]);
    try (Dataset d = Dataset.open(Path.of(System.getProperty("user.home"), ".cache/sextant/datasets", a[0]))) {
      if (d.similarity() != Similarity.EUCLIDEAN) throw new IllegalArgumentException("Euclidean datasets only");
      HnswIndex idx = HnswIndex.build(d.base(), d.similarity(), HnswParams.builder().m(m).efConstruction(efc).build(), threads);
      SketchSkipProbe p = new SketchSkipProbe(idx.graph(), d.base(), bits);
      int nq = d.queries().size();
      float[][] q = new float[nq][];
      for (int i = 0; i < nq; i++) q[i] = d.queries().get(i);
      int[][] gt = d.groundTruth(10);
      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      for (String sl : a[6].split(",")) {
        float slack = Float.parseFloat(sl);
        for (String es : a[7].split(",")) {
          int ef = Integer.parseInt(es);
          long[] cpu = new long[2]; double[] rec = new double[2]; long[] sc = new long[2];
          for (int round = 0; round <= rounds; round++) {
            for (int block = 0; block < nq; block += 100) {
              for (int gg = 0; gg < 2; gg++) {
                int g = (block / 100 + round) % 2 == 0 ? gg : 1 - gg;
                p.scored = 0;
                long c0 = mx.getCurrentThreadCpuTime();
                for (int i = block; i < Math.min(nq, block + 100); i++) {
                  int[] r = p.search(q[i], 10, ef, g == 1, slack);
                  if (round == 0) rec[g] += recall(r, gt[i]);
                }
                long c1 = mx.getCurrentThreadCpuTime();
                if (round > 0) { cpu[g] += c1 - c0; sc[g] += p.scored; }
              }
            }
          }
          double q0 = (double) nq * rounds / (cpu[0] / 1e9), q1 = (double) nq * rounds / (cpu[1] / 1e9);
          System.out.printf("bits %d slack %.2f ef %3d: plain recall %.4f QPS %.0f scored/query %.0f | skip recall %.4f QPS %.0f scored/query %.0f | QPS ratio %.3f%n",
              bits, slack, ef, rec[0] / nq, q0, (double) sc[0] / nq / rounds, rec[1] / nq, q1, (double) sc[1] / nq / rounds, q1 / q0);
        }
      }
    }
  }
}
