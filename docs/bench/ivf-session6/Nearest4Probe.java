// Manual probe (not built by Maven), session 6: the PQ nearest-codeword kernel against two lower-register-pressure variants.
// javac -d /tmp/np -cp "ivf/target/classes:core/target/classes:bench/target/lib/*" --add-modules jdk.incubator.vector docs/bench/ivf-session6/Nearest4Probe.java
// java -cp "/tmp/np:ivf/target/classes:core/target/classes:bench/target/lib/*" --add-modules jdk.incubator.vector io.sextant.ivf.Nearest4Probe 8   (sub-space dimension)
package io.sextant.ivf;

import java.util.SplittableRandom;
import jdk.incubator.vector.*;

public final class Nearest4Probe {
  static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  static final int L = F.length();
  static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());
  static final IntVector LANE = (IntVector) I.iotaShuffle(0, 1, false).toVector();

  public static void main(String[] a) {
    int dsub = Integer.parseInt(a[0]), k = 256, count = 32;
    SplittableRandom r = new SplittableRandom(5);
    int tiles = 4096;
    float[][] pts = new float[tiles][count * dsub];
    for (float[] p : pts) for (int i = 0; i < p.length; i++) p[i] = (float) r.nextGaussian();
    float[] ct = new float[k * dsub];
    for (int i = 0; i < ct.length; i++) ct[i] = (float) r.nextGaussian();
    float[] bias = new float[k];
    for (int c = 0; c < k; c++) { double s = 0; for (int d = 0; d < dsub; d++) s += ct[d * k + c] * ct[d * k + c]; bias[c] = (float) (s / 2); }
    IvfKernels cur = IvfKernels.get();
    int[] b1 = new int[count], b2 = new int[count], b3 = new int[count];
    float[] scores = new float[4 * k];
    for (float[] p : pts) {
      cur.nearestTransposedBatch(p, count, dsub, ct, bias, k, b1);
      scratchBatch(p, count, dsub, ct, bias, k, b2, scores);
      pairBatch(p, count, dsub, ct, bias, k, b3);
      if (!java.util.Arrays.equals(b1, b2) || !java.util.Arrays.equals(b1, b3)) throw new AssertionError("mismatch");
    }
    long sink = 0;
    for (int round = 0; round < 12; round++) {
      for (int v = 0; v < 3; v++) {
        int variant = (round + v) % 3;
        long t0 = System.nanoTime();
        for (int rep = 0; rep < 10; rep++) for (float[] p : pts) {
          if (variant == 0) cur.nearestTransposedBatch(p, count, dsub, ct, bias, k, b1);
          else if (variant == 1) scratchBatch(p, count, dsub, ct, bias, k, b1, scores);
          else pairBatch(p, count, dsub, ct, bias, k, b1);
          sink += b1[5];
        }
        long t1 = System.nanoTime();
        if (round >= 4) System.out.printf("round %d %s: %.1f ns per point%n", round, new String[] {"current", "scratch", "pairs  "}[variant], (t1 - t0) / (10.0 * tiles * count));
      }
    }
    System.out.println(sink);
  }

  static void scratchBatch(float[] points, int count, int dim, float[] ct, float[] bias, int k, int[] best, float[] scores) {
    for (int g = 0; g < count; g += 4) scratch4(points, g, count, dim, ct, bias, k, best, scores);
  }

  static void scratch4(float[] points, int g, int count, int dim, float[] ct, float[] bias, int k, int[] best, float[] s) {
    int pairs = k - k % (2 * L);
    int o0 = g * dim, o1 = Math.min(g + 1, count - 1) * dim, o2 = Math.min(g + 2, count - 1) * dim, o3 = Math.min(g + 3, count - 1) * dim;
    int c = 0;
    for (; c < pairs; c += 2 * L) {
      FloatVector h = FloatVector.fromArray(F, bias, c).neg();
      FloatVector e = FloatVector.fromArray(F, bias, c + L).neg();
      FloatVector a0 = h, a1 = h, a2 = h, a3 = h, b0 = e, b1 = e, b2 = e, b3 = e;
      for (int d = 0, at = c; d < dim; d++, at += k) {
        FloatVector t = FloatVector.fromArray(F, ct, at);
        FloatVector u = FloatVector.fromArray(F, ct, at + L);
        FloatVector x0 = FloatVector.broadcast(F, points[o0 + d]);
        FloatVector x1 = FloatVector.broadcast(F, points[o1 + d]);
        FloatVector x2 = FloatVector.broadcast(F, points[o2 + d]);
        FloatVector x3 = FloatVector.broadcast(F, points[o3 + d]);
        a0 = t.fma(x0, a0); a1 = t.fma(x1, a1); a2 = t.fma(x2, a2); a3 = t.fma(x3, a3);
        b0 = u.fma(x0, b0); b1 = u.fma(x1, b1); b2 = u.fma(x2, b2); b3 = u.fma(x3, b3);
      }
      a0.intoArray(s, c); a1.intoArray(s, k + c); a2.intoArray(s, 2 * k + c); a3.intoArray(s, 3 * k + c);
      b0.intoArray(s, c + L); b1.intoArray(s, k + c + L); b2.intoArray(s, 2 * k + c + L); b3.intoArray(s, 3 * k + c + L);
    }
    int n = Math.min(4, count - g);
    for (int p = 0; p < n; p++) best[g + p] = argmax(s, p * k, k);
  }

  static int argmax(float[] s, int from, int k) {
    FloatVector bv = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
    IntVector bi = IntVector.zero(I);
    for (int c = 0; c < k; c += L) {
      FloatVector v = FloatVector.fromArray(F, s, from + c);
      VectorMask<Float> m = v.compare(VectorOperators.GT, bv);
      bv = bv.blend(v, m);
      bi = bi.blend(LANE.add(c), m.cast(I));
    }
    float bs = bv.reduceLanes(VectorOperators.MAX);
    int b = Integer.MAX_VALUE;
    for (int l = 0; l < L; l++) if (bv.lane(l) == bs && bi.lane(l) < b) b = bi.lane(l);
    return b == Integer.MAX_VALUE ? 0 : b;
  }

  static void pairBatch(float[] points, int count, int dim, float[] ct, float[] bias, int k, int[] best) {
    for (int g = 0; g < count; g += 2) pair2(points, g, count, dim, ct, bias, k, best);
  }

  static void pair2(float[] points, int g, int count, int dim, float[] ct, float[] bias, int k, int[] best) {
    int pairs = k - k % (2 * L);
    int o0 = g * dim, o1 = Math.min(g + 1, count - 1) * dim;
    FloatVector v0 = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY), v1 = v0;
    IntVector i0 = IntVector.zero(I), i1 = i0;
    for (int c = 0; c < pairs; c += 2 * L) {
      FloatVector h = FloatVector.fromArray(F, bias, c).neg();
      FloatVector e = FloatVector.fromArray(F, bias, c + L).neg();
      FloatVector a0 = h, a1 = h, b0 = e, b1 = e;
      for (int d = 0, at = c; d < dim; d++, at += k) {
        FloatVector t = FloatVector.fromArray(F, ct, at);
        FloatVector u = FloatVector.fromArray(F, ct, at + L);
        FloatVector x0 = FloatVector.broadcast(F, points[o0 + d]);
        FloatVector x1 = FloatVector.broadcast(F, points[o1 + d]);
        a0 = t.fma(x0, a0); a1 = t.fma(x1, a1); b0 = u.fma(x0, b0); b1 = u.fma(x1, b1);
      }
      IntVector ia = LANE.add(c), ib = LANE.add(c + L);
      VectorMask<Float> m;
      m = a0.compare(VectorOperators.GT, v0); v0 = v0.blend(a0, m); i0 = i0.blend(ia, m.cast(I));
      m = b0.compare(VectorOperators.GT, v0); v0 = v0.blend(b0, m); i0 = i0.blend(ib, m.cast(I));
      m = a1.compare(VectorOperators.GT, v1); v1 = v1.blend(a1, m); i1 = i1.blend(ia, m.cast(I));
      m = b1.compare(VectorOperators.GT, v1); v1 = v1.blend(b1, m); i1 = i1.blend(ib, m.cast(I));
    }
    best[g] = reduce(v0, i0);
    if (g + 1 < count) best[g + 1] = reduce(v1, i1);
  }

  static int reduce(FloatVector bv, IntVector bi) {
    float bs = bv.reduceLanes(VectorOperators.MAX);
    int b = Integer.MAX_VALUE;
    for (int l = 0; l < L; l++) if (bv.lane(l) == bs && bi.lane(l) < b) b = bi.lane(l);
    return b == Integer.MAX_VALUE ? 0 : b;
  }
}
