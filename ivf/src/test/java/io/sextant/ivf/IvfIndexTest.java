package io.sextant.ivf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.core.search.TopK;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

/**
 * Recall of IVF-Flat, -SQ8 and -PQ against exact brute force on 20,000 embedding-like 64-d
 * vectors (50 overlapping blobs of intrinsic dimension 12), where the number of probed lists
 * visibly matters: one probe finds about 60 % of the neighbours.
 */
class IvfIndexTest {
  static final int N = 20_000;
  static final int DIM = 64;
  static final int QUERIES = 100;
  static final int NPROBE = 24;
  static final int K = 10;

  static float[][] base;
  static float[][] queries;
  static int[][] truth;
  static FloatVectors vectors;
  static IvfIndex flat;
  static IvfIndex sq8;
  static IvfIndex pq;

  @TempDir
  static Path dir;

  @BeforeAll
  static void build() {
    ClusteredData data = ClusteredData.embedded(N + QUERIES, DIM, 50, 12, 2.5, 0.1, 20);
    base = java.util.Arrays.copyOf(data.rows, N);
    queries = java.util.Arrays.copyOfRange(data.rows, N, N + QUERIES);
    vectors = FloatVectors.copyOf(base, DIM);
    truth = new int[QUERIES][];
    for (int i = 0; i < QUERIES; i++) truth[i] = ExactNeighbours.topK(base, queries[i], K, Similarity.EUCLIDEAN, null);
    flat = IvfIndex.build(vectors, Similarity.EUCLIDEAN, IvfSpec.parse("ivf(nlist=300)"), 2);
    sq8 = IvfIndex.build(vectors, Similarity.EUCLIDEAN, IvfSpec.parse("ivf(nlist=300,sq8)"), 2);
    pq = IvfIndex.build(vectors, Similarity.EUCLIDEAN, IvfSpec.parse("ivf(nlist=300,pq=auto)"), 2);
  }

  @AfterAll
  static void close() {
    for (IvfIndex i : new IvfIndex[] {flat, sq8, pq}) if (i != null) i.close();
  }

  static double recall(IvfIndex index, IvfSearchParams params) {
    double sum = 0;
    for (int i = 0; i < QUERIES; i++) sum += ExactNeighbours.recall(index.search(queries[i], K, params).ords(), truth[i]);
    return sum / QUERIES;
  }

  static IvfSearchParams nprobe(int n) {
    return IvfSearchParams.builder().nprobe(n).build();
  }

  @Test
  void flatReachesHighRecallAtModerateNprobeAndIsExactWhenProbingEverything() {
    assertThat(recall(flat, nprobe(NPROBE))).isGreaterThanOrEqualTo(0.95);
    assertThat(recall(flat, nprobe(300))).isEqualTo(1.0);
    assertThat(recall(flat, nprobe(1))).isLessThan(0.8);
  }

  @Test
  void flatScoresAreTheExactPublicScores() {
    TopK.ScoredOrds r = flat.search(queries[0], K, nprobe(200));
    for (int i = 0; i < r.size(); i++) {
      double d = ClusteredData.squareDistance(queries[0], base[r.ords()[i]]);
      assertThat((double) r.scores()[i]).isCloseTo(1 / (1 + d), org.assertj.core.data.Offset.offset(1e-5));
      if (i > 0) assertThat(r.scores()[i]).isLessThanOrEqualTo(r.scores()[i - 1]);
    }
  }

  @Test
  void pqWithRerankReachesNinetyPercentAndSq8SitsBetween() {
    double pqRecall = recall(pq, nprobe(NPROBE));
    double sqRecall = recall(sq8, nprobe(NPROBE));
    double flatRecall = recall(flat, nprobe(NPROBE));
    assertThat(pqRecall).isGreaterThanOrEqualTo(0.90);
    assertThat(sqRecall).isGreaterThanOrEqualTo(pqRecall - 0.01).isLessThanOrEqualTo(flatRecall + 0.01);
    // Without rerank PQ is visibly worse: the rerank is doing real work.
    double pqNoRerank = recall(pq, IvfSearchParams.builder().nprobe(NPROBE).rerank(0).build());
    assertThat(pqNoRerank).isLessThan(pqRecall);
  }

  @Test
  void pqCodesTakeAtMostOneSixteenthOfTheFloatBytes() {
    assertThat(pq.codeBytesPerVector()).isLessThanOrEqualTo(DIM * Float.BYTES / 16);
    assertThat(sq8.codeBytesPerVector()).isEqualTo(DIM + 4);
    assertThat(flat.codeBytesPerVector()).isEqualTo(DIM * 4);
    assertThat(pq.indexBytes()).isLessThan(sq8.indexBytes()).isLessThan(flat.indexBytes());
  }

