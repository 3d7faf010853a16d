package io.sextant.ivf;

import java.util.SplittableRandom;

/**
 * Lloyd's k-means for one PQ sub-space: a few thousand points of 4–16 floats into 256 codewords.
 * The general {@link KMeans} would do, but in an IVF-PQ build it ran once per sub-space (98 times
 * on Fashion-MNIST) with its k-means++ seeding (256 sequential passes over the seeding sample),
 * sampling, segment reads and per-pass task dispatch, and most of that code was compiled only after
 * the first sub-spaces had run slowly; measured, the codebooks then cost more process CPU than the
 * coarse k-means. This trainer is the minimum: random distinct training points as the initial
 * codewords (FAISS's default initialisation), assignment through the same
 * {@link IvfKernels#nearestTransposedBatch} kernel that encoding uses (so the JIT compiles one hot
 * kernel for both), and means in double precision. Deterministic for a seed.
 */
final class PqCodebookTrainer {
  private PqCodebookTrainer() {}

  /**
   * Codewords for {@code rows} points of {@code dsub} floats stored row-major in {@code points}:
   * {@code min(k, rows)} codewords row-major ({@code k·dsub} floats; rows past the point count repeat
   * codeword 0). At most {@code passes} assignment + update rounds; stops early when no point moves.
   */
  static float[] train(float[] points, int rows, int dsub, int k, int passes, long seed, IvfKernels kernels) {
    if (rows < 1) throw new IllegalArgumentException("PQ codebook training needs at least one point");
    int used = Math.min(k, rows);
    SplittableRandom rng = new SplittableRandom(seed);
    float[] words = initialWords(points, rows, dsub, k, used, rng);

    float[] transposed = new float[k * dsub];
    float[] bias = new float[k];
    int[] assign = new int[rows];
    int[] previous = new int[rows];
    java.util.Arrays.fill(previous, -1);
    double[] sum = new double[k * dsub];
    int[] count = new int[k];
    // Each step is a short method of its own: one long method would be compiled on-stack with
    // the loops and kernel inlined, at more JIT time than the training itself.
    for (int pass = 0; pass < passes; pass++) {
      transpose(words, k, dsub, transposed, bias);
      kernels.nearestTransposedBatch(points, rows, dsub, transposed, bias, k, assign);
      if (java.util.Arrays.equals(assign, previous)) break;
      System.arraycopy(assign, 0, previous, 0, rows);
      means(points, rows, dsub, used, assign, sum, count, words);
      repairEmpty(points, dsub, used, assign, count, words, rng);
    }
    // Unused slots repeat the final codeword 0, which wins their ties, so encoding never picks them.
    for (int c = used; c < k; c++) System.arraycopy(words, 0, words, c * dsub, dsub);
    return words;
  }

  /** {@code used} distinct random points as the first codewords (partial Fisher-Yates); later slots repeat codeword 0. */
  private static float[] initialWords(float[] points, int rows, int dsub, int k, int used, SplittableRandom rng) {
    float[] words = new float[k * dsub];
    int[] order = new int[rows];
    for (int i = 0; i < rows; i++) order[i] = i;
    for (int c = 0; c < used; c++) {
      int j = c + rng.nextInt(rows - c);
      int t = order[c];
      order[c] = order[j];
      order[j] = t;
      System.arraycopy(points, order[c] * dsub, words, c * dsub, dsub);
    }
    for (int c = used; c < k; c++) System.arraycopy(words, 0, words, c * dsub, dsub);
    return words;
  }

  /** Codewords dimension-major, and their {@code ‖c‖²/2} (the Euclidean ranking form's bias). */
  private static void transpose(float[] words, int k, int dsub, float[] transposed, float[] bias) {
    for (int c = 0; c < k; c++) {
      double s = 0;
      for (int d = 0; d < dsub; d++) {
        float v = words[c * dsub + d];
        transposed[d * k + c] = v;
        s += (double) v * v;
      }
      // Unused slots (k > rows) never win: they repeat codeword 0 and ties go to the lower index.
      bias[c] = (float) (s / 2);
    }
  }

  /** Each used codeword becomes the mean of its points (empty ones stay, for {@link #repairEmpty}). */
  private static void means(float[] points, int rows, int dsub, int used, int[] assign, double[] sum, int[] count,
                            float[] words) {
    java.util.Arrays.fill(sum, 0);
    java.util.Arrays.fill(count, 0);
    for (int i = 0; i < rows; i++) {
      int c = assign[i];
      count[c]++;
      for (int d = 0; d < dsub; d++) sum[c * dsub + d] += points[i * dsub + d];
    }
    for (int c = 0; c < used; c++) {
      if (count[c] == 0) continue;
      double inv = 1.0 / count[c];
      for (int d = 0; d < dsub; d++) words[c * dsub + d] = (float) (sum[c * dsub + d] * inv);
    }
  }

  /**
   * An empty codeword moves onto a random member of the largest cluster, which then leaves that
   * cluster (as in {@link KMeans}): the point's distance becomes 0, so the error never grows.
   */
  private static void repairEmpty(float[] points, int dsub, int used, int[] assign, int[] count, float[] words,
                                  SplittableRandom rng) {
    for (int e = 0; e < used; e++) {
      if (count[e] != 0) continue;
      int largest = 0;
      for (int c = 1; c < used; c++) if (count[c] > count[largest]) largest = c;
      if (count[largest] <= 1) return; // fewer distinct clusters than codewords: nothing to split
      int pick = rng.nextInt(count[largest]);
      int point = -1;
      for (int i = 0; i < assign.length; i++) {
        if (assign[i] == largest && pick-- == 0) {
          point = i;
          break;
        }
      }
      assign[point] = e;
      count[largest]--;
      count[e] = 1;
      System.arraycopy(points, point * dsub, words, e * dsub, dsub);
    }
  }
}
