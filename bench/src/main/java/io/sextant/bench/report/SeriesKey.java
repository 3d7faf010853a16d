package io.sextant.bench.report;

import io.sextant.bench.engine.Engine;
import io.sextant.bench.engine.Engines;
import io.sextant.bench.engine.IndexDescriptor;
import io.sextant.bench.engine.ParamSpec;
import io.sextant.bench.run.ResultRow;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Groups rows into curves: same engine, index and build parameters (one built index), so a
 * curve is a sweep of search parameters. Which parameters are build-time comes from the engine's
 * own descriptor; for engines this build does not know, from the shared search-parameter names.
 */
record SeriesKey(String engine, String index, String buildParams) {
  private static final Set<String> SEARCH_NAMES = Set.of("efSearch", "nprobe", "filter");

  static SeriesKey of(ResultRow row) {
    Set<String> search = searchParamNames(row.engine(), row.index());
    String build = row.params().entrySet().stream()
        .filter(e -> !search.contains(e.getKey()))
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(","));
    return new SeriesKey(row.engine(), row.index(), build);
  }

  /** Search parameters of a row, as text, e.g. {@code efSearch=40}. */
  static String searchParams(ResultRow row) {
    Set<String> search = searchParamNames(row.engine(), row.index());
    return row.params().entrySet().stream()
        .filter(e -> search.contains(e.getKey()))
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(","));
  }

  private static Set<String> searchParamNames(String engine, String index) {
    try {
      Engine e = Engines.byName(engine);
      IndexDescriptor d = e.index(index);
      return d.params().stream().filter(p -> p.phase() == ParamSpec.Phase.SEARCH).map(ParamSpec::name)
          .collect(Collectors.toSet());
    } catch (IllegalArgumentException unknownHere) {
      return SEARCH_NAMES;
    }
  }

  String label() {
    return engine + " " + index + (buildParams.isEmpty() ? "" : " " + buildParams);
  }

  static String paramsText(Map<String, String> params) {
    return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
  }
}
