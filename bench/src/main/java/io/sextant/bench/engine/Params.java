package io.sextant.bench.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parameter values in effect for one build or one search setting, by shared name. Immutable.
 * Choice parameters (see {@link ParamSpec#choices()}) also carry their name in {@code labels},
 * which is what a result row shows.
 */
public record Params(Map<String, Integer> values, Map<String, String> labels) {
  public static final Params NONE = new Params(Map.of());

  public Params {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
  }

  public Params(Map<String, Integer> values) {
    this(values, Map.of());
  }

  public static Params of(String name, int value) {
    return new Params(Map.of(name, value));
  }

  /** The value of {@code name}; an engine asks only for parameters its index declared. */
  public int get(String name) {
    Integer v = values.get(name);
    if (v == null) throw new IllegalStateException("parameter " + name + " was not resolved (have " + values.keySet() + ")");
    return v;
  }

  /** The chosen name of the choice parameter {@code name}. */
  public String label(String name) {
    String v = labels.get(name);
    if (v == null) throw new IllegalStateException("choice parameter " + name + " was not resolved (have " + labels.keySet() + ")");
    return v;
  }

  /** This and {@code other} together, this one's entries first. */
  public Params plus(Params other) {
    Map<String, Integer> m = new LinkedHashMap<>(values);
    m.putAll(other.values);
    Map<String, String> l = new LinkedHashMap<>(labels);
    l.putAll(other.labels);
    return new Params(m, l);
  }

  /** These values without {@code name} (e.g. a harness-only parameter an engine does not pass on). */
  public Params without(String name) {
    Map<String, Integer> m = new LinkedHashMap<>(values);
    m.remove(name);
    Map<String, String> l = new LinkedHashMap<>(labels);
    l.remove(name);
    return new Params(m, l);
  }

  /** Values as text, for the {@code params} field of a result row (choice parameters by name). */
  public Map<String, String> asText() {
    Map<String, String> m = new LinkedHashMap<>();
    values.forEach((k, v) -> m.put(k, labels.getOrDefault(k, Integer.toString(v))));
    return m;
  }

  @Override public String toString() {
    return asText().toString();
  }
}
