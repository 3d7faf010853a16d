package io.sextant.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.core.vector.FloatVectors;
import org.junit.jupiter.api.Test;

class SyntheticDatasetTest {

  private static double cos(float[] a, float[] b) {
    double ab = 0, aa = 0, bb = 0;
    for (int i = 0; i < a.length; i++) {
      ab += (double) a[i] * b[i];
      aa += (double) a[i] * a[i];
      bb += (double) b[i] * b[i];
    }
    return ab / Math.sqrt(aa * bb);
  }

  private static boolean sameBytes(FloatVectors a, FloatVectors b) {
    return a.data().asSlice(a.offset(0), (long) a.size() * a.dimension() * 4)
        .mismatch(b.data().asSlice(b.offset(0), (long) b.size() * b.dimension() * 4)) == -1;
  }

  @Test
  void sameSeedsGiveSameVectorsWhateverTheThreadCount() {
    SyntheticDataset mix = SyntheticDataset.builder(96).clusters(50).seed(7).build();
    try (VectorBlock a = mix.generate(5000, 1, 1);
         VectorBlock b = SyntheticDataset.builder(96).clusters(50).seed(7).build().generate(5000, 1, 3);
         VectorBlock c = mix.generate(5000, 2, 2);
         VectorBlock d = SyntheticDataset.builder(96).clusters(50).seed(8).build().generate(5000, 1, 1)) {
      assertThat(sameBytes(a.vectors(), b.vectors())).isTrue();
      assertThat(sameBytes(a.vectors(), c.vectors())).as("another sample seed").isFalse();
      assertThat(sameBytes(a.vectors(), d.vectors())).as("another mixture seed").isFalse();
      assertThat(a.vectors().get(4999)).isEqualTo(b.vectors().get(4999));
    }
  }

  @Test
  void normalizedVectorsHaveUnitLength() {
    try (VectorBlock b = SyntheticDataset.builder(1536).clusters(20).normalize(true).build().generate(300, 3, 2)) {
      for (int i = 0; i < b.size(); i++) {
        double norm = 0;
        for (float v : b.vectors().get(i)) norm += (double) v * v;
        assertThat(Math.sqrt(norm)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
      }
    }
  }

  /**
   * The properties that make it look like an embedding set: unrelated vectors still have a
   * positive cosine (a shared offset), near neighbours are much closer than random pairs
   * (clusters), and the variance is uneven across dimensions (anisotropy).
   */
  @Test
  void looksLikeAnEmbeddingSet() {
    int n = 4000, dim = 256;
    try (VectorBlock b = SyntheticDataset.builder(dim).clusters(100).normalize(true).build().generate(n, 5, 2)) {
      FloatVectors v = b.vectors();
      float[][] x = new float[n][];
      for (int i = 0; i < n; i++) x[i] = v.get(i);
      double randomPairs = 0;
      double nearest = 0;
      int probes = 200;
      for (int p = 0; p < probes; p++) {
        randomPairs += cos(x[p], x[n - 1 - p]);
        double best = -1;
        for (int j = 0; j < n; j++) if (j != p) best = Math.max(best, cos(x[p], x[j]));
        nearest += best;
      }
      randomPairs /= probes;
      nearest /= probes;
      double[] var = new double[dim];
      double[] mean = new double[dim];
      for (float[] r : x) for (int d = 0; d < dim; d++) mean[d] += r[d] / n;
      for (float[] r : x) for (int d = 0; d < dim; d++) var[d] += (r[d] - mean[d]) * (r[d] - mean[d]) / n;
      java.util.Arrays.sort(var);
      double spread = var[dim - 1 - dim / 10] / var[dim / 10]; // 90th over 10th percentile
      System.out.printf("random-pair cosine %.3f, nearest-neighbour cosine %.3f, variance p90/p10 %.1f%n",
          randomPairs, nearest, spread);
      assertThat(randomPairs).isBetween(0.15, 0.6);
      assertThat(nearest).isGreaterThan(randomPairs + 0.25);
      assertThat(spread).isGreaterThan(3);
    }
  }
}
