package io.sextant.core.collection;

import io.sextant.core.filter.Attributes;
import io.sextant.core.filter.FieldType;
import io.sextant.core.filter.Schema;
import io.sextant.core.filter.SchemaException;
import java.util.Map;

/**
 * The collection's rules for attribute types: admitting a document's attributes into the schema
 * (declared fields, or types inferred on first use) with errors that name the document, the
 * field, its type and the offending value; and merging in the field types a segment stores.
 */
final class AttributeSchema {
  private AttributeSchema() {}

  /** {@code schema} extended with {@code doc}'s new fields; an error message names the document and value. */
  static Schema admit(Schema schema, Schema declared, Attributes doc, String owner) {
    try {
      return schema.admit(doc);
    } catch (SchemaException e) {
      String field = e.field();
      FieldType expected = schema.type(field);
      if (expected == null) throw new IllegalArgumentException(owner + ": " + e.getMessage(), e);
      String how = declared.type(field) != null ? "declared" : "inferred from the first value the collection stored";
      throw new IllegalArgumentException(owner + ": attribute '" + field + "' is " + expected + " in this collection ("
          + how + "), but the value " + describe(doc.get(field)) + " is " + doc.type(field), e);
    }
  }

  /** {@code schema} with the field types segment {@code segment} stores; a contradiction is an error. */
  static Schema withSegmentFields(Schema schema, Map<String, FieldType> fields, String segment) {
    for (Map.Entry<String, FieldType> e : fields.entrySet()) {
      String field = e.getKey();
      FieldType stored = e.getValue();
      FieldType known = schema.type(field);
      if (known == null) {
        try {
          schema = schema.admit(sample(field, stored));
        } catch (SchemaException ex) {
          throw new IllegalArgumentException("segment " + segment + " stores attribute '" + field + "' (" + stored
              + "), which the declared schema lacks: declare it or allow inference", ex);
        }
      } else if (known != stored) {
        throw new IllegalArgumentException("segment " + segment + " stores attribute '" + field + "' as " + stored
            + ", but the collection's schema has it as " + known);
      }
    }
    return schema;
  }

  private static Attributes sample(String field, FieldType type) {
    Attributes.Builder b = Attributes.builder();
    switch (type) {
      case KEYWORD -> b.put(field, "");
      case LONG -> b.put(field, 0L);
      case DOUBLE -> b.put(field, 0.0);
      case BOOLEAN -> b.put(field, false);
      case DATE_TIME -> b.putDateTime(field, 0L);
    }
    return b.build();
  }

  private static String describe(Object v) {
    return v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
  }
}
