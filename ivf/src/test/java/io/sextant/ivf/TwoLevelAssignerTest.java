package io.sextant.ivf;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.core.vector.Kernels;
import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TwoLevelAssignerTest {

  /** Double-precision reference: the nearest child of the {@code probes} nearest top centroids. */
  private static int reference(float[] x, float[][] top, int[] parent, float[][] fine, int probes, boolean spherical) {
    Integer[] order = IntStream.range(0, top.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble((Integer t) -> distance(x, top[t], spherical)).thenComparing(t -> t));
    int best = -1;
    double bestD = Double.MAX_VALUE;
    for (int p = 0; p < probes; p++) {
      for (int c = 0; c < fine.length; c++) {
        if (parent[c] != order[p]) continue;
        double d = distance(x, fine[c], spherical);
        if (d < bestD || (d == bestD && c < best)) {
          bestD = d;
          best = c;
        }
      }
    }
    return best;
  }

  private static double distance(float[] x, float[] c, boolean spherical) {
    double s = 0;
    for (int i = 0; i < x.length; i++) s += spherical ? (double) x[i] * c[i] : ((double) x[i] - c[i]) * ((double) x[i] - c[i]);
    return spherical ? 1 - s : s;
  }

  private static float[] random(SplittableRandom rng, int dim, boolean unit) {
    float[] v = new float[dim];
    for (int i = 0; i < dim; i++) v[i] = (float) rng.nextGaussian();
    if (unit) TrainingPoints.normalizeInPlace(v);
    return v;
  }

  @Test
  void matchesDoublePrecisionReferenceOfTheProbedChildren() {
    for (boolean spherical : new boolean[] {false, true}) {
      for (IvfKernels ik : new IvfKernels[] {IvfKernels.get(), IvfKernels.scalar()}) {
        SplittableRandom rng = new SplittableRandom(spherical ? 3 : 4);
        int dim = 37; // not a multiple of any vector width: exercises the tails
        int k1 = 7, k = 60, probes = 3;
        float[][] top = new float[k1][];
        for (int t = 0; t < k1; t++) top[t] = random(rng, dim, spherical);
        int[] parent = new int[k];
        float[][] fine = new float[k][];
        for (int c = 0; c < k; c++) {
          parent[c] = (c * 5 + c / 3) % k1; // children interleaved with other clusters' indexes
          fine[c] = random(rng, dim, spherical);
        }
        TwoLevelAssigner a = new TwoLevelAssigner(top, parent, fine, dim, spherical, probes, Kernels.get(), ik);
        int count = 41;
        float[] tile = new float[count * dim];
        for (int i = 0; i < count; i++) System.arraycopy(random(rng, dim, spherical), 0, tile, i * dim, dim);
        int[] best = new int[count];
        float[] dist = new float[count];
        a.assign(tile, count, best, dist);
        for (int i = 0; i < count; i++) {
          float[] x = Arrays.copyOfRange(tile, i * dim, (i + 1) * dim);
          int want = reference(x, top, parent, fine, probes, spherical);
          double wantD = distance(x, fine[want], spherical);
          // Float ranking may swap two candidates within rounding of each other; never more.
          assertThat(distance(x, fine[best[i]], spherical)).as("point %d (%s, %s)", i, spherical, ik.name())
              .isCloseTo(wantD, org.assertj.core.data.Offset.offset(1e-4 * (1 + Math.abs(wantD))));
          assertThat((double) dist[i]).isCloseTo(distance(x, fine[best[i]], spherical),
              org.assertj.core.data.Offset.offset(1e-4 * (1 + Math.abs(wantD))));
        }
      }
    }
  }

  @Test
  void allProbesIsTheExactNearestCentroid() {
    SplittableRandom rng = new SplittableRandom(9);
    int dim = 16, k1 = 4, k = 20;
    float[][] top = new float[k1][];
    for (int t = 0; t < k1; t++) top[t] = random(rng, dim, false);
    int[] parent = new int[k];
    float[][] fine = new float[k][];
    for (int c = 0; c < k; c++) {
      parent[c] = c % k1;
      fine[c] = random(rng, dim, false);
    }
    TwoLevelAssigner a = new TwoLevelAssigner(top, parent, fine, dim, false, k1, Kernels.get(), IvfKernels.get());
    NearestCentroid exact = new NearestCentroid(fine, dim, false, Kernels.get(), IvfKernels.get());
    float[] tile = new float[50 * dim];
    for (int i = 0; i < 50; i++) System.arraycopy(random(rng, dim, false), 0, tile, i * dim, dim);
    int[] got = new int[50], want = new int[50];
    a.assign(tile, 50, got, new float[50]);
    exact.nearestAll(tile, 50, want, new float[50], exact.newScratch());
    assertThat(got).containsExactly(want);
  }
}
