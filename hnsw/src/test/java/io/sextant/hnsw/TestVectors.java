package io.sextant.hnsw;

import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;

/** Clustered random data and an exact double-precision reference for recall. */
final class TestVectors {
  private TestVectors() {}

  /** {@code n} vectors around {@code clusters} Gaussian centres; queries drawn the same way. */
  static float[][] clustered(int n, int dim, int clusters, long seed) {
    return clustered(n, dim, clusters, 0.35, seed);
  }

  static float[][] clustered(int n, int dim, int clusters, double spread, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[][] centres = new float[clusters][dim];
    // Centres from a fixed stream so base and queries share them when built with the same clusters count.
    SplittableRandom cr = new SplittableRandom(12345L ^ clusters ^ ((long) dim << 20));
    for (float[] c : centres) for (int d = 0; d < dim; d++) c[d] = (float) (cr.nextDouble() * 4 - 2);
    float[][] out = new float[n][dim];
    for (int i = 0; i < n; i++) {
      float[] c = centres[r.nextInt(clusters)];
      for (int d = 0; d < dim; d++) out[i][d] = c[d] + (float) (gaussian(r) * spread);
    }
    return out;
  }

  private static double gaussian(SplittableRandom r) {
    double u = 1.0 - r.nextDouble(), v = r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  static FloatVectors vectors(float[][] rows) {
    return FloatVectors.copyOf(rows, rows[0].length);
  }

  /** Exact similarity in double precision, higher is better (same order as {@link Similarity#raw}). */
  static double exact(Similarity sim, float[] a, float[] b) {
    double dot = 0, aa = 0, bb = 0, l2 = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      aa += (double) a[i] * a[i];
      bb += (double) b[i] * b[i];
      double d = (double) a[i] - b[i];
      l2 += d * d;
    }
    return switch (sim) {
      case EUCLIDEAN -> -l2;
      case COSINE -> dot / Math.sqrt(aa * bb);
      case DOT_PRODUCT, MAXIMUM_INNER_PRODUCT -> dot;
    };
  }

  /** The exact top {@code k} ordinals admitted by {@code accept} (all when null), best first. */
  static int[] bruteForce(float[][] base, float[] q, int k, Similarity sim, IntPredicate accept) {
    Integer[] ords = new Integer[base.length];
    double[] s = new double[base.length];
    int n = 0;
    for (int i = 0; i < base.length; i++) {
      if (accept != null && !accept.test(i)) continue;
      s[i] = exact(sim, q, base[i]);
      ords[n++] = i;
    }
    Integer[] kept = Arrays.copyOf(ords, n);
    Arrays.sort(kept, (x, y) -> s[y] != s[x] ? Double.compare(s[y], s[x]) : Integer.compare(x, y));
    int m = Math.min(k, n);
    int[] top = new int[m];
    for (int i = 0; i < m; i++) top[i] = kept[i];
    return top;
  }

  /** |found ∩ truth| / |truth|. */
  static double recall(int[] found, int[] truth) {
    if (truth.length == 0) return 1.0;
    int hit = 0;
    for (int t : truth) for (int f : found) if (f == t) { hit++; break; }
    return (double) hit / truth.length;
  }
}
