package io.sextant.bench.run;

import io.sextant.bench.engine.Params;
import io.sextant.bench.filter.FilterCase;
import io.sextant.bench.filter.FilterParam;
import io.sextant.core.eval.LatencyRecorder;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Kernels;
import io.sextant.core.vector.Similarity;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a measured search setting becomes a {@link ResultRow}, and which filters a run iterates: one
 * place for both run modes ({@link BenchRun}, {@link InterleavedRun}), so their rows cannot drift apart.
 */
final class MeasuredRow {
  private MeasuredRow() {}

  /** The filters to run each search setting under: the given ones, or a single {@code null} (unfiltered). */
  static List<FilterCase> filterSettings(List<FilterCase> filters) {
    return filters.isEmpty() ? Arrays.asList((FilterCase) null) : filters;
  }

  /** The ground truth recall is scored against under {@code filter} (null: unfiltered). */
  static int[][] truth(FilterCase filter, int[][] unfiltered) {
    return filter == null ? unfiltered : filter.truth();
  }

  /** The row of one engine, build and search setting under {@code filter} (null: unfiltered). */
  static ResultRow of(String engine, String index, Params build, Params search, FilterCase filter, String dataset,
      FloatVectors base, Similarity similarity, int k, double recall, double qps, LatencyRecorder.Summary latency,
      double buildSeconds, long indexBytes, long heapBytes, int threads, boolean cpuClock) {
    Map<String, String> params = new LinkedHashMap<>(build.plus(search).asText());
    if (filter != null) params.put(FilterParam.NAME, filter.label());
    return new ResultRow(engine, index, params, dataset, base.size(), base.dimension(), similarity.name(), k, recall,
        qps, latency.p50Ms(), latency.p95Ms(), latency.p99Ms(), buildSeconds, indexBytes, heapBytes, threads,
        Runtime.version().toString(), Kernels.get().name(), cpuClock ? "cpu" : "wall",
        filter == null ? Double.NaN : filter.selectivity());
  }
}
