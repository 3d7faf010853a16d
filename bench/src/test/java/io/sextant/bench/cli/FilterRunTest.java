package io.sextant.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.bench.CliRunner;
import io.sextant.bench.TinyDataset;
import io.sextant.bench.json.JsonReader;
import io.sextant.bench.run.ResultRow;
import io.sextant.core.vector.Similarity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --param filter=...} end to end on a 2,000-vector synthetic folder. */
class FilterRunTest {
  @TempDir static Path dir;
  static Path data;

  @BeforeAll
  static void createDataset() throws Exception {
    data = TinyDataset.create(dir, "tiny", 2000, 40, 16, Similarity.EUCLIDEAN);
  }

  private static List<ResultRow> rows(CliRunner r) {
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<ResultRow> rows = new ArrayList<>();
    for (String line : r.out().lines().toList()) {
      Map<String, Object> o = JsonReader.parseObject(line, "stdout");
      List<String> expected = new ArrayList<>(ResultRow.FIELDS);
      expected.add("selectivity");
      assertThat(new ArrayList<>(o.keySet())).containsExactlyElementsOf(expected);
      rows.add(ResultRow.parse(line, "stdout"));
    }
    return rows;
  }

  @Test
  void flatWithFiltersIsExactAgainstFilteredTruthAndCachesIt() throws Exception {
    CliRunner r = CliRunner.run("run", "--engine", "sextant", "--index", "flat", "--dataset", data.toString(),
        "--param", "filter=0.5,0.01,corr:0.1", "--warmup", "10");
    List<ResultRow> rows = rows(r);
    assertThat(rows).extracting(x -> x.params().get("filter")).containsExactly("0.5", "0.01", "corr:0.1");
    assertThat(rows).extracting(ResultRow::selectivity).containsExactly(0.5, 0.01, 0.1);
    assertThat(rows).allSatisfy(x -> assertThat(x.recall()).isEqualTo(1.0));
    try (Stream<Path> files = Files.list(data)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(f -> f.startsWith("groundtruth-filter-")))
          .contains("groundtruth-filter-0.5-seed42-n2000-q40-k10.ivecs",
              "groundtruth-filter-corr_0.1-seed42-n2000-q40-k10.ivecs");
    }
    // The second run reads the cache and measures the same thing.
    assertThat(rows(CliRunner.run("run", "--engine", "sextant", "--index", "flat", "--dataset", data.toString(),
        "--param", "filter=0.01", "--warmup", "10"))).extracting(ResultRow::recall).containsExactly(1.0);
  }

  @Test
  void hnswAndIvfKeepRecallUnderFilters() {
    List<ResultRow> hnsw = rows(CliRunner.run("run", "--engine", "sextant", "--index", "hnsw", "--dataset",
        data.toString(), "--param", "efSearch=40", "--param", "filter=0.5,0.05,corr:0.05", "--warmup", "10"));
    assertThat(hnsw).hasSize(3).allSatisfy(x -> assertThat(x.recall()).isGreaterThanOrEqualTo(0.9));
    List<ResultRow> ivf = rows(CliRunner.run("run", "--engine", "sextant", "--index", "ivf", "--dataset",
        data.toString(), "--param", "nprobe=8", "--param", "filter=0.1,corr:0.1", "--warmup", "10"));
    assertThat(ivf).hasSize(2).allSatisfy(x -> assertThat(x.recall()).isGreaterThanOrEqualTo(0.9));
  }

  @Test
  void expressionsSelectByTheSynsetPartOfSpeech() throws Exception {
    Path wn = TinyDataset.create(dir, "tiny-wordnet", 400, 20, 8, Similarity.COSINE);
    StringBuilder ids = new StringBuilder();
    String letters = "nvasr"; // noun, verb, adj, adj (satellite), adv
    for (int i = 0; i < 400; i++) ids.append(letters.charAt(i % 5)).append(String.format("%08d", i)).append('\n');
    Files.writeString(wn.resolve("base-ids.txt"), ids);
    List<ResultRow> rows = rows(CliRunner.run("run", "--engine", "sextant", "--index", "flat", "--dataset",
        wn.toString(), "--param", "filter=pos = \"verb\",pos = \"adj\" OR pos = \"adv\"", "--warmup", "5"));
    assertThat(rows).extracting(ResultRow::selectivity).containsExactly(0.2, 0.6);
    assertThat(rows).extracting(x -> x.params().get("filter")).containsExactly("pos = \"verb\"",
        "pos = \"adj\" OR pos = \"adv\"");
    assertThat(rows).allSatisfy(x -> assertThat(x.recall()).isEqualTo(1.0));
    fails("parameter filter: 'lang = \"fr\"'", "run", "--dataset", wn.toString(), "--param", "filter=lang = \"fr\"");
    fails("parameter filter: 'pos =': filter error at column 6: expected a value", "run", "--dataset", wn.toString(), "--param", "filter=pos = ");
  }

  @Test
  void luceneFiltersThroughItsKnnQuery() {
    List<ResultRow> rows = rows(CliRunner.run("run", "--engine", "lucene", "--index", "hnsw", "--dataset",
        data.toString(), "--param", "efSearch=40", "--param", "filter=0.5,0.01,corr:0.1", "--warmup", "10"));
    assertThat(rows).extracting(ResultRow::selectivity).containsExactly(0.5, 0.01, 0.1);
    assertThat(rows).allSatisfy(x -> assertThat(x.recall()).isGreaterThanOrEqualTo(0.9));
  }

  private static void fails(String expected, String... args) {
    CliRunner r = CliRunner.run(args);
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains(expected);
  }

  @Test
  void badFiltersAreClearErrors() {
    String d = data.toString();
    fails("selectivity 2 is outside (0, 1]", "run", "--dataset", d, "--param", "filter=0.1,2");
    fails("'rand:0.1' has an unknown prefix", "run", "--dataset", d, "--param", "filter=rand:0.1");
    fails("accepts round(1.0E-5 x 2000) = 0 of the 2000 base vectors", "run", "--dataset", d, "--param",
        "filter=0.00001");
    fails("is an expression, but dataset tiny has no document attributes", "run", "--dataset", d, "--param",
        "filter=lang = \"fr\"");
    fails("unsupported param filter for engine jvector index hnsw", "run", "--engine", "jvector", "--index", "hnsw",
        "--dataset", d, "--param", "filter=0.1");
  }
}
