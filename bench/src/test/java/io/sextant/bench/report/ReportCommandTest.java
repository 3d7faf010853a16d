package io.sextant.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.bench.CliRunner;
import io.sextant.bench.run.ResultRow;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
  @TempDir Path dir;

  private static ResultRow row(String engine, String index, Map<String, String> params, double recall, double qps) {
    return new ResultRow(engine, index, params, "synthetic-16-1000", 1000, 16, "EUCLIDEAN", 10, recall, qps,
        0.1, 0.2, 0.3, 1.5, 64000, 32000, 1, "25", "panama");
  }

  private Path writeResults() throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add(row("sextant", "flat", Map.of(), 1.0, 900).toJson());
    for (int ef : new int[] {10, 20, 40}) {
      Map<String, String> p = new LinkedHashMap<>();
      p.put("M", "16");
      p.put("efConstruction", "100");
      p.put("efSearch", Integer.toString(ef));
      lines.add(row("lucene", "hnsw", p, 0.8 + ef / 400.0, 20000.0 / ef).toJson());
      lines.add(row("jvector", "hnsw", p, 0.82 + ef / 400.0, 25000.0 / ef).toJson());
    }
    lines.add("");
    Path f = dir.resolve("results.jsonl");
    Files.write(f, lines);
    return f;
  }

  @Test
  void writesMarkdownAndAPngPlot() throws Exception {
    Path in = writeResults();
    Path outDir = dir.resolve("out");
    CliRunner r = CliRunner.run("report", in.toString(), "--out", outDir.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();

    Path md = outDir.resolve("results.md");
    Path png = outDir.resolve("results-recall-qps.png");
    assertThat(md).exists();
    assertThat(r.out()).isEqualTo(Files.readString(md));
    assertThat(r.out()).contains("## sextant / flat", "## lucene / hnsw", "## jvector / hnsw",
        "| synthetic-16-1000 | M=16,efConstruction=100,efSearch=40 | 10 | 1 | 0.9000 | 500.0 |");
    // one table line per JSON line: header + separator per group, plus 7 data rows
    assertThat(r.out().lines().filter(l -> l.startsWith("| synthetic-16-1000 |")).count()).isEqualTo(7);
    assertThat(r.err()).contains(md.toString(), png.toString());

    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img).as("a readable PNG").isNotNull();
    assertThat(img.getWidth()).isEqualTo(1000);
    assertThat(img.getHeight()).isEqualTo(700);
  }

  @Test
  void badInputFileIsReportedWithFileAndLine() throws Exception {
    Path f = dir.resolve("bad.jsonl");
    Files.writeString(f, row("sextant", "flat", Map.of(), 1, 1).toJson() + "\n{\"engine\": 1}\n");
    CliRunner r = CliRunner.run("report", f.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains(f + ":2").contains("missing field");
    CliRunner missing = CliRunner.run("report", dir.resolve("nope.jsonl").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("results file not found");
  }

  @Test
  void fastestSettingAtEachRecallTargetWithSextantRatio() throws Exception {
    List<String> lines = new ArrayList<>();
    double[][] sextant = {{10, 0.90, 9000}, {20, 0.96, 6000}, {40, 0.99, 4000}};
    double[][] lucene = {{10, 0.91, 5000}, {20, 0.94, 4000}, {40, 0.97, 2400}, {80, 0.985, 1500}};
    for (double[] p : sextant) lines.add(row("sextant", "hnsw", hnsw((int) p[0]), p[1], p[2]).toJson());
    for (double[] p : lucene) lines.add(row("lucene", "hnsw", hnsw((int) p[0]), p[1], p[2]).toJson());
    Path f = dir.resolve("sweep.jsonl");
    Files.write(f, lines);
    CliRunner r = CliRunner.run("report", f.toString(), "--recall-targets", "0.95,0.99");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("## Fastest setting at recall@10 >= 0.95", "## Fastest setting at recall@10 >= 0.99")
        .contains("| hnsw | M=16,efConstruction=100 | 1 | sextant | efSearch=20 | 0.9600 | 6000.0 | 1.00x |")
        .contains("| hnsw | M=16,efConstruction=100 | 1 | lucene | efSearch=40 | 0.9700 | 2400.0 | 2.50x |")
        .contains("| hnsw | M=16,efConstruction=100 | 1 | sextant | efSearch=40 | 0.9900 | 4000.0 | 1.00x |")
        .contains("| hnsw | M=16,efConstruction=100 | 1 | lucene | not reached (best recall 0.9850) |");
    assertThat(CliRunner.run("report", f.toString(), "--recall-targets", "1.5").exitCode()).isEqualTo(2);
  }

  private static Map<String, String> hnsw(int ef) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("M", "16");
    p.put("efConstruction", "100");
    p.put("efSearch", Integer.toString(ef));
    return p;
  }
}
