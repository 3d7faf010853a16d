package io.sextant.hnsw;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

/** Filtered search against filtered brute force, at every selectivity, with random and correlated filters. */
class FilteredSearchTest {
  static final int N = 5000, DIM = 48, K = 10, EF = 64;
  static float[][] base;
  static float[][] queries;
  static HnswIndex index;

  @BeforeAll
  static void build() {
    base = TestVectors.clustered(N, DIM, 500, 1.0, 61);
    queries = TestVectors.clustered(60, DIM, 500, 1.0, 62);
    FloatVectors v = TestVectors.vectors(base);
    index = HnswIndex.build(v, Similarity.EUCLIDEAN, HnswParams.builder().m(12).efConstruction(80).build(), 1);
  }

  static RoaringBitmap random(double selectivity, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    RoaringBitmap b = new RoaringBitmap();
    for (int i = 0; i < N; i++) if (r.nextDouble() < selectivity) b.add(i);
    return b;
  }

  /** The nodes with the largest first coordinate: a filter aligned with the geometry, far from most queries. */
  static RoaringBitmap halfSpace(double selectivity) {
    float[] x0 = new float[N];
    for (int i = 0; i < N; i++) x0[i] = base[i][0];
    float[] sorted = x0.clone();
    Arrays.sort(sorted);
    float threshold = sorted[(int) (N * (1 - selectivity))];
    RoaringBitmap b = new RoaringBitmap();
    for (int i = 0; i < N; i++) if (x0[i] >= threshold) b.add(i);
    return b;
  }

  static double recall(RoaringBitmap accept) {
    double sum = 0;
    for (float[] q : queries) {
      int[] found = index.search(q, K, EF, accept).ords();
      for (int f : found) assertThat(accept.contains(f)).as("node %d accepted", f).isTrue();
      int[] truth = TestVectors.bruteForce(base, q, K, Similarity.EUCLIDEAN, accept::contains);
      assertThat(found.length).isEqualTo(truth.length);
      sum += TestVectors.recall(found, truth);
    }
    return sum / queries.length;
  }

  @Test
  void recallHoldsAtEverySelectivityForRandomFilters() {
    for (double s : new double[] {0.5, 0.1, 0.01, 0.001}) {
      assertThat(recall(random(s, 7))).as("random filter, selectivity " + s).isGreaterThanOrEqualTo(0.95);
    }
  }

  @Test
  void recallHoldsAtEverySelectivityForCorrelatedFilters() {
    for (double s : new double[] {0.5, 0.1, 0.01, 0.001}) {
      assertThat(recall(halfSpace(s))).as("half-space filter, selectivity " + s).isGreaterThanOrEqualTo(0.95);
    }
  }

  @Test
  void smallAcceptedSetsAreScannedAndGiveExactResults() {
    RoaringBitmap few = random(0.02, 9); // ~100 nodes, under the scan threshold
    assertThat(few.getLongCardinality()).isLessThan(HnswIndex.exactScanBelow(EF, 24, N));
    for (float[] q : queries) {
      assertThat(index.search(q, K, EF, few).ords())
          .containsExactly(TestVectors.bruteForce(base, q, K, Similarity.EUCLIDEAN, few::contains));
    }
  }

  @Test
  void aGraphSearchThatWandersFallsBackToTheScanWithinTheVisitLimit() {
    // Accept a third of the nodes, all far from the query: the graph search runs out of budget.
    RoaringBitmap far = halfSpace(0.3);
    float[] q = base[0].clone();
    q[0] = -1000f;
    HnswGraphSearcher searcher = new HnswGraphSearcher(N);
    FloatVectorScorer scorer = new FloatVectorScorer(index.vectors(), Similarity.EUCLIDEAN, io.sextant.core.vector.Kernels.get());
    io.sextant.core.search.TopK out = new io.sextant.core.search.TopK(K);
    boolean completed = searcher.search(index.graph(), scorer.setQuery(q), K, EF, far::contains, 200, out);
    assertThat(completed).isFalse();
    assertThat(out.size()).as("nothing offered by an abandoned search").isZero();
    assertThat(searcher.scoredCount()).isGreaterThan(200);
    // Through the index, the same query still gets the exact answer.
    assertThat(index.search(q, K, EF, far).ords())
        .containsExactly(TestVectors.bruteForce(base, q, K, Similarity.EUCLIDEAN, far::contains));
  }

