package io.sextant.bench.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Lucene and JVector HNSW against a double-precision brute force on small clustered data. */
class PeerEngineRecallTest {
  private static final int N = 2000; // well above Lucene's tiny-segment threshold, so it builds a graph
  private static final int DIM = 24;
  private static final int QUERIES = 30;
  private static final int K = 10;

  @ParameterizedTest(name = "{0} {1} threads={2}")
  @CsvSource({
      // Lucene's multi-threaded build (parallel segments + concurrent merge) is covered by RunCommandTest.
      "lucene, EUCLIDEAN, 1", "lucene, COSINE, 1", "lucene, DOT_PRODUCT, 1", "lucene, MAXIMUM_INNER_PRODUCT, 1",
      "jvector, EUCLIDEAN, 1", "jvector, COSINE, 2", "jvector, DOT_PRODUCT, 1"})
  void hnswFindsTheTrueNeighboursAtGenerousEf(String engineName, Similarity sim, int threads) throws Exception {
    boolean unit = sim == Similarity.DOT_PRODUCT;
    float[][] base = clustered(N, DIM, 11, unit);
    float[][] queries = clustered(QUERIES, DIM, 12, unit);
    Engine engine = Engines.byName(engineName);
    Params build = new Params(Map.of(HnswParams.M, 16, HnswParams.EF_CONSTRUCTION, 100));
    try (BuiltIndex index = engine.build("hnsw", FloatVectors.copyOf(base, DIM), sim, build, threads)) {
      assertThat(index.indexBytes()).isGreaterThan((long) N * DIM * Float.BYTES);
      double lowEf = recall(index, Params.of(HnswParams.EF_SEARCH, K), base, queries, sim);
      double highEf = recall(index, Params.of(HnswParams.EF_SEARCH, 200), base, queries, sim);
      assertThat(highEf).as("recall at efSearch=200").isGreaterThan(0.95);
      assertThat(highEf).as("a wider beam never finds less here").isGreaterThanOrEqualTo(lowEf);
    }
  }

  @Test
  void jvectorRefusesMaximumInnerProductInsteadOfAnsweringBadly() {
    FloatVectors base = FloatVectors.copyOf(clustered(200, DIM, 1, false), DIM);
    Params build = new Params(Map.of(HnswParams.M, 16, HnswParams.EF_CONSTRUCTION, 100));
    assertThatThrownBy(() -> new JVectorEngine().build("hnsw", base, Similarity.MAXIMUM_INNER_PRODUCT, build, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jvector does not support MAXIMUM_INNER_PRODUCT");
  }

  private static double recall(BuiltIndex index, Params search, float[][] base, float[][] queries, Similarity sim)
      throws Exception {
    int found = 0;
    try (QuerySearcher s = index.searcher(K, search)) {
      for (float[] q : queries) {
        int[] got = s.search(q);
        assertThat(got).hasSize(K).doesNotHaveDuplicates();
        int[] truth = bruteForce(base, q, sim);
        for (int o : got) if (Arrays.stream(truth).anyMatch(t -> t == o)) found++;
      }
    }
    return found / (double) (queries.length * K);
  }

  /** Exact top-k in double precision, ranking by the similarity's raw order. */
  static int[] bruteForce(float[][] base, float[] q, Similarity sim) {
    double[] score = new double[base.length];
    for (int i = 0; i < base.length; i++) score[i] = reference(sim, base[i], q);
    return IntStream.range(0, base.length).boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> -score[i]).thenComparingInt(i -> i))
        .limit(K).mapToInt(Integer::intValue).toArray();
  }

  static double reference(Similarity sim, float[] a, float[] b) {
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
      case DOT_PRODUCT, MAXIMUM_INNER_PRODUCT -> dot;
      case COSINE -> dot / Math.sqrt(na * nb);
    };
  }

  /** Gaussian blobs around 20 random centres; vectors of varying length unless {@code unit}. */
  static float[][] clustered(int n, int dim, long seed, boolean unit) {
    Random centresRng = new Random(42);
    float[][] centres = new float[20][dim];
    for (float[] c : centres) for (int j = 0; j < dim; j++) c[j] = (float) (centresRng.nextGaussian() * 3);
    Random r = new Random(seed);
    float[][] v = new float[n][dim];
    for (int i = 0; i < n; i++) {
      float[] c = centres[r.nextInt(centres.length)];
      double norm = 0;
      for (int j = 0; j < dim; j++) {
        v[i][j] = c[j] + (float) r.nextGaussian();
        norm += v[i][j] * v[i][j];
      }
      if (unit) for (int j = 0; j < dim; j++) v[i][j] /= (float) Math.sqrt(norm);
    }
    return v;
  }
}
