package io.sextant.core.flat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.core.search.TopK.ScoredOrds;
import io.sextant.core.testing.BruteForce;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.function.IntPredicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

class FlatIndexTest {
  private static final int N = 1000; // not a multiple of the scan block
  private static final int DIM = 33; // odd, to exercise kernel tails

  private static float[][] gaussian(int n, int dim, long seed) {
    Random r = new Random(seed);
    float[][] m = new float[n][dim];
    for (float[] row : m) for (int j = 0; j < dim; j++) row[j] = (float) r.nextGaussian();
    return m;
  }

  /**
   * Checks {@code got} against the double-precision ranking with ties considered: the returned
   * set must hold every vector clearly better than the k-th reference score and nothing clearly
   * worse; order must follow the reference within the float error; scores must match
   * {@code toScore} of the double value.
   */
  private static void assertMatchesReference(Similarity sim, float[] q, float[][] data, IntPredicate accept, int k,
      ScoredOrds got) {
    int[] ref = BruteForce.ranking(sim, q, data, accept);
    int expectCount = Math.min(k, ref.length);
    assertThat(got.size()).isEqualTo(expectCount);
    if (expectCount == 0) return;
    double tol = 1e-4 * (1 + Math.abs(BruteForce.raw(sim, q, data[ref[0]])));
    double kth = BruteForce.raw(sim, q, data[ref[expectCount - 1]]);
    Set<Integer> gotSet = new HashSet<>();
    double prev = Double.POSITIVE_INFINITY;
    for (int i = 0; i < got.size(); i++) {
      int ord = got.ords()[i];
      assertThat(accept.test(ord)).as("ordinal %d passes the filter", ord).isTrue();
      assertThat(gotSet.add(ord)).as("ordinal %d returned once", ord).isTrue();
      double r = BruteForce.raw(sim, q, data[ord]);
      assertThat(r).as("rank %d (ord %d) is within the true top-%d", i, ord, k).isGreaterThanOrEqualTo(kth - tol);
      assertThat(r).as("rank %d is not better than rank %d", i, i - 1).isLessThanOrEqualTo(prev + tol);
      prev = r;
      assertThat((double) got.scores()[i]).as("score of rank %d", i)
          .isCloseTo(sim.toScore((float) r), org.assertj.core.data.Offset.offset(1e-4 * (1 + sim.toScore((float) r))));
    }
    for (int ord : ref) {
      if (BruteForce.raw(sim, q, data[ord]) <= kth + tol) break;
      assertThat(gotSet).as("clearly-better ordinal %d was returned", ord).contains(ord);
    }
  }

  @ParameterizedTest
  @EnumSource(Similarity.class)
  void matchesDoublePrecisionBruteForce(Similarity sim) {
    float[][] data = gaussian(N, DIM, 1);
    FlatIndex index = new FlatIndex(FloatVectors.copyOf(data, DIM), sim);
    float[][] queries = gaussian(21, DIM, 2);
    for (int k : new int[] {1, 10, 100}) {
      for (float[] q : queries) assertMatchesReference(sim, q, data, i -> true, k, index.search(q, k));
    }
  }

  @Test
  void batchSearchOnSeveralThreadsEqualsSingleSearches() {
    float[][] data = gaussian(N, DIM, 3);
    FlatIndex index = new FlatIndex(FloatVectors.copyOf(data, DIM), Similarity.EUCLIDEAN);
    float[][] queries = gaussian(43, DIM, 4); // not a multiple of the query group
    ScoredOrds[] batch = index.search(queries, 10, null, 3);
    ScoredOrds[] viaVectors = index.search(FloatVectors.copyOf(queries, DIM), 10, null, 1);
    for (int i = 0; i < queries.length; i++) {
      ScoredOrds one = index.search(queries[i], 10);
      assertThat(batch[i].ords()).isEqualTo(one.ords());
      assertThat(batch[i].scores()).isEqualTo(one.scores());
      assertThat(viaVectors[i].ords()).isEqualTo(one.ords());
      assertMatchesReference(Similarity.EUCLIDEAN, queries[i], data, x -> true, 10, batch[i]);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Similarity.class, names = {"EUCLIDEAN", "COSINE"})
  void filtersDenseSparseAndOutOfRange(Similarity sim) {
    float[][] data = gaussian(N, DIM, 5);
    FlatIndex index = new FlatIndex(FloatVectors.copyOf(data, DIM), sim);
    Random r = new Random(6);
    RoaringBitmap dense = new RoaringBitmap();
    RoaringBitmap sparse = new RoaringBitmap();
    for (int i = 0; i < N; i++) {
      if (r.nextInt(2) == 0) dense.add(i);
      if (r.nextInt(100) == 0) sparse.add(i);
    }
    sparse.add(N, N + 5, 1 << 30, -1); // beyond the index: ignored
    float[][] queries = gaussian(9, DIM, 7);
    for (RoaringBitmap f : new RoaringBitmap[] {dense, sparse}) {
      IntPredicate accept = i -> f.contains(i);
      for (float[] q : queries) {
        assertMatchesReference(sim, q, data, accept, 10, index.search(q, 10, f));
        assertMatchesReference(sim, q, data, accept, 50, index.search(q, 50, f));
      }
      ScoredOrds[] batch = index.search(queries, 10, f, 2);
      for (int i = 0; i < queries.length; i++) assertMatchesReference(sim, queries[i], data, accept, 10, batch[i]);
    }
    assertThat(index.search(queries[0], 10, new RoaringBitmap()).size()).isZero();
  }

  @Test
  void kLargerThanSizeReturnsEverythingAndTiesRankSmallerOrdinalFirst() {
    float[][] data = gaussian(300, DIM, 8);
    data[100] = data[5].clone();
    data[200] = data[5].clone();
    FlatIndex index = new FlatIndex(FloatVectors.copyOf(data, DIM), Similarity.EUCLIDEAN);
    ScoredOrds all = index.search(data[5], 1000);
    assertThat(all.size()).isEqualTo(300);
    assertThat(all.ords()).startsWith(5, 100, 200);
    assertThat(all.scores()[0]).isEqualTo(1f).isEqualTo(all.scores()[2]);
    assertMatchesReference(Similarity.EUCLIDEAN, data[5], data, i -> true, 1000, all);
    assertThat(index.search(data[5], 2).ords()).containsExactly(5, 100);
  }

  @Test
  void rejectsBadArgumentsWithClearMessages() {
    FlatIndex index = new FlatIndex(FloatVectors.copyOf(gaussian(10, 4, 9), 4), Similarity.COSINE);
    assertThatThrownBy(() -> index.search(new float[4], 0)).hasMessage("k must be positive, got 0");
    assertThatThrownBy(() -> index.search(new float[] {1, 2, 3, 4}, -3)).hasMessage("k must be positive, got -3");
    assertThatThrownBy(() -> index.search(new float[3], 1)).hasMessage("query has dimension 3, expected 4");
    assertThatThrownBy(() -> index.search(new float[4], 1)).hasMessageContaining("query is the zero vector");
    assertThatThrownBy(() -> index.search(new float[][] {{1, 2, 3, 4}, {1, Float.NaN, 0, 0}}, 1, null, 2))
        .hasMessageContaining("query 1 has a non-finite component NaN at index 1");
    assertThatThrownBy(() -> index.search(new float[][] {{1, 2, 3, 4}}, 1, null, 0))
        .hasMessage("threads must be positive, got 0");
  }
}
