package io.sextant.bench.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.core.data.Dataset;
import io.sextant.core.data.VectorFiles;
import io.sextant.core.eval.Recall;
import io.sextant.core.testing.BruteForce;
import io.sextant.core.flat.FlatIndex;
import io.sextant.core.search.TopK.ScoredOrds;
import io.sextant.core.vector.Similarity;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fetches the real Fashion-MNIST through apt-get (into a temporary cache, not the user's), then
 * checks the flat index on a 2,000-vector slice against a double-precision brute force.
 */
class FashionMnistTest {
  @TempDir Path cache;

  @Test
  void fetchesParsesAndSearchesExactly() throws IOException {
    DatasetRegistry registry = new DatasetRegistry(cache);
    Path folder = registry.build("fashion-mnist");
    assertThat(VectorFiles.shape(folder.resolve("base.fvecs"))).isEqualTo(new VectorFiles.Shape(60_000, 784));
    assertThat(VectorFiles.shape(folder.resolve("query.fvecs"))).isEqualTo(new VectorFiles.Shape(10_000, 784));

    int n = 2000, queries = 50, k = 10;
    try (Dataset d = Dataset.open(folder, n, queries)) {
      assertThat(d.similarity()).isEqualTo(Similarity.EUCLIDEAN);
      float[][] base = new float[n][];
      for (int i = 0; i < n; i++) base[i] = d.base().get(i);
      float max = 0;
      for (float[] row : base) for (float x : row) max = Math.max(max, x);
      assertThat(max).isEqualTo(255f); // raw pixel values

      FlatIndex index = new FlatIndex(d.base(), Similarity.EUCLIDEAN);
      ScoredOrds[] hits = index.search(d.queries(), k, null, 2);
      int[][] results = new int[queries][];
      for (int q = 0; q < queries; q++) {
        float[] query = d.queries().get(q);
        int[] ref = BruteForce.topK(Similarity.EUCLIDEAN, query, base, k);
        results[q] = hits[q].ords();
        // Integer pixels tie often: compare the exact distances rank by rank, not just the ids.
        for (int i = 0; i < k; i++) {
          double want = BruteForce.raw(Similarity.EUCLIDEAN, query, base[ref[i]]);
          double got = BruteForce.raw(Similarity.EUCLIDEAN, query, base[results[q][i]]);
          assertThat(got).as("query %d rank %d", q, i).isEqualTo(want);
        }
      }
      // The cached ground truth of the slice agrees, and tie-aware recall of the flat index is exactly 1.
      int[][] truth = d.groundTruth(k);
      assertThat(Recall.withTies(d.base(), d.queries(), Similarity.EUCLIDEAN).mean(k, truth, results)).isEqualTo(1.0);
    }
  }
}
