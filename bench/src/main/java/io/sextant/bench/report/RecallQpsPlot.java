package io.sextant.bench.report;

import io.sextant.bench.run.ResultRow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The usual ANN trade-off plot: recall@k on x, queries per second on a log y axis, one curve per
 * engine + index + build parameters (the points of a curve are its search-parameter sweep).
 */
public final class RecallQpsPlot {
  private RecallQpsPlot() {}

  /** Renders the rows to a PNG at {@code png} (parent folders must exist). */
  public static void write(List<ResultRow> rows, Path png) throws IOException {
    // Rendering needs no display; set before the first AWT class loads (no-op when already set).
    if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    ResultRow first = rows.getFirst();
    XYChart chart = new XYChartBuilder().width(1000).height(700)
        .title("recall@" + first.k() + " vs QPS — " + first.dataset() + " (" + first.threads() + " thread"
            + (first.threads() == 1 ? "" : "s") + ")")
        .xAxisTitle("recall@" + first.k()).yAxisTitle(rows.stream().allMatch(r -> r.clock().equals("cpu"))
            ? "queries per CPU-second of the query thread (log)" : "queries per second (log)").build();
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setYAxisDecimalPattern("#,##0.#");
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
    chart.getStyler().setMarkerSize(7);

    Map<SeriesKey, List<ResultRow>> series = new LinkedHashMap<>();
    for (ResultRow r : rows) series.computeIfAbsent(SeriesKey.of(r), s -> new ArrayList<>()).add(r);
    for (Map.Entry<SeriesKey, List<ResultRow>> e : series.entrySet()) {
      List<ResultRow> points = new ArrayList<>(e.getValue());
      points.sort(Comparator.comparingDouble(ResultRow::recall));
      double[] x = points.stream().mapToDouble(ResultRow::recall).toArray();
      // A log axis cannot show 0; a run too slow to measure is drawn at the axis floor.
      double[] y = points.stream().mapToDouble(r -> Math.max(r.qps(), 1e-3)).toArray();
      XYSeries s = chart.addSeries(uniqueName(chart, e.getKey().label()), x, y);
      s.setMarker(SeriesMarkers.CIRCLE);
    }
    String name = png.getFileName().toString();
    String base = name.endsWith(".png") ? name.substring(0, name.length() - 4) : name;
    BitmapEncoder.saveBitmap(chart, png.resolveSibling(base).toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  private static String uniqueName(XYChart chart, String label) {
    String name = label;
    for (int i = 2; chart.getSeriesMap().containsKey(name); i++) name = label + " #" + i;
    return name;
  }
}
