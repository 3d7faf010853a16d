package io.sextant.bench.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

/** The filtered ground truth against a double-precision brute force over the accepted ordinals only. */
class FilteredTruthTest {

  private static float[][] gaussian(int n, int dim, Random r) {
    float[][] rows = new float[n][dim];
    for (float[] row : rows) for (int d = 0; d < dim; d++) row[d] = (float) r.nextGaussian();
    return rows;
  }

  private static double score(Similarity sim, float[] a, float[] b) {
    double dot = 0, na = 0, nb = 0, l2 = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
      double d = (double) a[i] - b[i];
      l2 += d * d;
    }
    return switch (sim) {
      case EUCLIDEAN -> -l2;
      case COSINE -> dot / Math.sqrt(na * nb);
      default -> dot;
    };
  }

  @Test
  void matchesBruteForceOverTheAcceptedSet() {
    Random r = new Random(11);
    float[][] base = gaussian(3000, 24, r);
    float[][] queries = gaussian(40, 24, r);
    FloatVectors b = FloatVectors.copyOf(base, 24);
    FloatVectors q = FloatVectors.copyOf(queries, 24);
    for (Similarity sim : new Similarity[] {Similarity.EUCLIDEAN, Similarity.COSINE}) {
      for (RoaringBitmap accept : new RoaringBitmap[] {AcceptSets.random(3000, 30, 1), AcceptSets.random(3000, 1500, 2),
          AcceptSets.correlated(b, 300, 3, 2), AcceptSets.random(3000, 4, 4)}) {
        int[][] truth = FilterCases.truth(b, q, sim, accept, 10, 2);
        int[] acc = accept.toArray();
        for (int i = 0; i < queries.length; i++) {
          float[] query = queries[i];
          int[] expected = IntStream.of(acc).boxed()
              .sorted(Comparator.comparingDouble((Integer o) -> -score(sim, query, base[o])).thenComparing(o -> o))
              .limit(10).mapToInt(Integer::intValue).toArray();
          assertThat(truth[i]).as("%s, %d accepted, query %d", sim, acc.length, i).containsExactly(expected);
          for (int ord : truth[i]) assertThat(accept.contains(ord)).isTrue();
        }
      }
    }
  }
}
