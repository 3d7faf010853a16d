package io.sextant.core.document;

import io.sextant.core.filter.Attributes;
import io.sextant.core.filter.FieldType;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The bridge between stored attribute values ({@link AttributeValue}, what the log and the
 * stored-field blocks hold) and the filter package's typed {@link Attributes} (what attribute
 * indexes and filters work on). Strings and string lists are KEYWORD; an empty string list is an
 * absent field, as the filter package has it.
 */
public final class TypedAttributes {
  private TypedAttributes() {}

  /** The stored values as filter attributes. */
  public static Attributes toFilter(SortedMap<String, AttributeValue> stored) {
    if (stored.isEmpty()) return Attributes.empty();
    Attributes.Builder b = Attributes.builder();
    stored.forEach((name, v) -> {
      switch (v) {
        case AttributeValue.StringValue s -> b.put(name, s.value());
        case AttributeValue.StringListValue l -> b.put(name, l.values());
        case AttributeValue.LongValue l -> b.put(name, l.value());
        case AttributeValue.DoubleValue d -> b.put(name, d.value());
        case AttributeValue.BooleanValue x -> b.put(name, x.value());
        case AttributeValue.DateTimeValue t -> b.putDateTime(name, t.epochMillis());
      }
    });
    return b.build();
  }

  /** Filter attributes (conformed to a schema) back as stored values. */
  public static SortedMap<String, AttributeValue> fromFilter(Attributes attrs) {
    if (attrs.isEmpty()) return Collections.emptySortedMap();
    TreeMap<String, AttributeValue> out = new TreeMap<>();
    for (String name : attrs.fields()) {
      Object v = attrs.get(name);
      FieldType t = attrs.type(name);
      AttributeValue av = switch (t) {
        case KEYWORD -> v instanceof String s ? new AttributeValue.StringValue(s)
            : new AttributeValue.StringListValue(castList(v));
        case LONG -> new AttributeValue.LongValue((Long) v);
        case DOUBLE -> new AttributeValue.DoubleValue((Double) v);
        case BOOLEAN -> new AttributeValue.BooleanValue((Boolean) v);
        case DATE_TIME -> new AttributeValue.DateTimeValue(((Instant) v).toEpochMilli());
      };
      out.put(name, av);
    }
    return Collections.unmodifiableSortedMap(out);
  }

  @SuppressWarnings("unchecked")
  private static List<String> castList(Object o) {
    return (List<String>) o;
  }
}
