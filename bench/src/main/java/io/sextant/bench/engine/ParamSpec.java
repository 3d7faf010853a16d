package io.sextant.bench.engine;

import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * One tunable of an index, under the name every engine shares (DESIGN.md: HNSW {@code M},
 * {@code efConstruction}, {@code efSearch}; IVF {@code nlist}, {@code nprobe}, {@code pq}).
 * A {@link Phase#BUILD} parameter needs one index per value; a {@link Phase#SEARCH} parameter is
 * swept over one built index. Values are integers in {@code [min, max]}; a parameter with
 * {@code choices} takes one of those names on the command line and in result rows, and is held
 * as the name's position in the list.
 *
 * @param defaultForK the value used when the parameter is not given, as a function of k
 * @param choices     the names a choice parameter accepts (position = value); empty for integers
 */
public record ParamSpec(String name, Phase phase, int min, int max, IntUnaryOperator defaultForK, String help,
    List<String> choices) {

  public enum Phase { BUILD, SEARCH }

  public ParamSpec {
    choices = List.copyOf(choices);
  }

  public static ParamSpec build(String name, int min, int max, int dflt, String help) {
    return new ParamSpec(name, Phase.BUILD, min, max, k -> dflt, help, List.of());
  }

  public static ParamSpec search(String name, int min, int max, IntUnaryOperator dflt, String help) {
    return new ParamSpec(name, Phase.SEARCH, min, max, dflt, help, List.of());
  }

  /** A build parameter that names one of {@code choices}; {@code dflt} must be one of them. */
  public static ParamSpec buildChoice(String name, List<String> choices, String dflt, String help) {
    int d = choices.indexOf(dflt);
    if (d < 0) throw new IllegalArgumentException("default '" + dflt + "' of " + name + " is not one of " + choices);
    return new ParamSpec(name, Phase.BUILD, 0, choices.size() - 1, k -> d, help, choices);
  }

  /** A search parameter that names one of {@code choices}; {@code dflt} must be one of them. */
  public static ParamSpec searchChoice(String name, List<String> choices, String dflt, String help) {
    int d = choices.indexOf(dflt);
    if (d < 0) throw new IllegalArgumentException("default '" + dflt + "' of " + name + " is not one of " + choices);
    return new ParamSpec(name, Phase.SEARCH, 0, choices.size() - 1, k -> d, help, choices);
  }

  /** Parses and range-checks one value; the message names the parameter and the bounds (or the choices). */
  public int parse(String text) {
    if (!choices.isEmpty()) {
      int v = choices.indexOf(text.trim());
      if (v < 0) {
        throw new IllegalArgumentException("parameter " + name + ": '" + text.trim() + "' is not one of "
            + String.join(", ", choices));
      }
      return v;
    }
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

  /** The value as it appears on the command line and in result rows. */
  public String text(int value) {
    return choices.isEmpty() ? Integer.toString(value) : choices.get(value);
  }

  /** The one-entry {@link Params} holding {@code value}, with its name for a choice parameter. */
  public Params params(int value) {
    return choices.isEmpty() ? Params.of(name, value)
        : new Params(java.util.Map.of(name, value), java.util.Map.of(name, choices.get(value)));
  }
}
