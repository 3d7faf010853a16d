package io.sextant.core.testing;

import io.sextant.core.vector.Similarity;
import java.util.Arrays;

/** Brute-force ranking helpers for recall-style assertions in tests. */
public final class ExactNeighbours {
  private ExactNeighbours() {}

  /** Ordinals of the {@code k} best scores, best first (higher is better; ties by lower ordinal). */
  public static int[] topK(double[] scores, int k) {
    int m = Math.min(k, scores.length);
    int[] best = new int[m];
    int size = 0;
    for (int i = 0; i < scores.length; i++) {
      // insertion into a sorted array of at most k: most candidates fail the first comparison
      if (size == m && !(scores[i] > scores[best[m - 1]])) continue;
      int at = size < m ? size++ : m - 1;
      while (at > 0 && scores[i] > scores[best[at - 1]]) {
        best[at] = best[at - 1];
        at--;
      }
      best[at] = i;
    }
    return best;
  }

  /** Exact {@link Similarity#raw} scores of {@code q} against every row, in double. */
  public static double[] rawScores(Similarity sim, float[] q, float[][] base) {
    double[] s = new double[base.length];
    for (int i = 0; i < base.length; i++) s[i] = ReferenceKernels.raw(sim, q, base[i]);
    return s;
  }

  /** Fraction of {@code found} that appears in {@code truth}. */
  public static double overlap(int[] found, int[] truth) {
    int[] t = truth.clone();
    Arrays.sort(t);
    long hits = Arrays.stream(found).filter(i -> Arrays.binarySearch(t, i) >= 0).count();
    return (double) hits / found.length;
  }
}
