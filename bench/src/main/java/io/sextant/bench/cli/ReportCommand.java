package io.sextant.bench.cli;

import io.sextant.bench.report.MarkdownReport;
import io.sextant.bench.report.RecallQpsPlot;
import io.sextant.bench.report.RecallTargetTable;
import io.sextant.bench.report.ResultsFile;
import io.sextant.bench.run.ResultRow;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sextant-bench report FILE.jsonl [--out DIR]}: markdown table on stdout, plus .md and .png files. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Turns the JSON lines written by `run` (one or several runs in one file) into a markdown table "
        + "(stdout and FILE.md) and a recall-vs-QPS plot (FILE-recall-qps.png, log QPS axis, one curve per engine, "
        + "index and build parameters). For sweeps it adds, per recall target, each curve's fastest setting "
        + "reaching it and how many times faster Sextant's curve with the same build parameters is there.")
public final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE.jsonl", description = "output of sextant-bench run") Path input;

  @Option(names = "--out", paramLabel = "DIR", description = "folder for the .md and .png (default: beside FILE)")
  Path out;

  @Option(names = "--recall-targets", split = ",", paramLabel = "R1,R2", defaultValue = "0.95,0.99",
      description = "recall@k targets of the fastest-setting tables (default: ${DEFAULT-VALUE})")
  List<Double> targets;

  @Override public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    List<ResultRow> rows = ResultsFile.read(input);
    Path dir = out != null ? out : input.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    String base = input.getFileName().toString().replaceFirst("\\.jsonl?$", "");
    for (double t : targets) {
      if (!(t > 0 && t <= 1)) throw new IllegalArgumentException("--recall-targets: " + t + " is not in (0, 1]");
    }
    String markdown = MarkdownReport.render(rows) + RecallTargetTable.render(rows, targets);
    Path md = dir.resolve(base + ".md");
    Files.writeString(md, markdown, StandardCharsets.UTF_8);
    Path png = dir.resolve(base + "-recall-qps.png");
    RecallQpsPlot.write(rows, png);
    stdout.print(markdown);
    stdout.flush();
    stderr.println("report: " + rows.size() + " rows -> " + md + " and " + png);
    return 0;
  }
}
