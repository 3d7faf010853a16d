package io.sextant.bench.report;

import io.sextant.bench.run.ResultRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The comparison an ANN sweep is read for: per curve (engine, index, build parameters, threads),
 * the fastest setting whose recall@k reaches a target, and how many times faster Sextant's curve
 * with the same index and build parameters is there. "Fastest at or above the target" rather than
 * "first setting above it" so that a noisy point cannot pick a slower setting.
 */
public final class RecallTargetTable {
  static final String REFERENCE_ENGINE = "sextant";

  private RecallTargetTable() {}

  private record Curve(SeriesKey key, int threads) {
    String group() { return key.index() + " " + key.buildParams() + " " + threads; }
  }

  /** The fastest row of {@code rows} with recall at least {@code target}, or null. */
  static ResultRow fastestAtOrAbove(List<ResultRow> rows, double target) {
    ResultRow best = null;
    for (ResultRow r : rows) {
      if (r.recall() >= target && (best == null || r.qps() > best.qps())) best = r;
    }
    return best;
  }

  /** Markdown sections, one per target; empty when no curve has more than one point. */
  public static String render(List<ResultRow> rows, List<Double> targets) {
    Map<Curve, List<ResultRow>> curves = new LinkedHashMap<>();
    for (ResultRow r : rows) curves.computeIfAbsent(new Curve(SeriesKey.of(r), r.threads()), c -> new ArrayList<>()).add(r);
    if (curves.values().stream().allMatch(c -> c.size() < 2)) return "";
    StringBuilder sb = new StringBuilder();
    for (double target : targets) {
      ResultRow any = rows.getFirst();
      sb.append(String.format(Locale.ROOT, "%n## Fastest setting at recall@%d >= %s%n%n", any.k(), trim(target)));
      sb.append("| index | build params | threads | engine | search params | recall | QPS | sextant ÷ engine |\n");
      sb.append("|---|---|--:|---|---|--:|--:|--:|\n");
      for (Map.Entry<Curve, List<ResultRow>> e : curves.entrySet()) {
        Curve c = e.getKey();
        ResultRow best = fastestAtOrAbove(e.getValue(), target);
        ResultRow ref = null;
        for (Map.Entry<Curve, List<ResultRow>> o : curves.entrySet()) {
          if (o.getKey().key().engine().equals(REFERENCE_ENGINE) && o.getKey().group().equals(c.group())) {
            ref = fastestAtOrAbove(o.getValue(), target);
          }
        }
        String head = String.format(Locale.ROOT, "| %s | %s | %d | %s |", c.key().index(),
            c.key().buildParams().isEmpty() ? "-" : c.key().buildParams(), c.threads(), c.key().engine());
        if (best == null) {
          double max = e.getValue().stream().mapToDouble(ResultRow::recall).max().orElse(0);
          sb.append(String.format(Locale.ROOT, "%s not reached (best recall %.4f) | | | |%n", head, max));
          continue;
        }
        String ratio = ref == null ? "–" : String.format(Locale.ROOT, "%.2fx", ref.qps() / best.qps());
        String search = SeriesKey.searchParams(best);
        sb.append(String.format(Locale.ROOT, "%s %s | %.4f | %.1f | %s |%n", head, search.isEmpty() ? "-" : search,
            best.recall(), best.qps(), ratio));
      }
    }
    return sb.toString();
  }

  private static String trim(double v) {
    String s = String.format(Locale.ROOT, "%.4f", v);
    return s.replaceFirst("0+$", "").replaceFirst("\\.$", "");
  }
}
