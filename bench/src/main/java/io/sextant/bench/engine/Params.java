package io.sextant.bench.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parameter values in effect for one build or one search setting, by shared name. Immutable. */
public record Params(Map<String, Integer> values) {
  public static final Params NONE = new Params(Map.of());

  public Params {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
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

  /** This and {@code other} together, this one's entries first. */
  public Params plus(Params other) {
    Map<String, Integer> m = new LinkedHashMap<>(values);
    m.putAll(other.values);
    return new Params(m);
  }

  /** Values as text, for the {@code params} field of a result row. */
  public Map<String, String> asText() {
    Map<String, String> m = new LinkedHashMap<>();
    values.forEach((k, v) -> m.put(k, Integer.toString(v)));
    return m;
  }

  @Override public String toString() {
    return values.toString();
  }
}
