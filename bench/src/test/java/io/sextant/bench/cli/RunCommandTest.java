package io.sextant.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.bench.CliRunner;
import io.sextant.bench.TinyDataset;
import io.sextant.bench.json.JsonReader;
import io.sextant.bench.run.ResultRow;
import io.sextant.core.vector.Similarity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} end to end, in-process, on a 2,000-vector synthetic folder. */
class RunCommandTest {
  @TempDir static Path dir;
  static Path data;

  @BeforeAll
  static void createDataset() throws Exception {
    data = TinyDataset.create(dir, "tiny", 2000, 50, 32, Similarity.EUCLIDEAN);
  }

  private static List<ResultRow> rows(CliRunner r) {
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<ResultRow> rows = new ArrayList<>();
    for (String line : r.out().lines().toList()) {
      Map<String, Object> o = JsonReader.parseObject(line, "stdout");
      assertThat(new ArrayList<>(o.keySet())).containsExactlyElementsOf(ResultRow.FIELDS);
      rows.add(ResultRow.parse(line, "stdout"));
    }
    return rows;
  }

  @Test
  void flatIsExactAndStdoutHoldsOnlyJson() {
    CliRunner r = CliRunner.run("run", "--engine", "sextant", "--index", "flat", "--dataset", data.toString(),
        "--k", "10", "--warmup", "20");
    List<ResultRow> rows = rows(r);
    assertThat(rows).hasSize(1);
    ResultRow row = rows.getFirst();
    assertThat(row.recall()).isEqualTo(1.0);
    assertThat(row.engine()).isEqualTo("sextant");
    assertThat(row.index()).isEqualTo("flat");
    assertThat(row.dataset()).isEqualTo("tiny");
    assertThat(row.n()).isEqualTo(2000);
    assertThat(row.dim()).isEqualTo(32);
    assertThat(row.metric()).isEqualTo("EUCLIDEAN");
    assertThat(row.k()).isEqualTo(10);
    assertThat(row.threads()).isEqualTo(1);
    assertThat(row.params()).containsExactly(Map.entry("storage", "memory"));
    assertThat(row.qps()).isPositive();
    assertThat(row.p50Ms()).isPositive().isLessThanOrEqualTo(row.p95Ms());
    assertThat(row.p95Ms()).isLessThanOrEqualTo(row.p99Ms());
    assertThat(row.indexBytes()).isEqualTo(2000L * 32 * 4);
    assertThat(row.jvm()).isEqualTo(Runtime.version().toString());
    assertThat(row.simd()).isIn("panama", "scalar");
    assertThat(r.err()).contains("recall@10 1.0000").contains("engine").contains("QPS");
  }

  @Test
  void luceneSweepsEfSearchOverOneBuild() {
    CliRunner r = CliRunner.run("run", "--engine", "lucene", "--index", "hnsw", "--dataset", data.toString(),
        "--param", "efSearch=10,100", "--queries", "40", "--warmup", "20", "--threads", "2");
    List<ResultRow> rows = rows(r);
    assertThat(rows).hasSize(2);
    assertThat(rows).extracting(x -> x.params().get("efSearch")).containsExactly("10", "100");
    assertThat(rows).allSatisfy(x -> {
      assertThat(x.params()).containsEntry("M", "16").containsEntry("efConstruction", "100");
      assertThat(x.threads()).isEqualTo(2);
    });
    assertThat(rows.get(0).buildS()).isEqualTo(rows.get(1).buildS()); // one build for the sweep
    assertThat(rows.get(1).recall()).isGreaterThan(0.9);
    assertThat(r.err()).containsOnlyOnce("building");
  }

  @Test
  void jvectorBuildsOncePerBuildValue() {
    CliRunner r = CliRunner.run("run", "--engine", "jvector", "--index", "hnsw", "--dataset", data.toString(),
        "--param", "M=8,16", "--param", "efSearch=100", "--queries", "40", "--warmup", "20");
    List<ResultRow> rows = rows(r);
    assertThat(rows).extracting(x -> x.params().get("M")).containsExactly("8", "16");
    assertThat(rows).allSatisfy(x -> assertThat(x.recall()).isGreaterThan(0.9));
    assertThat(r.err().split("building", -1)).hasSize(3);
  }

  @Test
  void cpuClockTimesTheQueryThreadAndIsRecordedInTheRow() {
    CliRunner r = CliRunner.run("run", "--engine", "sextant", "--index", "flat", "--dataset", data.toString(),
        "--queries", "40", "--warmup", "20", "--clock", "cpu");
    List<ResultRow> rows = rows(r);
    assertThat(rows).singleElement().satisfies(x -> {
      assertThat(x.clock()).isEqualTo("cpu");
      assertThat(x.recall()).isEqualTo(1.0);
      assertThat(x.qps()).isPositive();
    });
    assertThat(rows(CliRunner.run("run", "--engine", "sextant", "--index", "flat", "--dataset", data.toString(),
        "--queries", "10", "--warmup", "0")).getFirst().clock()).isEqualTo("wall");
  }

  @Test
  void cpuClockNeedsOneThread() {
    CliRunner r = CliRunner.run("run", "--engine", "sextant", "--index", "flat", "--dataset", data.toString(),
        "--clock", "cpu", "--threads", "2");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--clock cpu needs --threads 1");
  }
}
