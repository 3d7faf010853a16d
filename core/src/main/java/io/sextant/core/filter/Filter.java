package io.sextant.core.filter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A boolean condition over a document's attributes, built in Java
 * ({@code Filter.eq("lang", "fr").and(Filter.range("year", 2020, 2024))}) or parsed from text
 * ({@code lang = "fr" AND year BETWEEN 2020 AND 2024}, see {@link FilterParser}).
 *
 * <p>Values are strings, integral numbers (held as Long), floating numbers (Double), booleans,
 * or {@link Instant}s (and, against a DATE_TIME field, ISO-8601 strings or epoch milliseconds).
 * A filter is checked against a {@link Schema} by {@link #bind(Schema)}: unknown fields and type
 * mismatches are a {@link FilterException}, never an empty result.
 *
 * <p>Semantics: a multi-valued keyword matches {@code eq}/{@code in} when any of its values does;
 * {@code not f} matches every document that {@code f} does not match, including documents that
 * lack the field (as Elasticsearch's must_not and Qdrant's must_not do, unlike SQL's NULL logic).
 * An empty range (lower above upper) matches nothing.
 */
public sealed interface Filter
    permits Filter.Eq, Filter.In, Filter.Range, Filter.Exists, Filter.And, Filter.Or, Filter.Not {

  /** The field equals the value (any value, for a multi-valued keyword). */
  record Eq(String field, Object value) implements Filter {
    public Eq {
      Attributes.checkName(field);
      value = literal(field, value);
    }

    @Override public String toString() { return FilterText.render(this); }
  }

  /** The field equals one of the values. */
  record In(String field, List<Object> values) implements Filter {
    public In {
      Attributes.checkName(field);
      if (values.isEmpty()) {
        throw new FilterException("filter on '" + field + "': IN needs at least one value");
      }
      List<Object> copy = new ArrayList<>(values.size());
      for (Object v : values) copy.add(literal(field, v));
      values = List.copyOf(copy);
    }

    @Override public String toString() { return FilterText.render(this); }
  }

  /** The field lies between the bounds; a null bound is open. At least one bound is set. */
  record Range(String field, Object lower, boolean lowerInclusive, Object upper,
      boolean upperInclusive) implements Filter {
    public Range {
      Attributes.checkName(field);
      if (lower == null && upper == null) {
        throw new FilterException("filter on '" + field + "': a range needs at least one bound");
      }
      lower = lower == null ? null : literal(field, lower);
      upper = upper == null ? null : literal(field, upper);
    }

    @Override public String toString() { return FilterText.render(this); }
  }

  /** The document has a value for the field. */
  record Exists(String field) implements Filter {
    public Exists {
      Attributes.checkName(field);
    }

    @Override public String toString() { return FilterText.render(this); }
  }

  /** All operands match. */
  record And(List<Filter> operands) implements Filter {
    public And {
      operands = flatten(operands, "AND");
    }

    @Override public String toString() { return FilterText.render(this); }
  }

  /** At least one operand matches. */
  record Or(List<Filter> operands) implements Filter {
    public Or {
      operands = flatten(operands, "OR");
    }

    @Override public String toString() { return FilterText.render(this); }
  }

  /** The operand does not match. */
  record Not(Filter operand) implements Filter {
    public Not {
      Objects.requireNonNull(operand, "NOT operand");
    }

    @Override public String toString() { return FilterText.render(this); }
  }

  static Filter eq(String field, Object value) {
    return new Eq(field, value);
  }

  /** Shorthand for {@code not(eq(field, value))}. */
  static Filter ne(String field, Object value) {
    return new Not(new Eq(field, value));
  }

  static Filter in(String field, Object... values) {
    return new In(field, Arrays.asList(values));
  }

  static Filter in(String field, Collection<?> values) {
    return new In(field, new ArrayList<>(values));
  }

  /** lower ≤ field ≤ upper, both inclusive. */
  static Filter range(String field, Object lower, Object upper) {
    return new Range(field, Objects.requireNonNull(lower, "lower"), true,
        Objects.requireNonNull(upper, "upper"), true);
  }

  static Filter gt(String field, Object value) {
    return new Range(field, Objects.requireNonNull(value, "value"), false, null, false);
  }

  static Filter gte(String field, Object value) {
    return new Range(field, Objects.requireNonNull(value, "value"), true, null, false);
  }

  static Filter lt(String field, Object value) {
    return new Range(field, null, false, Objects.requireNonNull(value, "value"), false);
  }

  static Filter lte(String field, Object value) {
    return new Range(field, null, false, Objects.requireNonNull(value, "value"), true);
  }

  static Filter exists(String field) {
    return new Exists(field);
  }

  static Filter not(Filter operand) {
    return new Not(operand);
  }

  static Filter and(Filter... operands) {
    return new And(Arrays.asList(operands));
  }

  static Filter or(Filter... operands) {
    return new Or(Arrays.asList(operands));
  }

  /** This filter and {@code other}; nested ANDs are flattened. */
  default Filter and(Filter other) {
    return new And(List.of(this, other));
  }

  /** This filter or {@code other}; nested ORs are flattened. */
  default Filter or(Filter other) {
    return new Or(List.of(this, other));
  }

  /** This filter negated. */
  default Filter negate() {
    return new Not(this);
  }

  /** Parses the text syntax; fields and values are checked later by {@link #bind}. */
  static Filter parse(String text) {
    return FilterParser.parse(text, null);
  }

  /** Parses and checks against {@code schema}, errors pointing at the column. */
  static Filter parse(String text, Schema schema) {
    return FilterParser.parse(text, Objects.requireNonNull(schema, "schema"));
  }

  /**
   * This filter checked against {@code schema}, values converted to the field types (DOUBLE
   * fields take integral literals, DATE_TIME fields take Instants, ISO-8601 strings and epoch
   * milliseconds, held as Long millis afterwards).
   *
   * @throws FilterException on an unknown field or a value that does not fit its field
   */
  default Filter bind(Schema schema) {
    return FilterBinder.bind(this, schema);
  }

  private static Object literal(String field, Object value) {
    return switch (value) {
      case null -> throw new FilterException("filter on '" + field + "': null value");
      case String s -> s;
      case CharSequence s -> s.toString();
      case Long l -> l;
      case Integer i -> i.longValue();
      case Short s -> s.longValue();
      case Byte b -> b.longValue();
      case Double d -> checkDouble(field, d);
      case Float f -> checkDouble(field, f.doubleValue());
      case Boolean b -> b;
      case Instant t -> t;
      default -> throw new FilterException("filter on '" + field + "': unsupported value type "
          + value.getClass().getName() + " (expected String, number, boolean or Instant)");
    };
  }

  private static Double checkDouble(String field, double d) {
    if (Double.isNaN(d)) throw new FilterException("filter on '" + field + "': NaN value");
    return d == 0.0 ? 0.0 : d;
  }

  private static List<Filter> flatten(List<Filter> operands, String op) {
    if (operands.isEmpty()) throw new FilterException(op + " needs at least one operand");
    List<Filter> flat = new ArrayList<>(operands.size());
    for (Filter f : operands) {
      Objects.requireNonNull(f, op + " operand");
      if (op.equals("AND") && f instanceof And a) flat.addAll(a.operands());
      else if (op.equals("OR") && f instanceof Or o) flat.addAll(o.operands());
      else flat.add(f);
    }
    return List.copyOf(flat);
  }
}
