package io.sextant.core.testing;

import io.sextant.core.vector.Similarity;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Brute-force ranking helpers for recall-style assertions in tests. */
public final class ExactNeighbours {
  private ExactNeighbours() {}

  /** Ordinals of the {@code k} best scores (higher is better; ties by lower ordinal). */
  public static int[] topK(double[] scores, int k) {
    return IntStream.range(0, scores.length).boxed()
        .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i))
        .limit(k).mapToInt(Integer::intValue).toArray();
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
