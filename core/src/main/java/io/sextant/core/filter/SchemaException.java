package io.sextant.core.filter;

/**
 * An attribute value or a filter does not fit the schema: an undeclared field in a strict
 * schema, or a value whose type clashes with the field's type. The message names the field,
 * the expected type and the type found.
 */
public final class SchemaException extends IllegalArgumentException {
  private final String field;

  SchemaException(String field, String message) {
    super(message);
    this.field = field;
  }

  static SchemaException clash(String field, FieldType expected, String found) {
    return new SchemaException(field, "attribute '" + field + "': expected " + expected
        + " but found " + found);
  }

  /** The field the problem is about. */
  public String field() {
    return field;
  }
}
