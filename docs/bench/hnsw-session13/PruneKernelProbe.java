package io.sextant.hnsw;

import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Kernels;
import io.sextant.core.vector.Similarity;
import java.util.Random;

/** Probe: the 16-wide euclidean kernel on random vectors out of a large array, with and without a floor. */
public class PruneKernelProbe {
  public static void main(String[] a) {
    int dim = 784, n = 60000;
    Random r = new Random(1);
    float[][] rows = new float[n][dim];
    for (int i = 0; i < n; i++) { double s = 0.5 + r.nextDouble(); for (int d = 0; d < dim; d++) rows[i][d] = (float) (r.nextGaussian() * s); }
    FloatVectors v = FloatVectors.copyOf(rows, dim);
    rows = null;
    BatchKernel k = BatchKernels.create(v, Similarity.EUCLIDEAN, Kernels.get());
    float[] q = new float[dim];
    for (int d = 0; d < dim; d++) q[d] = (float) r.nextGaussian();
    // exact scores to pick a floor: the given quantile of all scores
    float[] all = new float[n];
    for (int i = 0; i < n; i++) all[i] = k.score(q, i);
    float[] sorted = all.clone(); java.util.Arrays.sort(sorted);
    int[] nodes = new int[16];
    float[] out = new float[16];
    double[] quant = {1.0, 0.9, 0.7, 0.5, 0.3};
    for (int round = 0; round < 5; round++) {
      for (double qt : quant) {
        float floor = qt >= 1.0 ? Float.NEGATIVE_INFINITY : sorted[(int) (n * qt)];
        long t0 = System.nanoTime();
        int batches = 20000;
        float sink = 0; long cut = 0;
        for (int b = 0; b < batches; b++) {
          for (int j = 0; j < 16; j++) nodes[j] = r.nextInt(n);
          k.score(q, nodes, 16, out, floor);
          sink += out[3];
          for (int j = 0; j < 16; j++) if (out[j] != all[nodes[j]]) cut++;
        }
        long t = System.nanoTime() - t0;
        System.out.printf("round %d floor at quantile %.1f (%s): %.1f ns per vector, cut %.2f %s%n", round, qt, floor, t / (batches * 16.0), cut / (batches * 16.0), sink == 1 ? "!" : "");
      }
    }
  }
}
