package io.sextant.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.bench.CliRunner;
import io.sextant.bench.TinyDataset;
import io.sextant.bench.run.ResultRow;
import io.sextant.core.vector.Similarity;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --engine a,b --interleave}: both engines in one JVM, each setting in alternating blocks. */
class InterleavedRunTest {
  @TempDir static Path dir;
  static Path data;

  @BeforeAll
  static void createDataset() throws Exception {
    data = TinyDataset.create(dir, "tiny", 1500, 50, 16, Similarity.EUCLIDEAN);
  }

  @Test
  void pairsSettingsAndReportsEachEngineAgainstTheSameGroundTruth() {
    CliRunner r = CliRunner.run("run", "--engine", "sextant,lucene", "--index", "hnsw", "--dataset", data.toString(),
        "--param", "efSearch=10,100", "--warmup", "20", "--block", "7", "--interleave", "--clock", "cpu");
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<ResultRow> rows = r.out().lines().map(l -> ResultRow.parse(l, "stdout")).toList();
    // One row per engine per setting, the setting's rows together, engines in command-line order.
    assertThat(rows).extracting(ResultRow::engine).containsExactly("sextant", "lucene", "sextant", "lucene");
    assertThat(rows).extracting(x -> x.params().get("efSearch")).containsExactly("10", "10", "100", "100");
    assertThat(rows).allSatisfy(x -> {
      assertThat(x.clock()).isEqualTo("cpu");
      assertThat(x.qps()).isPositive().isFinite();
      assertThat(x.p50Ms()).isPositive();
      assertThat(x.buildS()).isPositive();
    });
    // A beam of 100 over 1,500 vectors is near exact for both engines (recall scored against brute force):
    // results were kept per engine, not mixed up between the interleaved blocks.
    assertThat(rows.get(2).recall()).isGreaterThan(0.95);
    assertThat(rows.get(3).recall()).isGreaterThan(0.95);
    assertThat(r.err()).contains("interleaved in blocks of 7");
  }

  @Test
  void interleavesTheBuildSettingsOfOneEngine() {
    CliRunner r = CliRunner.run("run", "--engine", "sextant", "--index", "hnsw", "--dataset", data.toString(),
        "--param", "quantization=none,int8", "--param", "efSearch=100", "--warmup", "10", "--interleave");
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<ResultRow> rows = r.out().lines().map(l -> ResultRow.parse(l, "stdout")).toList();
    assertThat(rows).extracting(x -> x.params().get("quantization")).containsExactly("none", "int8");
    assertThat(rows).allSatisfy(x -> assertThat(x.recall()).isGreaterThan(0.9));
  }

  @Test
  void rejectsAParameterOneEngineLacksBeforeBuilding() {
    // quantization is Sextant's own build parameter: there would be no Lucene setting to pair with.
    CliRunner r = CliRunner.run("run", "--engine", "sextant,lucene", "--index", "hnsw", "--dataset", data.toString(),
        "--param", "quantization=none,int8", "--interleave");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("unknown parameter 'quantization' for lucene").doesNotContain("building");
  }

  @Test
  void needsSeveralEnginesAndOneQueryThread() {
    CliRunner one = CliRunner.run("run", "--engine", "sextant", "--index", "hnsw", "--dataset", data.toString(), "--interleave");
    assertThat(one.exitCode()).isNotZero();
    assertThat(one.err()).contains("--interleave needs two or more engines or build settings")
        .doesNotContain("interleaved in blocks"); // rejected before the dataset is loaded
    CliRunner threads = CliRunner.run("run", "--engine", "sextant,lucene", "--index", "hnsw", "--dataset", data.toString(),
        "--interleave", "--threads", "2");
    assertThat(threads.exitCode()).isNotZero();
    assertThat(threads.err()).contains("--threads 1");
  }

  @Test
  void runsEverySettingUnderEachFilterAgainstItsFilteredGroundTruth() {
    CliRunner r = CliRunner.run("run", "--engine", "sextant,lucene", "--index", "hnsw", "--dataset", data.toString(),
        "--param", "efSearch=100", "--param", "filter=0.2,corr:0.1", "--warmup", "10", "--interleave");
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<ResultRow> rows = r.out().lines().map(l -> ResultRow.parse(l, "stdout")).toList();
    assertThat(rows).extracting(ResultRow::engine).containsExactly("sextant", "lucene", "sextant", "lucene");
    assertThat(rows).extracting(x -> x.params().get("filter")).containsExactly("0.2", "0.2", "corr:0.1", "corr:0.1");
    assertThat(rows).extracting(ResultRow::selectivity).containsExactly(0.2, 0.2, 0.1, 0.1);
    // Scored against the exact top-k of the accepted set: an engine returning unfiltered neighbours
    // would score about the selectivity here, not near 1.
    assertThat(rows).allSatisfy(x -> assertThat(x.recall()).isGreaterThan(0.9));
  }

  @Test
  void rejectsAFilterForAnEngineWithoutFilteringBeforeBuilding() {
    CliRunner r = CliRunner.run("run", "--engine", "sextant,jvector", "--index", "hnsw", "--dataset", data.toString(),
        "--param", "filter=0.5", "--interleave");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("unsupported param filter for engine jvector index hnsw").doesNotContain("building");
  }
}
