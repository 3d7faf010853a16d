package io.sextant.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.core.testing.BruteForce;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetTest {
  @TempDir Path dir;

  private static float[][] gaussian(int n, int dim, long seed) {
    Random r = new Random(seed);
    float[][] m = new float[n][dim];
    for (float[] row : m) for (int j = 0; j < dim; j++) row[j] = (float) r.nextGaussian();
    return m;
  }

  private Path folder(Similarity sim, float[][] base, float[][] queries) throws IOException {
    Path f = dir.resolve("set");
    Dataset.create(f, sim, "a test set", FloatVectors.copyOf(base, base[0].length),
        FloatVectors.copyOf(queries, queries[0].length));
    return f;
  }

  /** Brute-force reference; Gaussian data has no near-ties at these sizes, so ids must match exactly. */
  private static int[][] reference(Similarity sim, float[][] base, float[][] queries, int k) {
    int[][] out = new int[queries.length][];
    for (int i = 0; i < queries.length; i++) out[i] = BruteForce.topK(sim, queries[i], base, k);
    return out;
  }

  @Test
  void roundTripsAndComputesCachesAndReusesGroundTruth() throws IOException {
    float[][] base = gaussian(500, 12, 1);
    float[][] queries = gaussian(20, 12, 2);
    Path f = folder(Similarity.COSINE, base, queries);
    AtomicInteger progress = new AtomicInteger();
    try (Dataset d = Dataset.open(f)) {
      assertThat(d.name()).isEqualTo("set");
      assertThat(d.similarity()).isEqualTo(Similarity.COSINE);
      assertThat(d.description()).isEqualTo("a test set");
      assertThat(d.base().size()).isEqualTo(500);
      assertThat(d.queries().get(19)).isEqualTo(queries[19]);
      assertThat(d.groundTruth(10, progress::set)).isDeepEqualTo(reference(Similarity.COSINE, base, queries, 10));
      assertThat(progress.get()).isEqualTo(20);
    }
    Path cache = f.resolve("groundtruth-k100.ivecs");
    assertThat(VectorFiles.readInts(cache)).isDeepEqualTo(reference(Similarity.COSINE, base, queries, 100));

    // A later load reads the cache instead of computing: prove it with a planted answer.
    int[][] planted = new int[20][100];
    for (int[] row : planted) Arrays.fill(row, 7);
    VectorFiles.writeIvecs(cache, planted);
    try (Dataset d = Dataset.open(f)) {
      assertThat(d.groundTruth(5)[3]).containsExactly(7, 7, 7, 7, 7);
      // Deeper than the cache: computed and cached again.
      assertThat(d.groundTruth(150)).isDeepEqualTo(reference(Similarity.COSINE, base, queries, 150));
    }
    assertThat(f.resolve("groundtruth-k150.ivecs")).exists();
  }

  @Test
  void shippedGroundTruthIsUsedWhenItCoversKAndCheckedForRange() throws IOException {
    float[][] base = gaussian(300, 8, 3);
    float[][] queries = gaussian(10, 8, 4);
    Path f = folder(Similarity.EUCLIDEAN, base, queries);
    int[][] planted = new int[10][10];
    for (int[] row : planted) Arrays.fill(row, 3);
    VectorFiles.writeIvecs(f.resolve("groundtruth.ivecs"), planted);
    try (Dataset d = Dataset.open(f)) {
      assertThat(d.groundTruth(10)).isDeepEqualTo(planted);
      assertThat(d.groundTruth(20)).isDeepEqualTo(reference(Similarity.EUCLIDEAN, base, queries, 20));
    }
    planted[2][4] = 300;
    VectorFiles.writeIvecs(f.resolve("groundtruth.ivecs"), planted);
    try (Dataset d = Dataset.open(f)) {
      assertThatThrownBy(() -> d.groundTruth(10)).isInstanceOf(DatasetFormatException.class)
          .hasMessageContaining("groundtruth.ivecs")
          .hasMessageContaining("at byte " + (2 * 44 + 4 + 4 * 4))
          .hasMessageContaining("row 2 column 4: expected a base ordinal in 0..299, found 300");
    }
  }

  @Test
  void slicesGetTheirOwnGroundTruth() throws IOException {
    float[][] base = gaussian(400, 8, 5);
    float[][] queries = gaussian(30, 8, 6);
    Path f = folder(Similarity.EUCLIDEAN, base, queries);
    int[][] planted = new int[30][100];
    VectorFiles.writeIvecs(f.resolve("groundtruth.ivecs"), planted); // for the full base: must not be used
    try (Dataset d = Dataset.open(f, 50, 5)) {
      assertThat(d.base().size()).isEqualTo(50);
      assertThat(d.queries().size()).isEqualTo(5);
      int[][] gt = d.groundTruth(100);
      assertThat(gt).hasNumberOfRows(5);
      assertThat(gt[0]).hasSize(50);
      assertThat(gt).isDeepEqualTo(reference(Similarity.EUCLIDEAN, Arrays.copyOf(base, 50), Arrays.copyOf(queries, 5), 100));
    }
    assertThat(f.resolve("groundtruth-k100-n50.ivecs")).exists();
    try (Dataset d = Dataset.open(f, 400, 30)) { // exactly the whole base: not a slice
      assertThat(d.groundTruth(10)[0]).containsOnly(0);
    }
  }

  @Test
  void readsNpyAndFailsClearlyOnBadFolders() throws IOException {
    float[][] base = gaussian(40, 4, 7);
    Path f = Files.createDirectories(dir.resolve("npy"));
    Files.write(f.resolve("base.npy"),
        TestFiles.npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (40, 4), }", TestFiles.floats(base)));
    TestFiles.fvecs(f.resolve("query.fvecs"), gaussian(3, 5, 8));
    assertThatThrownBy(() -> Dataset.open(f)).isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining("query.fvecs").hasMessageContaining("expected queries of the base dimension 4, found dimension 5");

    TestFiles.fvecs(f.resolve("query.fvecs"), gaussian(3, 4, 8));
    try (Dataset d = Dataset.open(f)) {
      assertThat(d.similarity()).isEqualTo(Similarity.EUCLIDEAN);
      assertThat(d.base().get(39)).isEqualTo(base[39]);
    }
    Files.writeString(f.resolve(Dataset.PROPERTIES), "similarity=hamming\n");
    assertThatThrownBy(() -> Dataset.open(f)).isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining("dataset.properties: field 'similarity': unknown similarity 'hamming'");
    Files.delete(f.resolve(Dataset.PROPERTIES));

    TestFiles.fvecs(f.resolve("base.fvecs"), base);
    assertThatThrownBy(() -> Dataset.open(f)).hasMessageContaining("several base files");
    Files.delete(f.resolve("base.fvecs"));
    Files.delete(f.resolve("base.npy"));
    assertThatThrownBy(() -> Dataset.open(f)).isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("base.*").hasMessageContaining("expected base.fvecs, base.bvecs or base.npy");
  }
}
