package io.sextant.ivf;

import io.sextant.core.vector.VectorKernels;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * k-means++ seeding (Arthur &amp; Vassilvitskii 2007): the first centroid is a uniformly random
 * point, each next one a point drawn with probability proportional to its distance to the
 * nearest centroid chosen so far. Run on a sample of the training points (see
 * {@link KMeans.Options#initSamplePerCentroid()}), because each of the k rounds touches every
 * sampled point. The per-round distance update is parallel; the draw and the sum it needs run in
 * a fixed order, so the seeds depend on the random seed only, not on the thread count.
 */
final class KMeansPlusPlus {
  private KMeansPlusPlus() {}

  static float[][] seed(TrainingPoints points, int k, boolean spherical, VectorKernels kernels,
                        SplittableRandom rng, ParallelChunks par) {
    int n = points.size();
    int dim = points.dimension();
    float[][] centroids = new float[k][dim];
    float[] minDist = new float[n];
    Arrays.fill(minDist, Float.POSITIVE_INFINITY);
    ThreadLocal<float[]> buffers = ThreadLocal.withInitial(() -> new float[dim]);

    int first = rng.nextInt(n);
    points.read(first, centroids[0]);
    for (int c = 0; ; c++) {
      float[] centre = centroids[c];
      par.forEach(n, 512, (from, to) -> {
        float[] x = buffers.get();
        for (int i = from; i < to; i++) {
          points.read(i, x);
          float d = spherical ? Math.max(0f, 1f - kernels.dot(x, centre)) : kernels.squareDistance(x, centre);
          if (d < minDist[i]) minDist[i] = d;
        }
      });
      if (c == k - 1) break;
      double total = 0;
      for (float d : minDist) total += d;
      int pick;
      if (total <= 0 || Double.isNaN(total)) {
        pick = rng.nextInt(n); // every point coincides with a centroid: nothing better to draw from
      } else {
        double r = rng.nextDouble() * total;
        pick = n - 1;
        double acc = 0;
        for (int i = 0; i < n; i++) {
          acc += minDist[i];
          if (acc > r && minDist[i] > 0) {
            pick = i;
            break;
          }
        }
      }
      points.read(pick, centroids[c + 1]);
    }
    return centroids;
  }
}
