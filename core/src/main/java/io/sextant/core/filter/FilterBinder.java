package io.sextant.core.filter;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks a filter against a schema and converts its values to the field types: DOUBLE fields get
 * Double, LONG fields Long, DATE_TIME fields Long epoch milliseconds, KEYWORD fields String,
 * BOOLEAN fields Boolean. The planner and the matcher only ever see bound filters.
 */
final class FilterBinder {
  private FilterBinder() {}

  static Filter bind(Filter f, Schema schema) {
    return switch (f) {
      case Filter.Eq e -> {
        FieldType t = fieldType(e.field(), schema);
        yield new Filter.Eq(e.field(), value(e.field(), t, e.value()));
      }
      case Filter.In in -> {
        FieldType t = fieldType(in.field(), schema);
        List<Object> vs = new ArrayList<>(in.values().size());
        for (Object v : in.values()) vs.add(value(in.field(), t, v));
        yield new Filter.In(in.field(), vs);
      }
      case Filter.Range r -> {
        FieldType t = fieldType(r.field(), schema);
        checkOrdered(r.field(), t, "a range");
        yield new Filter.Range(r.field(),
            r.lower() == null ? null : value(r.field(), t, r.lower()), r.lowerInclusive(),
            r.upper() == null ? null : value(r.field(), t, r.upper()), r.upperInclusive());
      }
      case Filter.Exists e -> {
        fieldType(e.field(), schema);
        yield e;
      }
      case Filter.Not n -> new Filter.Not(bind(n.operand(), schema));
      case Filter.And a -> new Filter.And(bindAll(a.operands(), schema));
      case Filter.Or o -> new Filter.Or(bindAll(o.operands(), schema));
    };
  }

  private static List<Filter> bindAll(List<Filter> fs, Schema schema) {
    List<Filter> out = new ArrayList<>(fs.size());
    for (Filter f : fs) out.add(bind(f, schema));
    return out;
  }

  static FieldType fieldType(String field, Schema schema) {
    FieldType t = schema.type(field);
    if (t != null) return t;
    StringBuilder msg = new StringBuilder("unknown field '").append(field).append("'");
    if (schema.fields().isEmpty()) {
      msg.append(" (the schema has no fields yet)");
    } else {
      msg.append(" (known fields: ").append(String.join(", ", schema.fields().keySet()));
      String near = nearest(field, schema);
      if (near != null) msg.append("; did you mean '").append(near).append("'?");
      msg.append(')');
    }
    throw new FilterException(msg.toString());
  }

  static void checkOrdered(String field, FieldType type, String what) {
    if (!type.isOrdered()) {
      throw new FilterException(what + " needs a LONG, DOUBLE or DATE_TIME field, but '" + field
          + "' is " + type);
    }
  }

  /** The literal converted to the field's canonical value type. */
  static Object value(String field, FieldType type, Object literal) {
    Object v = switch (type) {
      case KEYWORD -> literal instanceof String ? literal : null;
      case BOOLEAN -> literal instanceof Boolean ? literal : null;
      case LONG -> literal instanceof Long ? literal : null;
      case DOUBLE -> switch (literal) {
        case Double d -> d;
        case Long l -> (double) l;
        default -> null;
      };
      case DATE_TIME -> switch (literal) {
        case Long l -> l;
        case Instant t -> t.toEpochMilli();
        case String s -> parseDateTime(field, s);
        default -> null;
      };
    };
    if (v == null) {
      throw new FilterException("field '" + field + "' is " + type + " but the value "
          + FilterText.literal(literal) + " is " + kind(literal));
    }
    return v;
  }

  private static long parseDateTime(String field, String s) {
    try {
      if (s.length() == 10) return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      if (s.endsWith("Z") || s.endsWith("z")) return Instant.parse(s.toUpperCase(Locale.ROOT)).toEpochMilli();
      try {
        return OffsetDateTime.parse(s).toInstant().toEpochMilli();
      } catch (DateTimeParseException noOffset) {
        return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC).toEpochMilli();
      }
    } catch (DateTimeParseException e) {
      throw new FilterException("field '" + field + "' is DATE_TIME but \"" + s
          + "\" is not an ISO-8601 date or date-time (e.g. 2024-05-01, 2024-05-01T12:00:00Z,"
          + " 2024-05-01T12:00:00+02:00)");
    }
  }

  private static String kind(Object literal) {
    return switch (literal) {
      case String s -> "a string";
      case Long l -> "an integer";
      case Double d -> "a decimal number";
      case Boolean b -> "a boolean";
      case Instant t -> "a date-time";
      default -> literal.getClass().getSimpleName();
    };
  }

  private static String nearest(String field, Schema schema) {
    String best = null;
    int bestDist = 3;
    for (String known : schema.fields().keySet()) {
      int d = editDistance(field.toLowerCase(Locale.ROOT),
          known.toLowerCase(Locale.ROOT));
      if (d < bestDist) {
        bestDist = d;
        best = known;
      }
    }
    return best;
  }

  private static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
