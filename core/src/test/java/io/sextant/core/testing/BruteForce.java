package io.sextant.core.testing;

import io.sextant.core.vector.Similarity;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Double-precision exact reference: scores every vector, sorts by score then ordinal. Shared with other modules via the test jar. */
public final class BruteForce {
  private BruteForce() {}

  public static double raw(Similarity sim, float[] q, float[] v) {
    double dot = 0, qq = 0, vv = 0, l2 = 0;
    for (int i = 0; i < q.length; i++) {
      dot += (double) q[i] * v[i];
      qq += (double) q[i] * q[i];
      vv += (double) v[i] * v[i];
      double d = (double) q[i] - v[i];
      l2 += d * d;
    }
    return switch (sim) {
      case EUCLIDEAN -> -l2;
      case DOT_PRODUCT, MAXIMUM_INNER_PRODUCT -> dot;
      case COSINE -> dot / Math.sqrt(qq * vv);
    };
  }

  /** Ordinals of all accepted vectors, best first, ties by smaller ordinal. */
  public static int[] ranking(Similarity sim, float[] q, float[][] data, java.util.function.IntPredicate accept) {
    double[] s = new double[data.length];
    for (int i = 0; i < data.length; i++) s[i] = raw(sim, q, data[i]);
    return IntStream.range(0, data.length).filter(accept).boxed()
        .sorted(Comparator.<Integer>comparingDouble(i -> -s[i]).thenComparingInt(i -> i))
        .mapToInt(Integer::intValue).toArray();
  }

  public static int[] topK(Similarity sim, float[] q, float[][] data, int k) {
    int[] r = ranking(sim, q, data, i -> true);
    return Arrays.copyOf(r, Math.min(k, r.length));
  }
}
