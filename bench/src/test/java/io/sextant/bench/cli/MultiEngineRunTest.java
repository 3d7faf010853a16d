package io.sextant.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.bench.CliRunner;
import io.sextant.bench.TinyDataset;
import io.sextant.bench.run.ResultRow;
import io.sextant.core.vector.Similarity;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --engine a,b}: one child JVM per engine, rows streamed in engine order. */
class MultiEngineRunTest {
  @TempDir static Path dir;
  static Path data;

  @BeforeAll
  static void createDataset() throws Exception {
    data = TinyDataset.create(dir, "tiny", 1500, 30, 16, Similarity.COSINE);
  }

  @Test
  void runsEachEngineInItsOwnJvmAndStreamsRowsInOrder() {
    CliRunner r = CliRunner.run("run", "--engine", "sextant,lucene", "--index", "hnsw", "--dataset", data.toString(),
        "--param", "efSearch=10,80", "--queries", "30", "--warmup", "10");
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<ResultRow> rows = r.out().lines().map(l -> ResultRow.parse(l, "stdout")).toList();
    assertThat(rows).extracting(ResultRow::engine).containsExactly("sextant", "sextant", "lucene", "lucene");
    assertThat(rows).extracting(x -> x.params().get("efSearch")).containsExactly("10", "80", "10", "80");
    assertThat(rows).allSatisfy(x -> {
      assertThat(x.dataset()).isEqualTo("tiny");
      assertThat(x.k()).isEqualTo(10);
      assertThat(x.threads()).isEqualTo(1);
      assertThat(x.params()).containsEntry("M", "16").containsEntry("efConstruction", "100");
    });
    // efSearch=80 over 1,500 vectors is close to exact for both engines: checked against brute force.
    assertThat(rows.get(1).recall()).isGreaterThan(0.9);
    assertThat(rows.get(3).recall()).isGreaterThan(0.9);
    // Progress of each child is forwarded with its engine as prefix; one summary table at the end.
    assertThat(r.err()).contains("[sextant] ").contains("[lucene] ").contains("child JVM");
    assertThat(r.err().lines().filter(l -> l.startsWith("engine ")).count()).isEqualTo(1);
  }

  @Test
  void badEngineInTheListFailsBeforeAnyChildStarts() {
    CliRunner r = CliRunner.run("run", "--engine", "sextant,nosuch", "--index", "hnsw", "--dataset", data.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("nosuch").doesNotContain("child JVM");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void childCommandLineReplacesOnlyTheEngine() {
    assertThat(MultiEngineRun.childArgs(List.of("--engine", "a,b", "--k", "5", "--param", "M=8"), "b"))
        .containsExactly("run", "--engine", "b", "--k", "5", "--param", "M=8");
    assertThat(MultiEngineRun.childArgs(List.of("--dataset", "x", "--engine=a,b"), "a"))
        .containsExactly("run", "--dataset", "x", "--engine=a");
    assertThatThrownBy(() -> MultiEngineRun.engines("a,,b")).hasMessageContaining("empty engine name");
    assertThatThrownBy(() -> MultiEngineRun.engines("a,b,a")).hasMessageContaining("a given twice");
  }
}