  @Test
  void mappedIndexGivesIdenticalResults() throws IOException {
    for (IvfIndex index : new IvfIndex[] {flat, sq8, pq}) {
      Path file = dir.resolve(index.spec().encoding() + ".ivf");
      index.write(file);
      assertThat(java.nio.file.Files.size(file)).isEqualTo(index.indexBytes());
      try (IvfIndex mapped = IvfIndex.open(file, ExactScorer.of(vectors, Similarity.EUCLIDEAN, io.sextant.core.vector.Kernels.get()))) {
        assertThat(mapped.spec()).isEqualTo(index.spec());
        assertThat(mapped.size()).isEqualTo(N);
        for (int i = 0; i < QUERIES; i++) {
          for (int np : new int[] {1, 7}) {
            TopK.ScoredOrds a = index.search(queries[i], K, nprobe(np));
            TopK.ScoredOrds b = mapped.search(queries[i], K, nprobe(np));
            assertThat(b.ords()).isEqualTo(a.ords());
            // Same code and bytes; only the SIMD lane reduction may round differently once the
            // JIT has compiled it (reduceLanes has no fixed order), hence a last-bit tolerance.
            for (int j = 0; j < a.size(); j++) {
              assertThat(b.scores()[j]).isCloseTo(a.scores()[j], org.assertj.core.data.Offset.offset(Math.ulp(a.scores()[j]) * 4));
            }
          }
        }
        assertThatThrownBy(() -> mapped.add(N, queries[0])).isInstanceOf(UnsupportedOperationException.class)
            .hasMessageContaining("read-only");
      }
    }
  }

  @Test
  void filtersReturnOnlyAcceptedIdsAndKeepRecallAtTenAndOnePercent() {
    SplittableRandom rng = new SplittableRandom(5);
    for (double selectivity : new double[] {0.10, 0.01}) {
      RoaringBitmap bitmap = new RoaringBitmap();
      for (int i = 0; i < N; i++) if (rng.nextDouble() < selectivity) bitmap.add(i);
      IntPredicate predicate = bitmap::contains;
      int[][] want = new int[QUERIES][];
      for (int q = 0; q < QUERIES; q++) want[q] = ExactNeighbours.topK(base, queries[q], K, Similarity.EUCLIDEAN, predicate);
      for (IvfIndex index : new IvfIndex[] {flat, pq}) {
        // As a predicate (no cardinality known: probes more lists) and as a bitmap (may go exact).
        for (IvfSearchParams params : new IvfSearchParams[] {
            IvfSearchParams.builder().nprobe(NPROBE).accept(predicate).build(),
            IvfSearchParams.builder().nprobe(NPROBE).accept(bitmap).build()}) {
          double sum = 0;
          for (int q = 0; q < QUERIES; q++) {
            int[] found = index.search(queries[q], K, params).ords();
            for (int id : found) assertThat(bitmap.contains(id)).as("id %d accepted", id).isTrue();
            assertThat(found).hasSize(want[q].length);
            sum += ExactNeighbours.recall(found, want[q]);
          }
          assertThat(sum / QUERIES).as("%s at selectivity %s", index.spec(), selectivity).isGreaterThanOrEqualTo(0.90);
        }
      }
    }
  }

  @Test
  void addedVectorsGoToExistingCentroidsAndAreFound() {
    ClusteredData data = ClusteredData.gaussian(3000, 16, 10, 1, 0.2, 30);
    float[][] rows = data.rows;
    float[][] all = rows.clone();
    FloatVectors first = FloatVectors.copyOf(java.util.Arrays.copyOf(rows, 2000), 16);
    FloatVectors everything = FloatVectors.copyOf(all, 16);
    IvfIndex index = IvfIndex.build(first, Similarity.EUCLIDEAN, IvfSpec.parse("ivf(nlist=20,pq=8x8)"), 2,
        ExactScorer.of(everything, Similarity.EUCLIDEAN, io.sextant.core.vector.Kernels.get()));
    float[] centroidsBefore = centroids(index);
    for (int i = 2000; i < 3000; i++) index.add(i, rows[i]);
    assertThat(index.size()).isEqualTo(3000);
    assertThat(centroids(index)).isEqualTo(centroidsBefore);
    int exactHits = 0;
    for (int i = 2000; i < 3000; i += 10) {
      int[] found = index.search(rows[i], 1, IvfSearchParams.builder().nprobe(3).build()).ords();
      if (found[0] == i) exactHits++;
    }
    assertThat(exactHits).isGreaterThanOrEqualTo(95);
  }

  private static float[] centroids(IvfIndex index) {
    CoarseQuantizer q = index.quantizer();
    float[] all = new float[q.lists() * q.dimension()];
    for (int c = 0; c < q.lists(); c++) System.arraycopy(q.centroid(c), 0, all, c * q.dimension(), q.dimension());
    return all;
  }

  @Test
  void queriesAreValidated() {
    assertThatThrownBy(() -> flat.search(new float[3], K)).hasMessageContaining("dimension 3, expected 64");
    float[] nan = queries[0].clone();
    nan[5] = Float.NaN;
    assertThatThrownBy(() -> flat.search(nan, K)).hasMessageContaining("index 5");
    assertThatThrownBy(() -> flat.search(queries[0], 0)).hasMessageContaining("k must be positive");
  }
}