  @Test
  void scanThresholdGrowsWithTheGraphAndTheBeam() {
    assertThat(HnswIndex.exactScanBelow(64, 32, 60_000)).isBetween(5_000L, 7_000L);
    assertThat(HnswIndex.exactScanBelow(64, 32, 1_000_000)).isGreaterThan(HnswIndex.exactScanBelow(64, 32, 60_000));
    assertThat(HnswIndex.exactScanBelow(160, 32, 60_000)).isGreaterThan(HnswIndex.exactScanBelow(64, 32, 60_000));
    // The measured crossovers (docs/bench/filtered.md) at efSearch=40: about 3,000 (Fashion-MNIST) and 7,500 (wordnet).
    assertThat(HnswIndex.exactScanBelow(40, 32, 60_000)).isBetween(3_000L, 6_000L);
    assertThat(HnswIndex.exactScanBelow(40, 32, 107_659)).isBetween(6_000L, 8_000L);
    // Beyond ~500k nodes the recall floor rules: never the graph under 3 %.
    assertThat(HnswIndex.exactScanBelow(40, 32, 10_000_000)).isEqualTo(300_000L);
  }

  static double recall(RoaringBitmap accept, FilterStrategy strategy) {
    double sum = 0;
    for (float[] q : queries) {
      int[] found = index.search(q, K, EF, accept, strategy).ords();
      for (int f : found) assertThat(accept.contains(f)).as("node %d accepted", f).isTrue();
      sum += TestVectors.recall(found, TestVectors.bruteForce(base, q, K, Similarity.EUCLIDEAN, accept::contains));
    }
    return sum / queries.length;
  }

  @Test
  void theGraphPathAloneHoldsRecallWhereTheFilterLeavesTheGraphConnected() {
    for (double s : new double[] {0.5, 0.2, 0.1}) {
      assertThat(recall(random(s, 3), FilterStrategy.GRAPH)).as("graph path, random %s", s).isGreaterThanOrEqualTo(0.95);
    }
    assertThat(recall(random(0.05, 4), FilterStrategy.SCAN)).isEqualTo(1.0);
  }

  @Test
  void theGraphPathScoresFarFewerNodesThanExpandingRejectedOnes() {
    // The two-hop search scores accepted nodes only; the plain filtered beam scores every node it expands past.
    RoaringBitmap tenth = random(0.1, 5);
    FloatVectorScorer scorer = new FloatVectorScorer(index.vectors(), Similarity.EUCLIDEAN,
        io.sextant.core.vector.Kernels.get());
    HnswGraphSearcher plain = new HnswGraphSearcher(N);
    FilteredSearch acorn = new FilteredSearch();
    long plainScored = 0, acornScored = 0;
    for (float[] q : queries) {
      plain.search(index.graph(), scorer.setQuery(q), K, EF, tenth::contains, new io.sextant.core.search.TopK(K));
      plainScored += plain.scoredCount();
      io.sextant.core.search.TopK out = new io.sextant.core.search.TopK(K);
      assertThat(acorn.graphSearch(index.graph(), plain, scorer.setQuery(q), K, EF, tenth, Long.MAX_VALUE, true, out))
          .isTrue();
      acornScored += acorn.scoredCount();
      assertThat(out.size()).isEqualTo(K);
    }
    assertThat(acornScored).isLessThan(plainScored / 2);
  }

  @Test
  void aFilterOutOfReachFallsBackToTheScanAndStaysExact() {
    // Accept a handful of nodes spread at random: too few to be reached through two hops from most entries.
    RoaringBitmap sparse = random(0.003, 8);
    for (float[] q : queries) {
      assertThat(index.search(q, K, EF, sparse, FilterStrategy.AUTO).ords())
          .containsExactly(TestVectors.bruteForce(base, q, K, Similarity.EUCLIDEAN, sparse::contains));
    }
  }

  /** The base vector with the smallest first coordinate: as far as any node gets from a {@link #halfSpace} filter. */
  static float[] lowestX0() {
    int best = 0;
    for (int i = 1; i < N; i++) if (base[i][0] < base[best][0]) best = i;
    return base[best].clone();
  }

  static FloatVectorScorer scorer() {
    return new FloatVectorScorer(index.vectors(), Similarity.EUCLIDEAN, io.sextant.core.vector.Kernels.get());
  }

