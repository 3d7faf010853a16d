package io.sextant.core.filter;

/**
 * Tests one document's attributes against a bound filter, one document at a time. This is what
 * a segment that has no attribute index yet (the in-memory buffer) uses; indexed segments go
 * through {@link FilterPlanner}, which must agree with it exactly.
 */
public final class FilterMatcher {
  private final Filter filter;

  /** @param bound a filter returned by {@link Filter#bind(Schema)} */
  public FilterMatcher(Filter bound) {
    this.filter = bound;
  }

  /** @param doc attributes conformed to the same schema ({@link Schema#conform}) */
  public boolean matches(Attributes doc) {
    return matches(filter, doc);
  }

  static boolean matches(Filter f, Attributes doc) {
    return switch (f) {
      case Filter.Eq e -> equalsAny(doc.value(e.field()), e.value());
      case Filter.In in -> {
        Attributes.Value v = doc.value(in.field());
        if (v == null) yield false;
        for (Object want : in.values()) {
          if (equalsAny(v, want)) yield true;
        }
        yield false;
      }
      case Filter.Range r -> inRange(doc.value(r.field()), r);
      case Filter.Exists e -> doc.value(e.field()) != null;
      case Filter.Not n -> !matches(n.operand(), doc);
      case Filter.And a -> {
        for (Filter op : a.operands()) {
          if (!matches(op, doc)) yield false;
        }
        yield true;
      }
      case Filter.Or o -> {
        for (Filter op : o.operands()) {
          if (matches(op, doc)) yield true;
        }
        yield false;
      }
    };
  }

  private static boolean equalsAny(Attributes.Value v, Object want) {
    if (v == null) return false;
    return switch (v.type()) {
      case KEYWORD -> v.keywords().contains((String) want);
      case LONG, DATE_TIME -> v.asLong() == (Long) want;
      case DOUBLE -> v.asDouble() == (Double) want;
      case BOOLEAN -> v.asBoolean() == (Boolean) want;
    };
  }

  private static boolean inRange(Attributes.Value v, Filter.Range r) {
    if (v == null) return false;
    if (v.type() == FieldType.DOUBLE) {
      double x = v.asDouble();
      if (r.lower() != null) {
        double lo = (Double) r.lower();
        if (r.lowerInclusive() ? x < lo : x <= lo) return false;
      }
      if (r.upper() != null) {
        double hi = (Double) r.upper();
        if (r.upperInclusive() ? x > hi : x >= hi) return false;
      }
      return true;
    }
    long x = v.asLong();
    if (r.lower() != null) {
      long lo = (Long) r.lower();
      if (r.lowerInclusive() ? x < lo : x <= lo) return false;
    }
    if (r.upper() != null) {
      long hi = (Long) r.upper();
      if (r.upperInclusive() ? x > hi : x >= hi) return false;
    }
    return true;
  }
}
