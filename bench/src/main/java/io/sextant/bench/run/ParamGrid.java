package io.sextant.bench.run;

import io.sextant.bench.engine.IndexDescriptor;
import io.sextant.bench.engine.ParamSpec;
import io.sextant.bench.engine.Params;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings a run sweeps: every combination of the build-parameter values (one index built
 * per combination) times every combination of the search-parameter values (swept over each
 * built index). Parameters not given take the index's defaults.
 */
public record ParamGrid(List<Params> builds, List<Params> searches) {

  public ParamGrid {
    builds = List.copyOf(builds);
    searches = List.copyOf(searches);
  }

  /**
   * Parses {@code --param NAME=V1,V2,...} flags (syntax only). Errors quote the offending flag.
   */
  public static Map<String, List<String>> parseFlags(List<String> flags) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String flag : flags) {
      int eq = flag.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("malformed --param '" + flag + "': expected NAME=V1[,V2,...]");
      }
      String name = flag.substring(0, eq).trim();
      String rest = flag.substring(eq + 1);
      List<String> values = new ArrayList<>();
      for (String v : rest.split(",", -1)) {
        if (v.isBlank()) {
          throw new IllegalArgumentException("malformed --param '" + flag + "': empty value in '" + rest + "'");
        }
        values.add(v.trim());
      }
      if (out.containsKey(name)) {
        throw new IllegalArgumentException("--param " + name + " given twice; list all its values in one flag: "
            + name + "=V1,V2,...");
      }
      out.put(name, values);
    }
    return out;
  }

  /** Checks names and values against the index and fills in defaults (which may depend on k). */
  public static ParamGrid resolve(String engine, IndexDescriptor index, Map<String, List<String>> given, int k) {
    for (String name : given.keySet()) index.param(engine, name); // unknown names fail here, listing the known ones
    List<List<Params>> build = new ArrayList<>();
    List<List<Params>> search = new ArrayList<>();
    for (ParamSpec spec : index.params()) {
      List<String> texts = given.get(spec.name());
      List<Params> options = new ArrayList<>();
      if (texts == null) {
        options.add(new Params(Map.of(spec.name(), spec.defaultForK().applyAsInt(k))));
      } else {
        List<Integer> seen = new ArrayList<>();
        for (String t : texts) {
          int v = spec.parse(t);
          if (seen.contains(v)) throw new IllegalArgumentException("parameter " + spec.name() + ": value " + v + " listed twice");
          seen.add(v);
          options.add(new Params(Map.of(spec.name(), v)));
        }
      }
      (spec.phase() == ParamSpec.Phase.BUILD ? build : search).add(options);
    }
    return new ParamGrid(product(build), product(search));
  }

  private static List<Params> product(List<List<Params>> axes) {
    List<Params> out = List.of(Params.NONE);
    for (List<Params> axis : axes) {
      List<Params> next = new ArrayList<>();
      for (Params prefix : out) for (Params v : axis) next.add(prefix.plus(v));
      out = next;
    }
    return out;
  }
}