  @Test
  void aQueryOutsideTheRegionScansWhenTheWidenedBeamWouldCostMoreAndStaysExact() {
    // 40 % of the nodes, the half-space with the largest x0; the query sits at the far end of x0.
    RoaringBitmap region = halfSpace(0.4);
    float[] q = lowestX0();
    long accepted = region.getLongCardinality();
    long scanBelow = HnswIndex.exactScanBelow(EF, index.graph().maxConn(0), N);
    long outsideBelow = index.outsideScanBelow(EF);
    // Above the plain threshold (the graph is tried), within the outside one (the widened beam costs more than the scan).
    assertThat(accepted).isGreaterThan(scanBelow).isLessThanOrEqualTo(outsideBelow);
    FilteredSearch search = new FilteredSearch();
    io.sextant.core.search.TopK out = new io.sextant.core.search.TopK(K);
    search.search(index.graph(), new HnswGraphSearcher(N), scorer().setQuery(q), K, EF, region, scanBelow, outsideBelow,
        FilterStrategy.AUTO, out);
    assertThat(search.lastRoute()).isEqualTo(FilteredSearch.Route.OUTSIDE_SCAN);
    int[] truth = TestVectors.bruteForce(base, q, K, Similarity.EUCLIDEAN, region::contains);
    assertThat(out.drainBestFirst().ords()).containsExactly(truth);
    assertThat(index.search(q, K, EF, region).ords()).containsExactly(truth);
  }

  @Test
  void theOutsideDecisionComparesTheAcceptedCountWithTheWidenedBeamCost() {
    RoaringBitmap region = halfSpace(0.4);
    float[] q = lowestX0();
    long accepted = region.getLongCardinality();
    long scanBelow = HnswIndex.exactScanBelow(EF, index.graph().maxConn(0), N);
    int[] truth = TestVectors.bruteForce(base, q, K, Similarity.EUCLIDEAN, region::contains);
    FilteredSearch search = new FilteredSearch();
    HnswGraphSearcher searcher = new HnswGraphSearcher(N);
    FloatVectorScorer scorer = scorer();
    // One node more than the widened beam is estimated to cost: the graph, with the widened beam.
    io.sextant.core.search.TopK graph = new io.sextant.core.search.TopK(K);
    search.search(index.graph(), searcher, scorer.setQuery(q), K, EF, region, scanBelow, accepted - 1, FilterStrategy.AUTO,
        graph);
    assertThat(search.lastRoute()).isEqualTo(FilteredSearch.Route.GRAPH_OUTSIDE);
    assertThat(TestVectors.recall(graph.drainBestFirst().ords(), truth)).isGreaterThanOrEqualTo(0.9);
    // At the estimate: the scan, exact.
    io.sextant.core.search.TopK scan = new io.sextant.core.search.TopK(K);
    search.search(index.graph(), searcher, scorer.setQuery(q), K, EF, region, scanBelow, accepted, FilterStrategy.AUTO,
        scan);
    assertThat(search.lastRoute()).isEqualTo(FilteredSearch.Route.OUTSIDE_SCAN);
    assertThat(scan.drainBestFirst().ords()).containsExactly(truth);
    // A query inside the region is not affected by the outside estimate.
    int top = 0;
    for (int i = 1; i < N; i++) if (base[i][0] > base[top][0]) top = i;
    float[] inside = base[top].clone();
    search.search(index.graph(), searcher, scorer.setQuery(inside), K, EF, region, scanBelow, Long.MAX_VALUE,
        FilterStrategy.AUTO, new io.sextant.core.search.TopK(K));
    assertThat(search.lastRoute()).isEqualTo(FilteredSearch.Route.GRAPH);
  }

  @Test
  void theBeamCostIsMeasuredOnTheGraphAndRepeatable() {
    long narrow = index.beamCost(EF);
    long wide = index.beamCost(4 * EF);
    // Every search scores at least its beam's worth of nodes, and never more than the graph holds.
    assertThat(narrow).isBetween((long) EF, (long) N);
    assertThat(wide).isGreaterThan(narrow).isLessThanOrEqualTo(N);
    // Same graph, same probes: the same figure from a second index over it.
    HnswIndex again = HnswIndex.of(index.vectors(), Similarity.EUCLIDEAN, index.graph());
    assertThat(again.beamCost(4 * EF)).isEqualTo(wide);
    assertThat(index.outsideScanBelow(EF)).isEqualTo((long) (HnswIndex.OUTSIDE_COST * wide));
  }
}
