package io.sextant.core.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits filter text into tokens, each with its offset for error messages. */
final class FilterLexer {
  enum Kind {
    IDENT, STRING, NUMBER, TRUE, FALSE, AND, OR, NOT, IN, BETWEEN, EXISTS,
    EQ, NE, LT, LE, GT, GE, LPAREN, RPAREN, COMMA, EOF
  }

  /** A token; {@code value} is the identifier, the unescaped string, or the Long/Double. */
  record Token(Kind kind, String text, int offset, Object value) {
    String describe() {
      return switch (kind) {
        case EOF -> "end of input";
        case STRING -> "string " + text;
        case NUMBER -> "number " + text;
        case IDENT -> "'" + text + "'";
        default -> "'" + text + "'";
      };
    }
  }

  private final String src;
  private int pos;

  private FilterLexer(String src) {
    this.src = src;
  }

  static List<Token> tokenize(String src) {
    FilterLexer lx = new FilterLexer(src);
    List<Token> out = new ArrayList<>();
    Token t;
    do {
      t = lx.next();
      out.add(t);
    } while (t.kind() != Kind.EOF);
    return out;
  }

  static boolean isPlainIdentifier(String s) {
    if (s.isEmpty() || !isIdentStart(s.codePointAt(0))) return false;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (!isIdentPart(cp)) return false;
      i += Character.charCount(cp);
    }
    return keyword(s) == null;
  }

  private static boolean isIdentStart(int cp) {
    return Character.isLetter(cp) || cp == '_';
  }

  private static boolean isIdentPart(int cp) {
    return Character.isLetterOrDigit(cp) || cp == '_' || cp == '.';
  }

  private static Kind keyword(String word) {
    return switch (word.toUpperCase(Locale.ROOT)) {
      case "AND" -> Kind.AND;
      case "OR" -> Kind.OR;
      case "NOT" -> Kind.NOT;
      case "IN" -> Kind.IN;
      case "BETWEEN" -> Kind.BETWEEN;
      case "EXISTS" -> Kind.EXISTS;
      case "TRUE" -> Kind.TRUE;
      case "FALSE" -> Kind.FALSE;
      default -> null;
    };
  }

  private Token next() {
    while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) pos++;
    int start = pos;
    if (pos >= src.length()) return new Token(Kind.EOF, "", start, null);
    char c = src.charAt(pos);
    switch (c) {
      case '(' -> { pos++; return tok(Kind.LPAREN, start); }
      case ')' -> { pos++; return tok(Kind.RPAREN, start); }
      case ',' -> { pos++; return tok(Kind.COMMA, start); }
      case '=' -> { pos += peek(1) == '=' ? 2 : 1; return tok(Kind.EQ, start); }
      case '!' -> {
        if (peek(1) == '=') { pos += 2; return tok(Kind.NE, start); }
        throw FilterException.at(src, start, "unexpected '!'; did you mean '!=' or NOT?");
      }
      case '<' -> {
        if (peek(1) == '=') { pos += 2; return tok(Kind.LE, start); }
        if (peek(1) == '>') { pos += 2; return tok(Kind.NE, start); }
        pos++;
        return tok(Kind.LT, start);
      }
      case '>' -> {
        if (peek(1) == '=') { pos += 2; return tok(Kind.GE, start); }
        pos++;
        return tok(Kind.GT, start);
      }
      case '"', '\'' -> { return string(c, start); }
      case '`' -> { return quotedIdent(start); }
      default -> { }
    }
    if (c == '-' || c == '+' || c == '.' || Character.isDigit(c)) return number(start);
    int cp = src.codePointAt(pos);
    if (isIdentStart(cp)) {
      while (pos < src.length() && isIdentPart(src.codePointAt(pos))) {
        pos += Character.charCount(src.codePointAt(pos));
      }
      String word = src.substring(start, pos);
      Kind kw = keyword(word);
      return new Token(kw == null ? Kind.IDENT : kw, word, start, word);
    }
    throw FilterException.at(src, start, "unexpected character '" + Character.toString(cp)
        + "'; expected a field name, a value, an operator or a parenthesis");
  }

  private char peek(int ahead) {
    int i = pos + ahead;
    return i >= 0 && i < src.length() ? src.charAt(i) : '\0';
  }

  private Token tok(Kind kind, int start) {
    return new Token(kind, src.substring(start, pos), start, null);
  }

  private Token string(char quote, int start) {
    StringBuilder sb = new StringBuilder();
    pos++;
    while (true) {
      if (pos >= src.length()) {
        throw FilterException.at(src, start, "unterminated string: missing closing " + quote);
      }
      char c = src.charAt(pos++);
      if (c == quote) break;
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (pos >= src.length()) {
        throw FilterException.at(src, pos - 1, "unterminated escape at end of input");
      }
      char e = src.charAt(pos++);
      switch (e) {
        case '"', '\'', '\\' -> sb.append(e);
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case 'u' -> {
          if (pos + 4 > src.length()) {
            throw FilterException.at(src, pos - 2, "\\u escape needs 4 hex digits");
          }
          try {
            sb.append((char) Integer.parseInt(src.substring(pos, pos + 4), 16));
          } catch (NumberFormatException ex) {
            throw FilterException.at(src, pos - 2, "\\u escape needs 4 hex digits, found '"
                + src.substring(pos, pos + 4) + "'");
          }
          pos += 4;
        }
        default -> throw FilterException.at(src, pos - 2, "unknown escape '\\" + e
            + "'; known: \\\" \\' \\\\ \\n \\t \\r \\uXXXX");
      }
    }
    return new Token(Kind.STRING, src.substring(start, pos), start, sb.toString());
  }

  private Token quotedIdent(int start) {
    StringBuilder sb = new StringBuilder();
    pos++;
    while (true) {
      if (pos >= src.length()) {
        throw FilterException.at(src, start, "unterminated field name: missing closing `");
      }
      char c = src.charAt(pos++);
      if (c == '`') {
        if (peek(0) == '`') {
          sb.append('`');
          pos++;
          continue;
        }
        break;
      }
      sb.append(c);
    }
    if (sb.isEmpty()) throw FilterException.at(src, start, "empty field name ``");
    return new Token(Kind.IDENT, src.substring(start, pos), start, sb.toString());
  }

  private Token number(int start) {
    if (src.charAt(pos) == '-' || src.charAt(pos) == '+') pos++;
    int digitsStart = pos;
    boolean decimal = false;
    while (pos < src.length() && Character.isDigit(src.charAt(pos))) pos++;
    if (pos < src.length() && src.charAt(pos) == '.') {
      decimal = true;
      pos++;
      while (pos < src.length() && Character.isDigit(src.charAt(pos))) pos++;
    }
    if (pos == digitsStart || (decimal && pos == digitsStart + 1)) {
      throw FilterException.at(src, start, "malformed number '" + src.substring(start, pos)
          + "': expected digits");
    }
    if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
      decimal = true;
      pos++;
      if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) pos++;
      int expStart = pos;
      while (pos < src.length() && Character.isDigit(src.charAt(pos))) pos++;
      if (pos == expStart) {
        throw FilterException.at(src, start, "malformed number '" + src.substring(start, pos)
            + "': expected digits after the exponent");
      }
    }
    if (pos < src.length() && isIdentPart(src.codePointAt(pos))) {
      throw FilterException.at(src, pos, "malformed number: unexpected '"
          + Character.toString(src.codePointAt(pos)) + "' after '" + src.substring(start, pos) + "'");
    }
    String text = src.substring(start, pos);
    Object value;
    if (decimal) {
      value = Double.parseDouble(text);
    } else {
      try {
        value = Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw FilterException.at(src, start, "integer " + text + " is out of the LONG range");
      }
    }
    return new Token(Kind.NUMBER, text, start, value);
  }
}
