package io.sextant.bench.json;

import java.util.Locale;
import java.util.Map;

/**
 * Writes one flat-ish JSON object (strings, numbers, booleans, nested string-keyed maps) on a
 * single line. Hand-written because the harness emits only a handful of field types and a JSON
 * library would be the biggest dependency of the module for a few dozen lines of code.
 */
public final class JsonWriter {
  private final StringBuilder sb = new StringBuilder(256);
  private boolean first = true;

  public JsonWriter() {
    sb.append('{');
  }

  public JsonWriter field(String name, String value) {
    key(name);
    if (value == null) sb.append("null");
    else string(sb, value);
    return this;
  }

  public JsonWriter field(String name, long value) {
    key(name);
    sb.append(value);
    return this;
  }

  /**
   * Finite doubles are written with a decimal point even when integral ({@code 1.0}), so readers
   * that type by syntax see a float; NaN and infinities (not JSON) become null.
   */
  public JsonWriter field(String name, double value) {
    key(name);
    number(sb, value);
    return this;
  }

  /** A nested object whose values are numbers when they parse as finite numbers, else strings. */
  public JsonWriter field(String name, Map<String, String> values) {
    key(name);
    sb.append('{');
    boolean f = true;
    for (Map.Entry<String, String> e : values.entrySet()) {
      if (!f) sb.append(',');
      f = false;
      string(sb, e.getKey());
      sb.append(':');
      String v = e.getValue();
      if (isJsonNumber(v)) sb.append(v);
      else string(sb, v);
    }
    sb.append('}');
    return this;
  }

  /** The finished object, without a line terminator. */
  public String finish() {
    return sb.toString() + '}';
  }

  private void key(String name) {
    if (!first) sb.append(',');
    first = false;
    string(sb, name);
    sb.append(':');
  }

  static void number(StringBuilder sb, double v) {
    if (!Double.isFinite(v)) {
      sb.append("null");
    } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      sb.append((long) v).append(".0");
    } else {
      // Shortest representation that round-trips; Java's "1.0E-4" is valid JSON once lower-cased.
      sb.append(Double.toString(v).replace('E', 'e'));
    }
  }

  /** True for a plain decimal literal JSON accepts as-is (no leading '+', no hex, no NaN). */
  static boolean isJsonNumber(String s) {
    return s != null && s.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
  }

  static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          else sb.append(c);
        }
      }
    }
    sb.append('"');
  }
}
