package io.sextant.bench.engine;

import java.util.function.IntUnaryOperator;

/**
 * One tunable of an index, under the name every engine shares (DESIGN.md: HNSW {@code M},
 * {@code efConstruction}, {@code efSearch}; IVF {@code nlist}, {@code nprobe}, {@code pq}).
 * A {@link Phase#BUILD} parameter needs one index per value; a {@link Phase#SEARCH} parameter is
 * swept over one built index. All current parameters are integers in {@code [min, max]}.
 *
 * @param defaultForK the value used when the parameter is not given, as a function of k
 */
public record ParamSpec(String name, Phase phase, int min, int max, IntUnaryOperator defaultForK, String help) {

  public enum Phase { BUILD, SEARCH }

  public static ParamSpec build(String name, int min, int max, int dflt, String help) {
    return new ParamSpec(name, Phase.BUILD, min, max, k -> dflt, help);
  }

  public static ParamSpec search(String name, int min, int max, IntUnaryOperator dflt, String help) {
    return new ParamSpec(name, Phase.SEARCH, min, max, dflt, help);
  }

  /** Parses and range-checks one value; the message names the parameter and the bounds. */
  public int parse(String text) {
    int v;
    try {
      v = Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("parameter " + name + ": '" + text + "' is not an integer");
    }
    if (v < min || v > max) {
      throw new IllegalArgumentException("parameter " + name + ": " + v + " is out of range [" + min + ", " + max + "]");
    }
    return v;
  }
}
