package io.sextant.ivf;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Kernels;
import org.junit.jupiter.api.Test;

class TwoLevelKMeansTest {

  @Test
  void sharesAreProportionalCappedAndAddUp() {
    assertThat(TwoLevelKMeans.shares(new int[] {100, 100, 200}, 8)).containsExactly(2, 2, 4);
    assertThat(TwoLevelKMeans.shares(new int[] {1, 1000, 3}, 10)).containsExactly(1, 8, 1);
    assertThat(TwoLevelKMeans.shares(new int[] {2, 0, 50}, 10)).containsExactly(1, 0, 9);
    assertThat(TwoLevelKMeans.shares(new int[] {3, 3, 3}, 9)).containsExactly(3, 3, 3);
    int[] s = TwoLevelKMeans.shares(new int[] {5, 17, 333, 1, 90}, 37);
    int sum = 0;
    for (int v : s) sum += v;
    assertThat(sum).isEqualTo(37);
    assertThat(s[3]).isEqualTo(1);
  }

  @Test
  void objectiveCloseToFlatKMeansAndDeterministicAcrossThreads() {
    FloatVectors v = ClusteredData.embedded(8000, 24, 30, 6, 2.0, 0.1, 17).vectors();
    KMeans.Options.Builder b = KMeans.options(300).seed(5).maxIterations(10);
    KMeans.Result flat = KMeans.train(v, b.threads(2).build());
    KMeans.Result two = TwoLevelKMeans.train(v, b.threads(2).build(), 1, Kernels.get(), IvfKernels.get());
    KMeans.Result twoOneThread = TwoLevelKMeans.train(v, b.threads(1).build(), 1, Kernels.get(), IvfKernels.get());
    assertThat(two.clusters()).isEqualTo(300);
    assertThat(twoOneThread.centroids()).isEqualTo(two.centroids());
    double flatObjective = flat.objective()[flat.iterations() - 1];
    double twoObjective = two.objective()[two.iterations() - 1];
    assertThat(twoObjective).isLessThan(flatObjective * 1.10);
    // The assignment is through the hierarchy: nearly always the exact nearest centroid, and the
    // misses are border points whose second-best centroid is close, so the sum barely moves.
    int[] sample = two.sample();
    int[] assignment = two.assignment();
    int exact = 0, checked = 0;
    double sumGot = 0, sumBest = 0;
    for (int i = 0; i < sample.length; i += 7) {
      float[] x = v.get(sample[i]);
      double best = Double.MAX_VALUE;
      for (int c = 0; c < 300; c++) best = Math.min(best, ClusteredData.squareDistance(x, two.centroid(c)));
      double got = ClusteredData.squareDistance(x, two.centroid(assignment[i]));
      sumGot += got;
      sumBest += best;
      if (got <= best + 1e-4 * (1 + best)) exact++;
      checked++;
    }
    assertThat((double) exact / checked).isGreaterThan(0.95);
    assertThat(sumGot).isLessThan(sumBest * 1.02);
  }
}
