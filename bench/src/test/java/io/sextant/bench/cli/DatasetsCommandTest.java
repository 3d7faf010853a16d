package io.sextant.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.bench.CliRunner;
import io.sextant.bench.data.DatasetRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsCommandTest {
  @TempDir Path cache;
  private String previous;

  @BeforeEach
  void useTempCache() {
    previous = System.getProperty("sextant.datasets");
    System.setProperty("sextant.datasets", cache.toString());
  }

  @AfterEach
  void restore() {
    if (previous == null) System.clearProperty("sextant.datasets");
    else System.setProperty("sextant.datasets", previous);
  }

  @Test
  void listShowsEveryNamedDatasetAndWhatIsCached() {
    CliRunner before = CliRunner.run("datasets", "list");
    assertThat(before.exitCode()).as(before.err()).isZero();
    assertThat(before.out()).contains("fashion-mnist", "wordnet-minilm", "wordnet-minilm-10k",
        DatasetRegistry.SYNTHETIC_PATTERN, "cache: " + cache);
    assertThat(before.out().lines().filter(l -> l.startsWith("fashion-mnist")).findFirst().orElseThrow())
        .contains(" no ");

    CliRunner fetch = CliRunner.run("datasets", "fetch", "synthetic-8-300");
    assertThat(fetch.exitCode()).as(fetch.err()).isZero();
    assertThat(fetch.err()).contains("dataset synthetic-8-300: " + cache.resolve("synthetic-8-300"));

    CliRunner after = CliRunner.run("datasets", "list");
    String line = after.out().lines().filter(l -> l.startsWith("synthetic-8-300")).findFirst().orElseThrow();
    assertThat(line.split("\\s+")).startsWith("synthetic-8-300", "300", "8", "COSINE", "yes");
  }

  @Test
  void missingSubcommandIsAUsageError() {
    CliRunner r = CliRunner.run("datasets");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("missing subcommand: list or fetch");
  }
}
