package io.sextant.ivf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Kernels;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KMeansTest {

  @Test
  void recoversPlantedWellSeparatedClusters() {
    ClusteredData data = ClusteredData.gaussian(4000, 16, 10, 10, 0.3, 1);
    KMeans.Result r = KMeans.train(data.vectors(), KMeans.options(10).seed(7).threads(2).build());

    // Each planted centre has exactly one found centroid close to it (one-to-one matching).
    boolean[] used = new boolean[10];
    for (float[] planted : data.centres) {
      int best = -1;
      double bestD = Double.MAX_VALUE;
      for (int c = 0; c < 10; c++) {
        double d = ClusteredData.squareDistance(planted, r.centroid(c));
        if (d < bestD) {
          bestD = d;
          best = c;
        }
      }
      assertThat(used[best]).as("centroid %d matched twice", best).isFalse();
      used[best] = true;
      // The mean of ~400 points with sigma 0.3 per coordinate is within ~0.015 per coordinate.
      assertThat(Math.sqrt(bestD)).isLessThan(0.2);
    }
  }

  @Test
  void sphericalRecoversPlantedDirectionsWithUnitCentroids() {
    ClusteredData data = ClusteredData.gaussian(3000, 24, 6, 10, 0.3, 2);
    KMeans.Result r = KMeans.train(data.vectors(), KMeans.options(6).spherical(true).threads(2).build());
    for (int c = 0; c < 6; c++) {
      assertThat(ClusteredData.dot(r.centroid(c), r.centroid(c))).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    }
    for (float[] planted : data.centres) {
      float[] dir = ClusteredData.unit(planted);
      double best = -2;
      for (int c = 0; c < 6; c++) best = Math.max(best, ClusteredData.dot(dir, r.centroid(c)));
      assertThat(best).isGreaterThan(0.99);
    }
  }

  @Test
  void objectiveNeverIncreasesAndMatchesAnIndependentRecomputation() {
    // Overlapping blobs and many clusters: many iterations before convergence.
    ClusteredData data = ClusteredData.gaussian(5000, 8, 40, 1, 0.6, 3);
    KMeans.Result r = KMeans.train(data.vectors(),
        KMeans.options(60).maxIterations(40).tolerance(0).initSamplePerCentroid(2).threads(2).build());
    double[] obj = r.objective();
    assertThat(obj.length).isGreaterThan(5);
    for (int i = 1; i < obj.length; i++) {
      assertThat(obj[i]).as("objective at iteration %d", i).isLessThanOrEqualTo(obj[i - 1] * (1 + 1e-6));
    }
    assertThat(obj[obj.length - 1]).isLessThan(obj[0]);

    // The last recorded value is the sum of squared distances to the final centroids.
    double ref = 0;
    for (float[] row : data.rows) {
      double best = Double.MAX_VALUE;
      for (int c = 0; c < r.clusters(); c++) best = Math.min(best, ClusteredData.squareDistance(row, r.centroid(c)));
      ref += best;
    }
    assertThat(obj[obj.length - 1]).isCloseTo(ref, org.assertj.core.data.Offset.offset(ref * 1e-4));
  }

  @Test
  void sameSeedGivesIdenticalCentroidsAndThreadCountDoesNotMatter() {
    FloatVectors v = ClusteredData.gaussian(4000, 32, 30, 1, 0.5, 4).vectors();
    KMeans.Options.Builder b = KMeans.options(50).seed(11).samplePerCentroid(100);
    float[] one = KMeans.train(v, b.threads(1).build()).centroids();
    float[] again = KMeans.train(v, b.threads(1).build()).centroids();
    float[] three = KMeans.train(v, b.threads(3).build()).centroids();
    float[] eight = KMeans.train(v, b.threads(8).build()).centroids();
    assertThat(again).isEqualTo(one);
    assertThat(three).isEqualTo(one);
    assertThat(eight).isEqualTo(one);
    float[] otherSeed = KMeans.train(v, b.seed(12).threads(2).build()).centroids();
    assertThat(otherSeed).isNotEqualTo(one);
  }

  @Test
  void sphericalIsDeterministicAcrossThreadCounts() {
    FloatVectors v = ClusteredData.gaussian(3000, 20, 10, 1, 0.5, 5).vectors();
    KMeans.Options.Builder b = KMeans.options(16).seed(3).spherical(true);
    assertThat(KMeans.train(v, b.threads(4).build()).centroids()).isEqualTo(KMeans.train(v, b.threads(1).build()).centroids());
  }

  @Test
  void emptyClusterIsRepairedBySplittingTheLargest() {
    // Two tight blobs; start with one centroid on each and a third far away that attracts nobody.
    ClusteredData data = ClusteredData.gaussian(1000, 4, 2, 5, 0.2, 6);
    float[][] initial = {data.centres[0].clone(), data.centres[1].clone(), {1000, 1000, 1000, 1000}};
    KMeans.Result r = KMeans.trainFrom(data.vectors(), initial,
        KMeans.options(3).tolerance(0).maxIterations(10).threads(2).build(), Kernels.get(), IvfKernels.get());
    int[] counts = new int[3];
    for (int a : r.assignment()) counts[a]++;
    for (int c : counts) assertThat(c).isPositive();
    // The far centroid was moved into the data.
    assertThat(Math.abs(r.centroid(2)[0])).isLessThan(20);
    double[] obj = r.objective();
    for (int i = 1; i < obj.length; i++) assertThat(obj[i]).isLessThanOrEqualTo(obj[i - 1] * (1 + 1e-6));
  }

  @Test
  void samplesAtMostTheCapAndReportsTheSample() {
    FloatVectors v = ClusteredData.gaussian(5000, 8, 4, 5, 0.5, 7).vectors();
    KMeans.Result r = KMeans.train(v, KMeans.options(4).samplePerCentroid(100).threads(1).build());
    int[] sample = r.sample();
    assertThat(sample).hasSize(400).isSorted().doesNotHaveDuplicates();
    assertThat(r.assignment()).hasSize(400);
  }

  @Test
  void tooFewPointsIsAnErrorNamingBothCounts() {
    FloatVectors v = ClusteredData.gaussian(5, 4, 1, 1, 1, 8).vectors();
    assertThatThrownBy(() -> KMeans.train(v, KMeans.options(6).build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("6 clusters").hasMessageContaining("got 5");
    assertThatThrownBy(() -> KMeans.options(0).build()).hasMessageContaining("clusters must be positive");
  }

  @Test
  void everyNearestCentroidStrategyAgreesWithDoubleReference() {
    SplittableRandom rng = new SplittableRandom(9);
    for (int dim : new int[] {5, 12, 40, 77}) {
      for (boolean spherical : new boolean[] {false, true}) {
        float[][] cents = new float[101][dim];
        for (float[] c : cents) for (int d = 0; d < dim; d++) c[d] = (float) rng.nextDouble();
        if (spherical) for (int c = 0; c < cents.length; c++) cents[c] = ClusteredData.unit(cents[c]);
        int count = 37;
        float[] tile = new float[count * dim];
        float[][] xs = new float[count][];
        for (int i = 0; i < count; i++) {
          float[] x = new float[dim];
          for (int d = 0; d < dim; d++) x[d] = (float) rng.nextDouble();
          xs[i] = spherical ? ClusteredData.unit(x) : x;
          System.arraycopy(xs[i], 0, tile, i * dim, dim);
        }
        for (IvfKernels ik : new IvfKernels[] {IvfKernels.scalar(), IvfKernels.get()}) {
          for (NearestCentroid.Strategy strategy : NearestCentroid.Strategy.values()) {
            NearestCentroid nc = new NearestCentroid(cents, dim, spherical, Kernels.get(), ik, strategy);
            int[] best = new int[count];
            float[] dist = new float[count];
            nc.nearestAll(tile, count, best, dist, nc.newScratch());
            for (int i = 0; i < count; i++) {
              double refD = Double.MAX_VALUE;
              for (float[] c : cents) {
                double d = spherical ? 1 - ClusteredData.dot(xs[i], c) : ClusteredData.squareDistance(xs[i], c);
                refD = Math.min(refD, d);
              }
              // Float rounding may pick another centroid only at a near tie, so compare distances.
              String what = strategy + "/" + ik.name() + " dim " + dim + " spherical " + spherical + " point " + i;
              assertThat((double) dist[i]).as(what).isCloseTo(refD, org.assertj.core.data.Offset.offset(1e-4 * (1 + refD)));
              double chosen = spherical ? 1 - ClusteredData.dot(xs[i], cents[best[i]])
                  : ClusteredData.squareDistance(xs[i], cents[best[i]]);
              assertThat(chosen).as(what).isCloseTo(refD, org.assertj.core.data.Offset.offset(1e-4 * (1 + refD)));
              long single = nc.nearest(xs[i], nc.newScratch());
              assertThat((double) NearestCentroid.distance(single)).as(what).isCloseTo(refD, org.assertj.core.data.Offset.offset(1e-4 * (1 + refD)));
            }
          }
        }
      }
    }
  }
}
