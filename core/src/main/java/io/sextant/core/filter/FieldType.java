package io.sextant.core.filter;

import java.time.Instant;
import java.util.Collection;

/**
 * The type of an attribute field. Keyword fields may hold several values per document; the
 * others hold one. Date-times are stored as epoch milliseconds (UTC).
 */
public enum FieldType {
  KEYWORD, LONG, DOUBLE, BOOLEAN, DATE_TIME;

  /** True for the types that range comparisons apply to. */
  public boolean isOrdered() {
    return this == LONG || this == DOUBLE || this == DATE_TIME;
  }

  /**
   * The type a Java value would be inferred as, or null when the value is of no attribute type.
   * Integral boxes are LONG, floating ones DOUBLE, {@link Instant} DATE_TIME, strings and
   * collections of strings KEYWORD.
   */
  static FieldType inferredFrom(Object value) {
    return switch (value) {
      case CharSequence ignored -> KEYWORD;
      case Collection<?> ignored -> KEYWORD;
      case Long ignored -> LONG;
      case Integer ignored -> LONG;
      case Short ignored -> LONG;
      case Byte ignored -> LONG;
      case Double ignored -> DOUBLE;
      case Float ignored -> DOUBLE;
      case Boolean ignored -> BOOLEAN;
      case Instant ignored -> DATE_TIME;
      default -> null;
    };
  }
}
