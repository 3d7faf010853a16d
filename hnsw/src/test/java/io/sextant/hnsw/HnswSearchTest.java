package io.sextant.hnsw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.core.search.TopK;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HnswSearchTest {
  static final int N = 5000, DIM = 64, CLUSTERS = 500, K = 10, QUERIES = 200;
  /** Overlapping clusters: hard enough that ef=k misses some neighbours (see the ef test). */
  static final double SPREAD = 1.0;
  static float[][] base;
  static float[][] queries;
  static FloatVectors vectors;
  static HnswIndex index;

  @BeforeAll
  static void build() {
    base = TestVectors.clustered(N, DIM, CLUSTERS, SPREAD, 1);
    queries = TestVectors.clustered(QUERIES, DIM, CLUSTERS, SPREAD, 2);
    vectors = TestVectors.vectors(base);
    index = HnswIndex.build(vectors, Similarity.EUCLIDEAN, HnswParams.builder().m(16).efConstruction(100).build(), 1);
  }

  static double meanRecall(HnswIndex idx, float[][] base, Similarity sim, int ef) {
    double sum = 0;
    for (float[] q : queries) {
      int[] truth = TestVectors.bruteForce(base, q, K, sim, null);
      sum += TestVectors.recall(idx.search(q, K, ef).ords(), truth);
    }
    return sum / queries.length;
  }

  @Test
  void recallAtTenAgainstBruteForceIsHighAtModerateEf() {
    double recall = meanRecall(index, base, Similarity.EUCLIDEAN, 40);
    assertThat(recall).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void recallGrowsWithEfAndReachesNearlyExactAtLargeEf() {
    double low = meanRecall(index, base, Similarity.EUCLIDEAN, 10);
    double high = meanRecall(index, base, Similarity.EUCLIDEAN, 200);
    // The data must be hard enough that a narrow beam misses neighbours, or the recall tests prove little.
    assertThat(low).isLessThan(0.99);
    assertThat(high).isGreaterThan(low).isGreaterThanOrEqualTo(0.99);
  }

  @Test
  void cosineAndDotProductSimilaritiesReachRecall() {
    float[][] unit = new float[N][];
    for (int i = 0; i < N; i++) unit[i] = normalized(base[i]);
    FloatVectors uv = TestVectors.vectors(unit);
    for (Similarity sim : new Similarity[] {Similarity.COSINE, Similarity.DOT_PRODUCT}) {
      HnswIndex idx = HnswIndex.build(uv, sim, HnswParams.defaults(), 1);
      double sum = 0;
      for (float[] q0 : queries) {
        float[] q = normalized(q0);
        sum += TestVectors.recall(idx.search(q, K, 60).ords(), TestVectors.bruteForce(unit, q, K, sim, null));
      }
      assertThat(sum / queries.length).as("recall for " + sim).isGreaterThanOrEqualTo(0.95);
    }
  }

  /**
   * The greedy descent skips nodes it scored before (on the same or a higher level); it must end
   * on the same node with the same score as the textbook walk that rescores every neighbour, and
   * score fewer nodes overall.
   */
  @Test
  void greedyDescentEndsWhereTheTextbookWalkEndsWithFewerScores() {
    HnswGraph graph = index.graph();
    assertThat(graph.maxLevel()).as("the graph has upper levels to descend").isGreaterThanOrEqualTo(2);
    FloatVectorScorer scorer = new FloatVectorScorer(vectors, Similarity.EUCLIDEAN, io.sextant.core.vector.Kernels.get());
    HnswGraphSearcher searcher = new HnswGraphSearcher(N);
    long textbookScored = 0, skippingScored = 0;
    int[] nb = new int[graph.maxConn(0)];
    float[] sc = new float[nb.length];
    float[] one = new float[1];
    for (float[] q : queries) {
      scorer.setQuery(q);
      int ep = graph.entryPoint();
      scorer.score(new int[] {ep}, 1, one);
      int refNode = ep, node = ep;
      float refScore = one[0], score = one[0];
      searcher.prepare(graph);
      long before = searcher.scoredCount();
      for (int level = graph.levelOf(ep); level > 0; level--) {
        boolean moved = true;
        while (moved) {
          int count = graph.neighbors(level, refNode, nb);
          scorer.score(nb, count, sc);
          textbookScored += count;
          int from = refNode;
          for (int i = 0; i < count; i++) {
            if (sc[i] > refScore) {
              refNode = nb[i];
              refScore = sc[i];
            }
          }
          moved = refNode != from;
        }
        long best = searcher.greedy(graph, scorer, level, node, score);
        node = NeighborQueue.decodeNode(best);
        score = NeighborQueue.decodeScore(best);
        assertThat(node).as("node reached on level " + level).isEqualTo(refNode);
        assertThat(Float.floatToRawIntBits(score)).isEqualTo(Float.floatToRawIntBits(refScore));
      }
      skippingScored += searcher.scoredCount() - before;
    }
    assertThat(skippingScored).isLessThan(textbookScored);
  }

  @Test
  void scoresAreTheSimilarityScoresBestFirst() {
    float[] q = queries[7];
    TopK.ScoredOrds hits = index.search(q, K, 50);
    assertThat(hits.size()).isEqualTo(K);
    for (int i = 0; i < hits.size(); i++) {
      float expected = Similarity.EUCLIDEAN.toScore((float) TestVectors.exact(Similarity.EUCLIDEAN, q, base[hits.ords()[i]]));
      assertThat(hits.scores()[i]).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-4f * Math.max(1f, expected)));
      if (i > 0) assertThat(hits.scores()[i]).isLessThanOrEqualTo(hits.scores()[i - 1]);
    }
  }

  @Test
  void filteredSearchReturnsOnlyAcceptedNodesWithHighRecall() {
    SplittableRandom r = new SplittableRandom(9);
    for (double selectivity : new double[] {0.5, 0.1}) {
      BitSet accepted = new BitSet(N);
      for (int i = 0; i < N; i++) if (r.nextDouble() < selectivity) accepted.set(i);
      double sum = 0;
      for (float[] q : queries) {
        int[] found = index.search(q, K, 80, accepted::get).ords();
        for (int f : found) assertThat(accepted.get(f)).as("node %d accepted", f).isTrue();
        sum += TestVectors.recall(found, TestVectors.bruteForce(base, q, K, Similarity.EUCLIDEAN, accepted::get));
      }
      assertThat(sum / queries.length).as("filtered recall at selectivity " + selectivity).isGreaterThanOrEqualTo(0.95);
    }
  }

  @Test
  void filterAdmittingFewerThanKNodesReturnsExactlyThoseNodes() {
    int[] few = {17, 2500, 4999};
    BitSet accepted = new BitSet(N);
    for (int f : few) accepted.set(f);
    int[] found = index.search(queries[0], K, 20, accepted::get).ords();
    assertThat(found).containsExactlyInAnyOrder(few);
  }

  @Test
  void searchValidatesItsArguments() {
    float[] q = queries[0];
    assertThatThrownBy(() -> index.search(q, 10, 5)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("efSearch must be >= k").hasMessageContaining("efSearch=5").hasMessageContaining("k=10");
    assertThatThrownBy(() -> index.search(q, 0, 5)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("k must be >= 1");
    assertThatThrownBy(() -> index.search(new float[DIM + 1], 10, 10)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dimension 65, expected 64");
    float[] nan = q.clone();
    nan[3] = Float.NaN;
    assertThatThrownBy(() -> index.search(nan, 10, 10)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("index 3");
  }

  @Test
  void badBuildParametersAreRejectedWithTheirName() {
    assertThatThrownBy(() -> HnswParams.builder().m(1).build()).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("M must be in [2, 512], got 1");
    assertThatThrownBy(() -> HnswParams.builder().m(10_000).build()).hasMessageContaining("got 10000");
    assertThatThrownBy(() -> HnswParams.builder().efConstruction(0).build())
        .hasMessageContaining("efConstruction must be >= 1, got 0");
    assertThatThrownBy(() -> HnswIndex.build(vectors, Similarity.EUCLIDEAN, HnswParams.defaults(), 0))
        .hasMessageContaining("build threads must be >= 1, got 0");
  }

  @Test
  void emptyAndSingleNodeGraphsAreSearchable() {
    FloatVectors one = TestVectors.vectors(new float[][] {base[0]});
    HnswIndex idx = HnswIndex.build(one, Similarity.EUCLIDEAN, HnswParams.defaults(), 1);
    assertThat(idx.search(queries[0], 5, 5).ords()).containsExactly(0);
    FloatVectors none = new FloatVectors(java.lang.foreign.MemorySegment.ofArray(new float[0]), 0, 0, DIM);
    HnswIndex empty = HnswIndex.build(none, Similarity.EUCLIDEAN, HnswParams.defaults(), 1);
    assertThat(empty.search(queries[0], 5, 5).size()).isZero();
  }

  static float[] normalized(float[] v) {
    double n = 0;
    for (float x : v) n += (double) x * x;
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) out[i] = (float) (v[i] / Math.sqrt(n));
    return out;
  }
}
