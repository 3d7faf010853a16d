package io.sextant.core.filter;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Field names and their types. Immutable: admitting a document with new fields returns a new
 * schema. A schema is either declared (fields listed up front; by default an undeclared field is
 * an error) or inferring (a field's type is fixed by the first value seen for it). In both cases
 * a value whose type clashes with the field's type is a {@link SchemaException} naming the
 * field, the expected and the found type.
 *
 * <p>Two widenings are accepted: a LONG value into a DOUBLE field, and a LONG value into a
 * DATE_TIME field (read as epoch milliseconds). See {@link #conform(Attributes)}.
 */
public final class Schema {
  private static final Schema INFERRING = new Schema(new TreeMap<>(), true);

  private final TreeMap<String, FieldType> fields;
  private final boolean infersUndeclared;

  private Schema(TreeMap<String, FieldType> fields, boolean infersUndeclared) {
    this.fields = fields;
    this.infersUndeclared = infersUndeclared;
  }

  /** An empty schema that infers every field's type from its first value. */
  public static Schema inferring() {
    return INFERRING;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The field's type, or null when unknown. */
  public FieldType type(String field) {
    return fields.get(field);
  }

  public Map<String, FieldType> fields() {
    return Collections.unmodifiableMap(fields);
  }

  /** True when undeclared fields are added on first use rather than refused. */
  public boolean infersUndeclared() {
    return infersUndeclared;
  }

  /**
   * This schema extended with the fields of {@code doc} it does not know yet (inferred from
   * their values), or this schema when there are none.
   *
   * @throws SchemaException on an undeclared field of a strict schema or a type clash
   */
  public Schema admit(Attributes doc) {
    TreeMap<String, FieldType> added = null;
    for (Map.Entry<String, Attributes.Value> e : doc.values().entrySet()) {
      String field = e.getKey();
      FieldType found = e.getValue().type();
      FieldType expected = fields.get(field);
      if (expected == null) {
        if (!infersUndeclared) {
          throw new SchemaException(field, "attribute '" + field + "' is not declared in the"
              + " schema (declared: " + fields.keySet() + "); declare it or allow inference");
        }
        if (added == null) added = new TreeMap<>(fields);
        added.put(field, found);
      } else {
        checkAssignable(field, expected, found);
      }
    }
    return added == null ? this : new Schema(added, infersUndeclared);
  }

  /**
   * {@code doc} with its values converted to the field types of this schema (LONG → DOUBLE,
   * LONG → DATE_TIME). Every field must be known: call {@link #admit} first.
   */
  public Attributes conform(Attributes doc) {
    Attributes out = doc;
    for (Map.Entry<String, Attributes.Value> e : doc.values().entrySet()) {
      String field = e.getKey();
      Attributes.Value v = e.getValue();
      FieldType expected = fields.get(field);
      if (expected == null) {
        throw new SchemaException(field, "attribute '" + field + "' is not in the schema "
            + fields.keySet());
      }
      checkAssignable(field, expected, v.type());
      if (expected != v.type()) {
        Object converted = expected == FieldType.DOUBLE ? (Object) (double) v.asLong() : v.value();
        out = out.with(field, new Attributes.Value(expected, converted));
      }
    }
    return out;
  }

  private static void checkAssignable(String field, FieldType expected, FieldType found) {
    if (expected == found) return;
    if (found == FieldType.LONG && (expected == FieldType.DOUBLE || expected == FieldType.DATE_TIME)) {
      return;
    }
    throw SchemaException.clash(field, expected, found.toString());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Schema s && s.fields.equals(fields) && s.infersUndeclared == infersUndeclared;
  }

  @Override
  public int hashCode() {
    return Objects.hash(fields, infersUndeclared);
  }

  @Override
  public String toString() {
    return "Schema" + fields + (infersUndeclared ? " (inferring)" : " (declared)");
  }

  /** Declares fields. By default the built schema refuses undeclared fields. */
  public static final class Builder {
    private final TreeMap<String, FieldType> fields = new TreeMap<>();
    private boolean inferUndeclared;

    private Builder() {}

    public Builder field(String name, FieldType type) {
      Objects.requireNonNull(type, "type");
      FieldType old = fields.putIfAbsent(Attributes.checkName(name), type);
      if (old != null && old != type) {
        throw new SchemaException(name, "attribute '" + name + "' declared twice: as " + old
            + " and as " + type);
      }
      return this;
    }

    public Builder keyword(String name) { return field(name, FieldType.KEYWORD); }

    public Builder longField(String name) { return field(name, FieldType.LONG); }

    public Builder doubleField(String name) { return field(name, FieldType.DOUBLE); }

    public Builder booleanField(String name) { return field(name, FieldType.BOOLEAN); }

    public Builder dateTime(String name) { return field(name, FieldType.DATE_TIME); }

    /** When true, fields not declared are inferred on first use instead of refused. */
    public Builder inferUndeclared(boolean infer) {
      this.inferUndeclared = infer;
      return this;
    }

    public Schema build() {
      return new Schema(new TreeMap<>(fields), inferUndeclared);
    }
  }
}
