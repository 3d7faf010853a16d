package io.sextant.bench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.core.data.Dataset;
import io.sextant.core.data.VectorFiles;
import io.sextant.core.testing.BruteForce;
import io.sextant.core.vector.Similarity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetRegistryTest {
  @TempDir Path cache;

  @Test
  void syntheticNamesParseSizesWithSuffixes() {
    SyntheticSource s = SyntheticSource.parse("synthetic-1536-100k");
    assertThat(s.dimension).isEqualTo(1536);
    assertThat(s.size).isEqualTo(100_000);
    assertThat(SyntheticSource.parse("synthetic-768-1M").size).isEqualTo(1_000_000);
    assertThat(SyntheticSource.parse("synthetic-8-123").size).isEqualTo(123);
    assertThat(SyntheticSource.parse("fashion-mnist")).isNull();
    assertThatThrownBy(() -> SyntheticSource.parse("synthetic-0-10")).hasMessageContaining("dimension must be 1..65536, got 0");
    assertThatThrownBy(() -> SyntheticSource.parse("synthetic-8-5000m")).hasMessageContaining("size must be");
    assertThatThrownBy(() -> DatasetRegistry.source("sift-1m")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown dataset 'sift-1m': expected fashion-mnist, wordnet-minilm");
  }

  @Test
  void fetchGeneratesCachesAndComputesGroundTruthOnce() throws IOException {
    DatasetRegistry r = new DatasetRegistry(cache);
    assertThat(r.isCached("synthetic-16-3k")).isFalse();
    Path dir = r.fetch("synthetic-16-3k");
    assertThat(dir).isEqualTo(cache.resolve("synthetic-16-3k"));
    assertThat(r.isCached("synthetic-16-3k")).isTrue();
    long modified = Files.getLastModifiedTime(dir.resolve("base.fvecs")).toMillis();
    try (Dataset d = r.open("synthetic-16-3k")) {
      assertThat(d.base().size()).isEqualTo(3000);
      assertThat(d.queries().size()).isEqualTo(1000);
      assertThat(d.similarity()).isEqualTo(Similarity.COSINE);
      int[][] truth = VectorFiles.readInts(dir.resolve("groundtruth-k100.ivecs"));
      assertThat(truth).hasNumberOfRows(1000);
      float[][] base = new float[3000][];
      for (int i = 0; i < 3000; i++) base[i] = d.base().get(i);
      for (int q = 0; q < 1000; q += 97) {
        assertThat(truth[q]).startsWith(BruteForce.topK(Similarity.COSINE, d.queries().get(q), base, 5));
      }
      assertThat(d.groundTruth(10)[0]).hasSize(10);
    }
    assertThat(Files.getLastModifiedTime(dir.resolve("base.fvecs")).toMillis()).isEqualTo(modified);
    assertThat(r.list()).containsKeys("fashion-mnist", "wordnet-minilm", "wordnet-minilm-10k", "synthetic-<dim>-<n>");
  }

  @Test
  void aFolderPathIsUsedAsItIs() throws IOException {
    Path own = cache.resolve("elsewhere/mine");
    try (var b = io.sextant.core.data.SyntheticDataset.builder(4).clusters(3).build().generate(50, 1, 1);
         var q = io.sextant.core.data.SyntheticDataset.builder(4).clusters(3).build().generate(5, 2, 1)) {
      Dataset.create(own, Similarity.EUCLIDEAN, "mine", b.vectors(), q.vectors());
    }
    DatasetRegistry r = new DatasetRegistry(cache.resolve("c"));
    assertThat(r.fetch(own.toString())).isEqualTo(own.toAbsolutePath());
    assertThat(own.resolve("groundtruth-k100.ivecs")).exists();
    assertThat(cache.resolve("c/mine")).doesNotExist();
  }

  @Test
  void cacheFolderComesFromPropertyThenEnvironmentThenHome() {
    String old = System.getProperty("sextant.datasets");
    try {
      System.setProperty("sextant.datasets", cache.toString());
      assertThat(DatasetRegistry.defaultCache()).isEqualTo(cache);
      System.clearProperty("sextant.datasets");
      Path expected = System.getenv("SEXTANT_DATASETS") != null ? Path.of(System.getenv("SEXTANT_DATASETS"))
          : Path.of(System.getProperty("user.home"), ".cache", "sextant", "datasets");
      assertThat(DatasetRegistry.defaultCache()).isEqualTo(expected);
    } finally {
      if (old != null) System.setProperty("sextant.datasets", old);
    }
  }
}
