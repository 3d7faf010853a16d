package io.sextant.bench.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The harness-level {@code --param filter=...} (and {@code --param filterSeed=N}): unlike index
 * parameters it applies to every engine, so the run command takes it out of the parameter flags
 * before they are checked against the index. Several values sweep it, like any parameter.
 *
 * @param specs the filter values in the order given; empty when no filter was asked for
 * @param seed  seed of the random and correlated accept-sets (default {@value #DEFAULT_SEED})
 */
public record FilterParam(List<FilterSpec> specs, long seed) {
  public static final String NAME = "filter";
  public static final String SEED = "filterSeed";
  public static final long DEFAULT_SEED = 42;

  public FilterParam {
    specs = List.copyOf(specs);
  }

  /** Removes {@code filter} and {@code filterSeed} from parsed {@code --param} flags and parses them. */
  public static FilterParam take(Map<String, List<String>> flags) {
    List<String> values = flags.remove(NAME);
    List<String> seeds = flags.remove(SEED);
    long seed = DEFAULT_SEED;
    if (seeds != null) {
      if (seeds.size() != 1) throw new IllegalArgumentException("parameter " + SEED + " takes one value, got " + seeds);
      try {
        seed = Long.parseLong(seeds.get(0).trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("parameter " + SEED + ": '" + seeds.get(0) + "' is not an integer");
      }
      if (values == null) throw new IllegalArgumentException("parameter " + SEED + " given without --param " + NAME);
    }
    List<FilterSpec> specs = new ArrayList<>();
    if (values != null) {
      List<String> seen = new ArrayList<>();
      for (String v : values) {
        FilterSpec s = FilterSpec.parse(v);
        if (seen.contains(s.text())) throw new IllegalArgumentException("parameter filter: value " + s.text() + " listed twice");
        seen.add(s.text());
        specs.add(s);
      }
    }
    return new FilterParam(specs, seed);
  }

  public boolean isEmpty() {
    return specs.isEmpty();
  }
}
