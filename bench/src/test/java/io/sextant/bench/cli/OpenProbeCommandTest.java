package io.sextant.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.bench.CliRunner;
import io.sextant.bench.json.JsonReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small open-probe end to end: builds once, reuses, child JVMs under -Xmx64m find the exact top hit. */
class OpenProbeCommandTest {
  @TempDir Path dir;

  @Test
  void buildsOnceThenChildJvmsOpenAndSearchUnderSmallHeap() throws Exception {
    Path folder = dir.resolve("c");
    CliRunner first = CliRunner.run("open-probe", "--dir", folder.toString(), "--n", "3000", "--dim", "16", "--runs", "2",
        "--searches", "2");
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.err()).contains("building 3000 x 16");
    List<String> lines = first.out().lines().toList();
    assertThat(lines).hasSize(3);
    for (String line : lines.subList(0, 2)) {
      Map<String, Object> run = JsonReader.parseObject(line, "run line");
      assertThat(((Number) run.get("size")).longValue()).isEqualTo(3000L);
      assertThat(run.get("top_ok")).isEqualTo(true);
      assertThat(((Number) run.get("open_ms")).doubleValue()).isPositive();
      assertThat(((Number) run.get("heap_max_bytes")).longValue()).isLessThanOrEqualTo(64L << 20);
    }
    Map<String, Object> summary = JsonReader.parseObject(lines.get(2), "summary");
    assertThat(summary.get("summary")).isEqualTo("open-probe");
    assertThat(summary.get("all_top_ok")).isEqualTo("true");
    assertThat(((Number) summary.get("open_ms_min")).doubleValue())
        .isLessThanOrEqualTo(((Number) summary.get("open_ms_median")).doubleValue());

    CliRunner again = CliRunner.run("open-probe", "--dir", folder.toString(), "--n", "3000", "--dim", "16", "--runs", "1",
        "--searches", "0");
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.err()).doesNotContain("building");

    CliRunner other = CliRunner.run("open-probe", "--dir", folder.toString(), "--n", "2000", "--dim", "16", "--runs", "1");
    assertThat(other.exitCode()).isEqualTo(2);
    assertThat(other.err()).contains("holds a collection of 3000 x 16, not 2000 x 16");
  }
}
