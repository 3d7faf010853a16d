package io.sextant.core.index;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Immutable named parameters of an index, for building ({@code M=16,efConstruction=100}) or for
 * searching ({@code efSearch=64}). Values are kept as strings, exactly as written in a manifest
 * or on a command line; typed getters validate them with messages naming the parameter.
 */
public final class IndexParams {
  public static final IndexParams EMPTY = new IndexParams(new TreeMap<>());

  private final TreeMap<String, String> values;

  private IndexParams(TreeMap<String, String> values) {
    this.values = values;
  }

  /** Parameters from a map; values are converted with {@code toString()}. Names must be non-empty. */
  public static IndexParams of(Map<String, ?> map) {
    if (map == null || map.isEmpty()) return EMPTY;
    TreeMap<String, String> v = new TreeMap<>();
    map.forEach((k, val) -> {
      if (k == null || k.isBlank()) throw new IllegalArgumentException("index parameter with an empty name");
      if (val == null) throw new IllegalArgumentException("index parameter '" + k + "' is null");
      v.put(k.trim(), val.toString().trim());
    });
    return new IndexParams(v);
  }

  /** Parses {@code "name=value,name=value"}; an empty or blank string gives no parameters. */
  public static IndexParams parse(String spec) {
    if (spec == null || spec.isBlank()) return EMPTY;
    TreeMap<String, String> v = new TreeMap<>();
    for (String part : spec.split(",")) {
      int eq = part.indexOf('=');
      if (eq <= 0 || eq == part.length() - 1) {
        throw new IllegalArgumentException("index parameter '" + part.trim() + "' in \"" + spec
            + "\" is not of the form name=value");
      }
      v.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
    }
    return new IndexParams(v);
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  public boolean contains(String name) {
    return values.containsKey(name);
  }

  /** The parameters as an unmodifiable, name-sorted map. */
  public Map<String, String> asMap() {
    return Collections.unmodifiableMap(values);
  }

  /** A copy with {@code name} set to {@code value}. */
  public IndexParams with(String name, Object value) {
    TreeMap<String, String> v = new TreeMap<>(values);
    v.put(name, String.valueOf(value));
    return new IndexParams(v);
  }

  public String getString(String name, String defaultValue) {
    return values.getOrDefault(name, defaultValue);
  }

  /** An integer in {@code [min, max]}, or {@code defaultValue} when absent. */
  public int getInt(String name, int defaultValue, int min, int max) {
    String s = values.get(name);
    if (s == null) return defaultValue;
    int v;
    try {
      v = Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("index parameter '" + name + "' must be an integer, got '" + s + "'");
    }
    if (v < min || v > max) {
      throw new IllegalArgumentException("index parameter '" + name + "' must be in [" + min + ", " + max + "], got " + v);
    }
    return v;
  }

  /** A finite number in {@code [min, max]}, or {@code defaultValue} when absent. */
  public double getDouble(String name, double defaultValue, double min, double max) {
    String s = values.get(name);
    if (s == null) return defaultValue;
    double v;
    try {
      v = Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("index parameter '" + name + "' must be a number, got '" + s + "'");
    }
    if (!(v >= min && v <= max)) {
      throw new IllegalArgumentException("index parameter '" + name + "' must be in [" + min + ", " + max + "], got " + s);
    }
    return v;
  }

  public boolean getBoolean(String name, boolean defaultValue) {
    String s = values.get(name);
    if (s == null) return defaultValue;
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw new IllegalArgumentException("index parameter '" + name + "' must be true or false, got '" + s + "'");
    };
  }

  /**
   * Throws when a parameter other than {@code known} is present, naming it, the index and the
   * parameters the index understands (a typo must not be silently ignored).
   */
  public void requireOnly(String indexName, String... known) {
    Set<String> k = new TreeSet<>(java.util.List.of(known));
    for (String name : values.keySet()) {
      if (!k.contains(name)) {
        throw new IllegalArgumentException("unknown parameter '" + name + "' for index '" + indexName + "'; "
            + (k.isEmpty() ? "it takes no parameters" : "known parameters: " + String.join(", ", k)));
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IndexParams p && p.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  /** {@code name=value,name=value}, parseable by {@link #parse(String)}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    values.forEach((k, v) -> {
      if (!sb.isEmpty()) sb.append(',');
      sb.append(k).append('=').append(v);
    });
    return sb.toString();
  }
}
