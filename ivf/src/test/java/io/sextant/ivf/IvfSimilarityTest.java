package io.sextant.ivf;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import org.junit.jupiter.api.Test;

/** The spherical metrics: cosine, dot product (unit vectors) and maximum inner product. */
class IvfSimilarityTest {
  static final int N = 5000;
  static final int DIM = 32;
  static final int QUERIES = 50;

  @Test
  void everySimilarityAndEncodingReachesHighRecall() {
    ClusteredData data = ClusteredData.embedded(N + QUERIES, DIM, 20, 8, 2.0, 0.1, 41);
    float[][] raw = java.util.Arrays.copyOf(data.rows, N);
    float[][] unit = new float[N][];
    for (int i = 0; i < N; i++) unit[i] = ClusteredData.unit(raw[i]);
    for (Similarity sim : Similarity.values()) {
      float[][] base = sim == Similarity.DOT_PRODUCT ? unit : raw;
      FloatVectors vectors = FloatVectors.copyOf(base, DIM);
      float[][] queries = new float[QUERIES][];
      int[][] truth = new int[QUERIES][];
      for (int q = 0; q < QUERIES; q++) {
        float[] v = data.rows[N + q];
        queries[q] = sim == Similarity.DOT_PRODUCT ? ClusteredData.unit(v) : v;
        truth[q] = ExactNeighbours.topK(base, queries[q], 10, sim, null);
      }
      for (String spec : new String[] {"ivf(nlist=70)", "ivf(nlist=70,sq8)", "ivf(nlist=70,pq=auto)"}) {
        IvfIndex index = IvfIndex.build(vectors, sim, IvfSpec.parse(spec), 2);
        double sum = 0;
        IvfSearchParams p = IvfSearchParams.builder().nprobe(12).build();
        for (int q = 0; q < QUERIES; q++) {
          var r = index.search(queries[q], 10, p);
          sum += ExactNeighbours.recall(r.ords(), truth[q]);
          // Public scores are the similarity's own transform of the exact raw score.
          double rawScore = ExactNeighbours.score(sim, queries[q], base[r.ords()[0]]);
          assertThat((double) r.scores()[0]).isCloseTo(sim.toScore((float) rawScore),
              org.assertj.core.data.Offset.offset(1e-4 * Math.max(1, Math.abs(sim.toScore((float) rawScore)))));
        }
        assertThat(sum / QUERIES).as("%s %s", sim, spec).isGreaterThanOrEqualTo(0.9);
      }
    }
  }
}
