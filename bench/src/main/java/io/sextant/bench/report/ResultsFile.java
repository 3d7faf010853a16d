package io.sextant.bench.report;

import io.sextant.bench.run.ResultRow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the JSON lines {@code sextant-bench run} wrote; blank lines are skipped. */
public final class ResultsFile {
  private ResultsFile() {}

  public static List<ResultRow> read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) throw new IllegalArgumentException("results file not found: " + file);
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<ResultRow> rows = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) continue;
      rows.add(ResultRow.parse(lines.get(i), file + ":" + (i + 1)));
    }
    if (rows.isEmpty()) throw new IllegalArgumentException("results file " + file + " holds no result lines");
    return rows;
  }
}
