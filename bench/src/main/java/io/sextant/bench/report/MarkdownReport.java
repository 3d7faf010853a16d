package io.sextant.bench.report;

import io.sextant.bench.run.ResultRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** A markdown summary of result rows: one table per engine/index, one line per row, in file order. */
public final class MarkdownReport {
  private MarkdownReport() {}

  public static String render(List<ResultRow> rows) {
    StringBuilder sb = new StringBuilder();
    sb.append("# sextant-bench results\n\n");
    sb.append("- dataset: ").append(distinct(rows, r -> r.dataset() + " (n=" + r.n() + ", dim=" + r.dim() + ", "
        + r.metric() + ")")).append('\n');
    sb.append("- k: ").append(distinct(rows, r -> Integer.toString(r.k())))
        .append(", threads: ").append(distinct(rows, r -> Integer.toString(r.threads()))).append('\n');
    sb.append("- jvm: ").append(distinct(rows, ResultRow::jvm))
        .append(", kernels: ").append(distinct(rows, ResultRow::simd))
        .append(", clock: ").append(distinct(rows, ResultRow::clock))
        .append(" (cpu: QPS and latencies in the query thread's CPU time)").append('\n');

    Map<String, List<ResultRow>> groups = new LinkedHashMap<>();
    for (ResultRow r : rows) groups.computeIfAbsent(r.engine() + " / " + r.index(), g -> new ArrayList<>()).add(r);
    for (Map.Entry<String, List<ResultRow>> g : groups.entrySet()) {
      sb.append("\n## ").append(g.getKey()).append("\n\n");
      sb.append("| dataset | params | k | threads | recall | QPS | p50 ms | p95 ms | p99 ms | build s | index MiB | heap MiB |\n");
      sb.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
      for (ResultRow r : g.getValue()) {
        String params = SeriesKey.paramsText(r.params());
        sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.4f | %.1f | %.3f | %.3f | %.3f | %.2f | %.1f | %.1f |%n",
            r.dataset(), params.isEmpty() ? "-" : params, r.k(), r.threads(), r.recall(), r.qps(), r.p50Ms(),
            r.p95Ms(), r.p99Ms(), r.buildS(), mib(r.indexBytes()), mib(r.heapBytes())));
      }
    }
    return sb.toString();
  }

  private static double mib(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }

  private static String distinct(List<ResultRow> rows, java.util.function.Function<ResultRow, String> f) {
    TreeSet<String> values = new TreeSet<>();
    for (ResultRow r : rows) values.add(f.apply(r));
    return String.join("; ", values);
  }
}
