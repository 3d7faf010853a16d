package io.sextant.ivf;

import io.sextant.core.vector.Similarity;
import java.util.function.IntPredicate;

/** Brute-force reference in double precision: the true top-k, and recall against it. */
final class ExactNeighbours {
  private ExactNeighbours() {}

  static double score(Similarity sim, float[] q, float[] x) {
    return switch (sim) {
      case EUCLIDEAN -> -ClusteredData.squareDistance(q, x);
      case DOT_PRODUCT, MAXIMUM_INNER_PRODUCT -> ClusteredData.dot(q, x);
      case COSINE -> ClusteredData.dot(q, x) / Math.sqrt(ClusteredData.dot(q, q) * ClusteredData.dot(x, x));
    };
  }

  /** Top-k ordinals of {@code rows} for {@code q} under {@code sim} (ties to the lower ordinal), accepted ones only. */
  static int[] topK(float[][] rows, float[] q, int k, Similarity sim, IntPredicate accept) {
    int[] ids = new int[k];
    double[] best = new double[k];
    int size = 0;
    for (int i = 0; i < rows.length; i++) {
      if (accept != null && !accept.test(i)) continue;
      double s = score(sim, q, rows[i]);
      if (size == k && s <= best[k - 1]) continue;
      int pos = size < k ? size++ : k - 1;
      while (pos > 0 && best[pos - 1] < s) {
        best[pos] = best[pos - 1];
        ids[pos] = ids[pos - 1];
        pos--;
      }
      best[pos] = s;
      ids[pos] = i;
    }
    return java.util.Arrays.copyOf(ids, size);
  }

  /** |found ∩ truth| / |truth|. */
  static double recall(int[] found, int[] truth) {
    if (truth.length == 0) return 1;
    int hit = 0;
    for (int t : truth) {
      for (int f : found) {
        if (f == t) {
          hit++;
          break;
        }
      }
    }
    return (double) hit / truth.length;
  }
}
