package io.sextant.hnsw;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HnswBuildTest {
  static final int N = 5000, DIM = 64, K = 10;
  static float[][] base;
  static float[][] queries;
  static int[][] truth;
  static FloatVectors vectors;
  static OnHeapHnswGraph single;
  static final HnswParams PARAMS = HnswParams.builder().m(12).efConstruction(80).seed(7).build();

  @BeforeAll
  static void data() {
    base = TestVectors.clustered(N, DIM, 500, 1.0, 11);
    queries = TestVectors.clustered(200, DIM, 500, 1.0, 12);
    vectors = TestVectors.vectors(base);
    truth = new int[queries.length][];
    for (int i = 0; i < queries.length; i++) truth[i] = TestVectors.bruteForce(base, queries[i], K, Similarity.EUCLIDEAN, null);
    single = new HnswGraphBuilder(vectors, Similarity.EUCLIDEAN, PARAMS).build(1);
  }

  static double recall(HnswGraph g, int ef) {
    HnswIndex idx = HnswIndex.of(vectors, Similarity.EUCLIDEAN, g);
    double sum = 0;
    for (int i = 0; i < queries.length; i++) sum += TestVectors.recall(idx.search(queries[i], K, ef).ords(), truth[i]);
    return sum / queries.length;
  }

  @Test
  void singleThreadBuildIsDeterministicForASeed() {
    OnHeapHnswGraph a = single;
    OnHeapHnswGraph b = new HnswGraphBuilder(vectors, Similarity.EUCLIDEAN, PARAMS).build(1);
    GraphInvariants.check(a);
    GraphInvariants.assertSameStructure(a, b);
    // A different seed draws different levels, so a different graph: the seed is really used.
    OnHeapHnswGraph c = new HnswGraphBuilder(vectors, Similarity.EUCLIDEAN, PARAMS.toBuilder().seed(8).build()).build(1);
    assertThat(GraphInvariants.differingLinks(a, c)).isGreaterThan(0);
  }

  @Test
  void concurrentBuildIsValidAndAsGoodAsSingleThreaded() {
    // More threads than cores so insertions really interleave on a small machine.
    OnHeapHnswGraph concurrent = new HnswGraphBuilder(vectors, Similarity.EUCLIDEAN, PARAMS).build(4);
    GraphInvariants.check(concurrent);
    for (int ef : new int[] {10, 40}) {
      double rs = recall(single, ef);
      double rc = recall(concurrent, ef);
      assertThat(rc).as("recall at ef=%d: concurrent %.4f vs single %.4f", ef, rc, rs).isGreaterThanOrEqualTo(rs - 0.02);
    }
    assertThat(recall(concurrent, 40)).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void levelsFollowTheExponentialDistributionWithMultiplierOneOverLnM() {
    HnswParams p = HnswParams.builder().m(16).seed(3).build();
    byte[] levels = HnswGraphBuilder.drawLevels(200_000, p);
    long atLeast1 = 0, atLeast2 = 0;
    for (byte l : levels) {
      if (l >= 1) atLeast1++;
      if (l >= 2) atLeast2++;
    }
    // P(level >= l) = M^-l with mL = 1/ln M.
    assertThat(atLeast1 / 200_000.0).isCloseTo(1.0 / 16, org.assertj.core.data.Offset.offset(0.003));
    assertThat(atLeast2 / 200_000.0).isCloseTo(1.0 / 256, org.assertj.core.data.Offset.offset(0.0006));
  }

  @Test
  void graphHasBoundedDegreesAndUsesLayerZeroWidth() {
    OnHeapHnswGraph g = single;
    int[] buf = new int[g.maxConn(0)];
    long sum = 0;
    int max = 0;
    for (int i = 0; i < g.size(); i++) {
      int c = g.neighbors(0, i, buf);
      sum += c;
      max = Math.max(max, c);
    }
    assertThat(max).isEqualTo(2 * PARAMS.m());
    assertThat(sum / (double) g.size()).isGreaterThan(PARAMS.m() / 2.0);
  }
}
