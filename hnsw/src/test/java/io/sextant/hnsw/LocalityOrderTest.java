package io.sextant.hnsw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.core.search.TopK;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Kernels;
import io.sextant.core.vector.Similarity;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

class LocalityOrderTest {
  @Test
  void isAPermutationAndTheSameOnOneOrTwoThreads() {
    // Large enough that the two-thread run forks (ranges of 4096 and more).
    FloatVectors v = TestVectors.vectors(TestVectors.clustered(20_000, 24, 300, 1.0, 3));
    int[] one = LocalityOrder.compute(v, Kernels.get(), 1);
    int[] two = LocalityOrder.compute(v, Kernels.get(), 2);
    assertThat(two).isEqualTo(one);
    int[] sorted = one.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < sorted.length; i++) assertThat(sorted[i]).isEqualTo(i);
    assertThat(LocalityOrder.inverse(one)[one[123]]).isEqualTo(123);
  }

  @Test
  void nearestNeighboursEndUpCloseInTheNewNumbering() {
    int n = 8_000;
    float[][] rows = TestVectors.clustered(n, 32, 200, 0.2, 5); // tight clusters: a nearest neighbour is local
    int[] position = LocalityOrder.inverse(LocalityOrder.compute(TestVectors.vectors(rows), Kernels.get(), 1));
    int[] gapInOrder = new int[500];
    int[] gapInInput = new int[500];
    for (int s = 0; s < gapInOrder.length; s++) {
      int i = s * (n / gapInOrder.length);
      int nn = TestVectors.bruteForce(rows, rows[i], 2, Similarity.EUCLIDEAN, null)[1]; // [0] is i itself
      gapInOrder[s] = Math.abs(position[i] - position[nn]);
      gapInInput[s] = Math.abs(i - nn);
    }
    Arrays.sort(gapInOrder);
    Arrays.sort(gapInInput);
    // The input order is random with respect to space (median gap ~ n/3), or the test proves nothing.
    assertThat(gapInInput[250]).isGreaterThan(n / 10);
    assertThat(gapInOrder[250]).isLessThan(n / 100);
  }

  @Test
  void aLocalityBuildIsTheInputOrderGraphRenumbered() {
    int n = 3_000;
    float[][] rows = TestVectors.clustered(n, 32, 300, 1.0, 7);
    FloatVectors v = TestVectors.vectors(rows);
    HnswParams p = HnswParams.builder().m(8).efConstruction(60).build();
    HnswIndex input = HnswIndex.build(v, Similarity.EUCLIDEAN, p, 1, HnswIndex.NodeOrder.INPUT);
    HnswIndex local = HnswIndex.build(v, Similarity.EUCLIDEAN, p, 1, HnswIndex.NodeOrder.LOCALITY);

    int[] nodeOf = new int[n];
    for (int node = 0; node < n; node++) nodeOf[local.ordOfNode(node)] = node;
    assertThat(Arrays.stream(nodeOf).distinct().count()).isEqualTo(n);
    boolean moved = false;
    for (int node = 0; node < n; node++) moved |= local.ordOfNode(node) != node;
    assertThat(moved).isTrue();
    HnswGraph a = input.graph(), b = local.graph();
    assertThat(local.ordOfNode(b.entryPoint())).isEqualTo(a.entryPoint());
    int[] la = new int[2 * 8 + 1], lb = new int[2 * 8 + 1];
    for (int ord = 0; ord < n; ord++) {
      int node = nodeOf[ord];
      assertThat(b.levelOf(node)).isEqualTo(a.levelOf(ord));
      assertThat(local.vectors().get(node)).isEqualTo(rows[ord]);
      for (int level = 0; level <= a.levelOf(ord); level++) {
        int ca = a.neighbors(level, ord, la);
        int cb = b.neighbors(level, node, lb);
        int[] mapped = new int[cb];
        for (int i = 0; i < cb; i++) mapped[i] = local.ordOfNode(lb[i]);
        assertThat(mapped).as("links of ordinal %d on level %d", ord, level).isEqualTo(Arrays.copyOf(la, ca));
      }
    }

    float[][] queries = TestVectors.clustered(50, 32, 300, 1.0, 8);
    SplittableRandom r = new SplittableRandom(9);
    RoaringBitmap wide = new RoaringBitmap(), narrow = new RoaringBitmap();
    for (int ord = 0; ord < n; ord++) {
      double u = r.nextDouble();
      if (u < 0.3) wide.add(ord);
      if (u < 0.02) narrow.add(ord);
    }
    IntPredicate odd = ord -> (ord & 1) == 1;
    double wideRecall = 0;
    for (float[] q : queries) {
      assertSame(input.search(q, 10, 40), local.search(q, 10, 40));
      assertSame(input.search(q, 10, 40, odd), local.search(q, 10, 40, odd));
      assertSame(input.search(q, 10, 40, narrow), local.search(q, 10, 40, narrow)); // scanned: exact either way
      // The filtered graph path picks extra entry points from the accept-set by position, so it is
      // not numbering-blind; it must still answer from the filter, in caller ordinals.
      int[] found = local.search(q, 10, 40, wide).ords();
      for (int ord : found) assertThat(wide.contains(ord)).as("ordinal %d accepted", ord).isTrue();
      wideRecall += TestVectors.recall(found, TestVectors.bruteForce(rows, q, 10, Similarity.EUCLIDEAN, wide::contains));
    }
    assertThat(wideRecall / queries.length).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void quantizedTraversalOfALocalityIndexAnswersInCallerOrdinals() {
    int n = 4_000;
    float[][] rows = TestVectors.clustered(n, 48, 300, 1.0, 11);
    HnswIndex local = HnswIndex.build(TestVectors.vectors(rows), Similarity.EUCLIDEAN,
        HnswParams.builder().m(12).efConstruction(80).build(), 2, HnswIndex.NodeOrder.LOCALITY);
    QuantizedHnswIndex int8 = QuantizedHnswIndex.of(local, QuantizedVectors.encode(local.vectors(), Quantization.INT8));
    float[][] queries = TestVectors.clustered(100, 48, 300, 1.0, 12);
    RoaringBitmap half = new RoaringBitmap();
    for (int ord = 0; ord < n; ord += 2) half.add(ord);
    double recall = 0, filteredRecall = 0;
    for (float[] q : queries) {
      recall += TestVectors.recall(int8.search(q, 10, 60, 30, null).ords(),
          TestVectors.bruteForce(rows, q, 10, Similarity.EUCLIDEAN, null));
      filteredRecall += TestVectors.recall(int8.search(q, 10, 60, 30, half).ords(),
          TestVectors.bruteForce(rows, q, 10, Similarity.EUCLIDEAN, half::contains));
    }
    assertThat(recall / queries.length).isGreaterThanOrEqualTo(0.95);
    assertThat(filteredRecall / queries.length).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void anAcceptSetBeyondTheIndexIsRejectedByName() {
    HnswIndex local = HnswIndex.build(TestVectors.vectors(TestVectors.clustered(500, 8, 20, 1.0, 13)),
        Similarity.EUCLIDEAN, HnswParams.defaults(), 1, HnswIndex.NodeOrder.LOCALITY);
    float[] q = new float[8];
    assertThatThrownBy(() -> local.search(q, 5, 10, RoaringBitmap.bitmapOf(3, 500)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ordinal 500");
    assertThatThrownBy(() -> local.search(q, 5, 10, RoaringBitmap.bitmapOf(3, -1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ordinal -1");
  }

  private static void assertSame(TopK.ScoredOrds expected, TopK.ScoredOrds actual) {
    assertThat(actual.ords()).isEqualTo(expected.ords());
    assertThat(actual.scores()).isEqualTo(expected.scores());
  }
}
