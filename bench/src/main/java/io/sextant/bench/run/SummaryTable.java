package io.sextant.bench.run;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** The short table for people that {@code run} prints on stderr after its JSON lines. */
public final class SummaryTable {
  private SummaryTable() {}

  public static void print(List<ResultRow> rows, PrintWriter err) {
    if (rows.isEmpty()) return;
    ResultRow first = rows.getFirst();
    err.printf(Locale.ROOT, "%n%s: n=%d dim=%d %s k=%d threads=%d jvm=%s kernels=%s%n", first.dataset(), first.n(),
        first.dim(), first.metric(), first.k(), first.threads(), first.jvm(), first.simd());
    int paramsWidth = Math.max(6, rows.stream().mapToInt(r -> paramsText(r).length()).max().orElse(0));
    String head = "%-8s %-6s %-" + paramsWidth + "s %7s %10s %8s %8s %8s %8s %10s %9s%n";
    String line = "%-8s %-6s %-" + paramsWidth + "s %7.4f %10.1f %8.3f %8.3f %8.3f %8.2f %10.1f %9.1f%n";
    err.printf(Locale.ROOT, head, "engine", "index", "params", "recall", "QPS", "p50 ms", "p95 ms", "p99 ms", "build s",
        "index MiB", "heap MiB");
    for (ResultRow r : rows) {
      err.printf(Locale.ROOT, line, r.engine(), r.index(), paramsText(r), r.recall(), r.qps(), r.p50Ms(), r.p95Ms(),
          r.p99Ms(), r.buildS(), r.indexBytes() / 1048576.0, r.heapBytes() / 1048576.0);
    }
    err.flush();
  }

  private static String paramsText(ResultRow r) {
    if (r.params().isEmpty()) return "-";
    StringBuilder sb = new StringBuilder();
    r.params().forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ",").append(k).append('=').append(v));
    return sb.toString();
  }
}
