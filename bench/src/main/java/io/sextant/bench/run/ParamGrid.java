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
  public static ParamGrid resolve(String engine, IndexDescriptor index, Map<String, List<String>> flags, int k) {
    Map<String, List<String>> given = forEngine(engine, flags);
    for (String name : given.keySet()) index.param(engine, name); // unknown names fail here, listing the known ones
    List<List<Params>> build = new ArrayList<>();
    List<List<Params>> search = new ArrayList<>();
    for (ParamSpec spec : index.params()) {
      List<String> texts = given.get(spec.name());
      List<Params> options = new ArrayList<>();
      if (texts == null) {
        options.add(spec.params(spec.defaultForK().applyAsInt(k)));
      } else {
        List<Integer> seen = new ArrayList<>();
        for (String t : texts) {
          int v = spec.parse(t);
          if (seen.contains(v)) throw new IllegalArgumentException("parameter " + spec.name() + ": value " + spec.text(v) + " listed twice");
          seen.add(v);
          options.add(spec.params(v));
        }
      }
      (spec.phase() == ParamSpec.Phase.BUILD ? build : search).add(options);
    }
    return new ParamGrid(product(build), product(search));
  }

  /**
   * The flags that apply to {@code engine}: unscoped ones, and {@code ENGINE:NAME} ones for this
   * engine under their plain name (so a multi-engine run can give one engine a parameter the
   * others do not take). A scope that names no engine fails; so does a name given both ways.
   */
  static Map<String, List<String>> forEngine(String engine, Map<String, List<String>> flags) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> f : flags.entrySet()) {
      String name = f.getKey();
      int colon = name.indexOf(':');
      if (colon >= 0) {
        String scope = name.substring(0, colon);
        io.sextant.bench.engine.Engines.byName(scope); // rejects a misspelt engine instead of ignoring the flag
        if (!scope.equals(engine)) continue;
        name = name.substring(colon + 1);
      }
      if (out.put(name, f.getValue()) != null) {
        throw new IllegalArgumentException("--param " + name + " given for " + engine + " both plain and as "
            + engine + ":" + name);
      }
    }
    return out;
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
