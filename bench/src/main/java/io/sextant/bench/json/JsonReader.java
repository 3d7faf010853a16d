package io.sextant.bench.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON parser for the harness's own output (objects, arrays, strings, numbers,
 * booleans, null). Objects become {@link LinkedHashMap}s (field order kept), arrays
 * {@link List}s, numbers {@link Double}s. Errors name the source and the character offset.
 */
public final class JsonReader {
  private final String text;
  private final String source;
  private int pos;

  private JsonReader(String text, String source) {
    this.text = text;
    this.source = source;
  }

  /** Parses one JSON value filling the whole text (surrounding whitespace allowed). */
  public static Object parse(String text, String source) {
    JsonReader r = new JsonReader(text, source);
    r.skipSpace();
    Object v = r.value();
    r.skipSpace();
    if (r.pos != text.length()) throw r.error("unexpected '" + text.charAt(r.pos) + "' after the value");
    return v;
  }

  /** Parses a JSON object; anything else is an error. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parseObject(String text, String source) {
    Object v = parse(text, source);
    if (!(v instanceof Map)) throw new IllegalArgumentException(source + ": expected a JSON object, found " + describe(v));
    return (Map<String, Object>) v;
  }

  private Object value() {
    if (pos >= text.length()) throw error("unexpected end of input");
    char c = text.charAt(pos);
    return switch (c) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> string();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", null);
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) yield number();
        throw error("unexpected '" + c + "'");
      }
    };
  }

  private Map<String, Object> object() {
    Map<String, Object> m = new LinkedHashMap<>();
    pos++;
    skipSpace();
    if (peek() == '}') {
      pos++;
      return m;
    }
    while (true) {
      skipSpace();
      if (peek() != '"') throw error("expected a field name in quotes");
      String key = string();
      skipSpace();
      expect(':');
      skipSpace();
      if (m.containsKey(key)) throw error("duplicate field \"" + key + "\"");
      m.put(key, value());
      skipSpace();
      char c = next();
      if (c == '}') return m;
      if (c != ',') throw error("expected ',' or '}' but found '" + c + "'", pos - 1);
    }
  }

  private List<Object> array() {
    List<Object> l = new ArrayList<>();
    pos++;
    skipSpace();
    if (peek() == ']') {
      pos++;
      return l;
    }
    while (true) {
      skipSpace();
      l.add(value());
      skipSpace();
      char c = next();
      if (c == ']') return l;
      if (c != ',') throw error("expected ',' or ']' but found '" + c + "'", pos - 1);
    }
  }

  private String string() {
    int start = pos;
    pos++;
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= text.length()) throw error("unterminated string", start);
      char c = text.charAt(pos++);
      if (c == '"') return sb.toString();
      if (c < 0x20) throw error("control character in string", pos - 1);
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char e = next();
      switch (e) {
        case '"', '\\', '/' -> sb.append(e);
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> {
          if (pos + 4 > text.length()) throw error("truncated \\u escape");
          try {
            sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
          } catch (NumberFormatException ex) {
            throw error("bad \\u escape");
          }
          pos += 4;
        }
        default -> throw error("bad escape \\" + e, pos - 1);
      }
    }
  }

  private Double number() {
    int start = pos;
    if (peek() == '-') pos++;
    digits();
    if (pos < text.length() && text.charAt(pos) == '.') {
      pos++;
      digits();
    }
    if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
      pos++;
      if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) pos++;
      digits();
    }
    return Double.parseDouble(text.substring(start, pos));
  }

  private void digits() {
    int start = pos;
    while (pos < text.length() && Character.isDigit(text.charAt(pos))) pos++;
    if (pos == start) throw error("expected a digit");
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, pos)) throw error("unexpected token");
    pos += word.length();
    return value;
  }

  private void expect(char c) {
    if (next() != c) throw error("expected '" + c + "'", pos - 1);
  }

  private char peek() {
    if (pos >= text.length()) throw error("unexpected end of input");
    return text.charAt(pos);
  }

  private char next() {
    char c = peek();
    pos++;
    return c;
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
  }

  private IllegalArgumentException error(String what) {
    return error(what, pos);
  }

  private IllegalArgumentException error(String what, int at) {
    return new IllegalArgumentException(source + ": invalid JSON at offset " + at + ": " + what);
  }

  static String describe(Object v) {
    return v == null ? "null" : v instanceof List ? "an array" : v instanceof String ? "a string" : v.getClass().getSimpleName();
  }
}
