package io.sextant.core.filter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The typed attributes of one document: field name to value. Immutable.
 *
 * <p>Values are KEYWORD (one string or a list of strings), LONG, DOUBLE, BOOLEAN or DATE_TIME
 * (epoch milliseconds, UTC). NaN is refused because it has no place in an order; -0.0 is stored
 * as 0.0 so that equality filters behave. An empty keyword list means the field is absent.
 */
public final class Attributes {
  private static final Attributes EMPTY = new Attributes(new TreeMap<>());

  /** One value: keyword → String or unmodifiable List&lt;String&gt;; DATE_TIME → Long millis. */
  record Value(FieldType type, Object value) {
    List<String> keywords() {
      return value instanceof String s ? List.of(s) : castList(value);
    }

    long asLong() {
      return (Long) value;
    }

    double asDouble() {
      return (Double) value;
    }

    boolean asBoolean() {
      return (Boolean) value;
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object o) {
      return (List<String>) o;
    }
  }

  private final TreeMap<String, Value> values;

  private Attributes(TreeMap<String, Value> values) {
    this.values = values;
  }

  public static Attributes empty() {
    return EMPTY;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Attributes from a generic map, each value's type inferred: String or a collection of
   * strings → KEYWORD, Integer/Long/Short/Byte → LONG, Double/Float → DOUBLE, Boolean →
   * BOOLEAN, Instant → DATE_TIME.
   */
  public static Attributes of(Map<String, ?> map) {
    Builder b = builder();
    map.forEach(b::put);
    return b.build();
  }

  /** Field names, sorted. */
  public Set<String> fields() {
    return Collections.unmodifiableSet(values.keySet());
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** The type of the field's value, or null when the document has no such field. */
  public FieldType type(String field) {
    Value v = values.get(field);
    return v == null ? null : v.type();
  }

  /**
   * The field's value: String or List&lt;String&gt; for keywords, Long, Double, Boolean, or
   * Instant for date-times; null when absent.
   */
  public Object get(String field) {
    Value v = values.get(field);
    if (v == null) return null;
    return v.type() == FieldType.DATE_TIME ? Instant.ofEpochMilli(v.asLong()) : v.value();
  }

  Value value(String field) {
    return values.get(field);
  }

  Map<String, Value> values() {
    return Collections.unmodifiableMap(values);
  }

  /** A copy with the field's value replaced (package use: schema conformance). */
  Attributes with(String field, Value value) {
    TreeMap<String, Value> copy = new TreeMap<>(values);
    copy.put(field, value);
    return new Attributes(copy);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Attributes a && a.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    values.forEach((k, v) -> {
      if (sb.length() > 1) sb.append(", ");
      sb.append(k).append('=').append(get(k));
    });
    return sb.append('}').toString();
  }

  /** Collects values; a later put of the same field replaces the earlier one. */
  public static final class Builder {
    private final TreeMap<String, Value> values = new TreeMap<>();

    private Builder() {}

    public Builder put(String field, String value) {
      Objects.requireNonNull(value, () -> "attribute '" + field + "': null value");
      return set(field, new Value(FieldType.KEYWORD, value));
    }

    /** A multi-valued keyword; an empty collection removes the field. */
    public Builder put(String field, Collection<String> values) {
      List<String> list = new ArrayList<>(values.size());
      for (Object o : values) {
        if (!(o instanceof String s)) {
          throw new SchemaException(checkName(field), "attribute '" + field
              + "': a keyword list may hold only strings, found " + describe(o));
        }
        list.add(s);
      }
      if (list.isEmpty()) {
        this.values.remove(checkName(field));
        return this;
      }
      return set(field, new Value(FieldType.KEYWORD, List.copyOf(list)));
    }

    public Builder put(String field, long value) {
      return set(field, new Value(FieldType.LONG, value));
    }

    public Builder put(String field, double value) {
      if (Double.isNaN(value)) {
        throw new SchemaException(checkName(field), "attribute '" + field
            + "': NaN is not a valid DOUBLE value");
      }
      return set(field, new Value(FieldType.DOUBLE, value == 0.0 ? 0.0 : value));
    }

    public Builder put(String field, boolean value) {
      return set(field, new Value(FieldType.BOOLEAN, value));
    }

    public Builder put(String field, Instant value) {
      Objects.requireNonNull(value, () -> "attribute '" + field + "': null value");
      return putDateTime(field, value.toEpochMilli());
    }

    /** A date-time given as epoch milliseconds (UTC). */
    public Builder putDateTime(String field, long epochMillis) {
      return set(field, new Value(FieldType.DATE_TIME, epochMillis));
    }

    /** A value of any supported Java type, its attribute type inferred. */
    public Builder put(String field, Object value) {
      return switch (value) {
        case null -> throw new SchemaException(checkName(field), "attribute '" + field
            + "': null value (leave the field out instead)");
        case CharSequence s -> put(field, s.toString());
        case Collection<?> c -> putCollection(field, c);
        case Long l -> put(field, l.longValue());
        case Integer i -> put(field, i.longValue());
        case Short s -> put(field, s.longValue());
        case Byte b -> put(field, b.longValue());
        case Double d -> put(field, d.doubleValue());
        case Float f -> put(field, f.doubleValue());
        case Boolean b -> put(field, b.booleanValue());
        case Instant t -> put(field, t);
        default -> throw new SchemaException(checkName(field), "attribute '" + field
            + "': unsupported value type " + value.getClass().getName()
            + " (expected String, a collection of strings, long, double, boolean or Instant)");
      };
    }

    @SuppressWarnings("unchecked")
    private Builder putCollection(String field, Collection<?> c) {
      for (Object o : c) {
        if (!(o instanceof String)) {
          throw new SchemaException(checkName(field), "attribute '" + field
              + "': a keyword list may hold only strings, found " + describe(o));
        }
      }
      return put(field, (Collection<String>) c);
    }

    private Builder set(String field, Value v) {
      values.put(checkName(field), v);
      return this;
    }

    public Attributes build() {
      return values.isEmpty() ? EMPTY : new Attributes(new TreeMap<>(values));
    }
  }

  static String checkName(String field) {
    if (field == null || field.isEmpty()) {
      throw new IllegalArgumentException("attribute field name must be non-empty, got "
          + (field == null ? "null" : "\"\""));
    }
    return field;
  }

  static String describe(Object o) {
    return o == null ? "null" : o.getClass().getSimpleName() + " " + o;
  }
}
