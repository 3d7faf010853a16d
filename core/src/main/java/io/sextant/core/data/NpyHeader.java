package io.sextant.core.data;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The header of a NumPy {@code .npy} file (format versions 1 to 3): the magic, the header length,
 * and a Python dict literal such as {@code {'descr': '<f4', 'fortran_order': False, 'shape': (60000, 784), }}
 * that is parsed as a literal (strings, booleans, integers, tuples), not matched with a pattern.
 *
 * @param dtype        the {@code descr} string, e.g. {@code <f4}
 * @param rows         first dimension of the 2-D shape
 * @param columns      second dimension of the 2-D shape
 * @param dataOffset   byte offset of the array data in the file
 */
record NpyHeader(String dtype, long rows, long columns, long dataOffset) {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

  static NpyHeader parse(Path file, MemorySegment map) throws DatasetFormatException {
    long size = map.byteSize();
    for (int i = 0; i < MAGIC.length; i++) {
      if (i >= size || map.get(ValueLayout.JAVA_BYTE, i) != MAGIC[i]) {
        throw new DatasetFormatException(file, 0, "expected the npy magic \\x93NUMPY, found " + hex(map, 0, Math.min(size, 6)));
      }
    }
    if (size < 10) throw new DatasetFormatException(file, size, "truncated npy header: the file has only " + size + " bytes");
    int major = Byte.toUnsignedInt(map.get(ValueLayout.JAVA_BYTE, 6));
    long lenAt = 8;
    long headerLen;
    long textAt;
    switch (major) {
      case 1 -> {
        headerLen = Short.toUnsignedInt(map.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), lenAt));
        textAt = 10;
      }
      case 2, 3 -> {
        if (size < 12) throw new DatasetFormatException(file, size, "truncated npy header: the file has only " + size + " bytes");
        headerLen = Integer.toUnsignedLong(map.get(TexmexFiles.INT_LE, lenAt));
        textAt = 12;
      }
      default -> throw new DatasetFormatException(file, 6, "expected npy format version 1, 2 or 3, found " + major);
    }
    if (textAt + headerLen > size) {
      throw new DatasetFormatException(file, lenAt, "header length " + headerLen + " runs past the end of the file ("
          + size + " bytes)");
    }
    byte[] text = map.asSlice(textAt, headerLen).toArray(ValueLayout.JAVA_BYTE);
    String header = new String(text, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    Map<String, Object> dict = new LiteralParser(file, textAt, header).dict();

    Object descr = require(file, textAt, dict, "descr");
    Object fortran = require(file, textAt, dict, "fortran_order");
    Object shape = require(file, textAt, dict, "shape");
    if (!(descr instanceof String dtype)) {
      throw new DatasetFormatException(file, textAt, "header field 'descr': expected a dtype string, found " + descr);
    }
    if (!Boolean.FALSE.equals(fortran)) {
      throw new DatasetFormatException(file, textAt, "header field 'fortran_order': expected False (C order), found " + fortran);
    }
    if (!(shape instanceof List<?> dims) || dims.size() != 2) {
      throw new DatasetFormatException(file, textAt, "header field 'shape': expected a 2-D shape (rows, dimension), found "
          + LiteralParser.show(shape));
    }
    return new NpyHeader(dtype, (Long) dims.get(0), (Long) dims.get(1), textAt + headerLen);
  }

  private static Object require(Path file, long at, Map<String, Object> dict, String key) throws DatasetFormatException {
    if (!dict.containsKey(key)) {
      throw new DatasetFormatException(file, at, "header: expected the key '" + key + "', found keys " + dict.keySet());
    }
    return dict.get(key);
  }

  private static String hex(MemorySegment map, long from, long to) {
    StringBuilder sb = new StringBuilder();
    for (long i = from; i < to; i++) sb.append(String.format("%02x", map.get(ValueLayout.JAVA_BYTE, i)));
    return sb.isEmpty() ? "nothing" : sb.toString();
  }

  /** Recursive-descent parser for the Python literals an npy header may contain. */
  private static final class LiteralParser {
    private final Path file;
    private final long base;
    private final String s;
    private int pos;

    LiteralParser(Path file, long base, String s) {
      this.file = file;
      this.base = base;
      this.s = s;
    }

    Map<String, Object> dict() throws DatasetFormatException {
      skipSpace();
      expect('{');
      Map<String, Object> out = new HashMap<>();
      skipSpace();
      while (peek() != '}') {
        Object key = value();
        if (!(key instanceof String k)) throw error("a string key", show(key));
        skipSpace();
        expect(':');
        Object v = value();
        if (out.put(k, v) != null) throw error("each key once", "'" + k + "' twice");
        skipSpace();
        if (peek() == ',') {
          pos++;
          skipSpace();
        } else if (peek() != '}') {
          throw error("',' or '}'", found());
        }
      }
      pos++;
      skipSpace();
      if (pos != s.length()) throw error("the end of the header after the dict", found());
      return out;
    }

    private Object value() throws DatasetFormatException {
      skipSpace();
      char c = peek();
      if (c == '\'' || c == '"') return string(c);
      if (c == '(') return tuple();
      if (c == '-' || Character.isDigit(c)) return integer();
      if (Character.isLetter(c)) {
        int start = pos;
        while (pos < s.length() && Character.isLetterOrDigit(s.charAt(pos))) pos++;
        String word = s.substring(start, pos);
        return switch (word) {
          case "True" -> Boolean.TRUE;
          case "False" -> Boolean.FALSE;
          case "None" -> null;
          default -> {
            pos = start;
            throw error("a Python literal", "'" + word + "'");
          }
        };
      }
      throw error("a Python literal", found());
    }

    private String string(char quote) throws DatasetFormatException {
      int start = ++pos;
      while (pos < s.length() && s.charAt(pos) != quote) {
        if (s.charAt(pos) == '\\') throw error("a string without escapes", "a backslash");
        pos++;
      }
      if (pos >= s.length()) throw error("a closing " + quote, "the end of the header");
      return s.substring(start, pos++);
    }

    private List<Long> tuple() throws DatasetFormatException {
      pos++;
      List<Long> out = new ArrayList<>();
      skipSpace();
      while (peek() != ')') {
        Object v = value();
        if (!(v instanceof Long n)) throw error("an integer in the shape tuple", show(v));
        if (n < 0) throw error("a non-negative dimension", String.valueOf(n));
        out.add(n);
        skipSpace();
        if (peek() == ',') {
          pos++;
          skipSpace();
        } else if (peek() != ')') {
          throw error("',' or ')'", found());
        }
      }
      pos++;
      return out;
    }

    private Long integer() throws DatasetFormatException {
      int start = pos;
      if (peek() == '-') pos++;
      while (pos < s.length() && Character.isDigit(s.charAt(pos))) pos++;
      if (pos < s.length() && s.charAt(pos) == 'L') pos++; // Python 2 long suffix
      String digits = s.substring(start, pos).replace("L", "");
      try {
        return Long.parseLong(digits);
      } catch (NumberFormatException e) {
        pos = start;
        throw error("an integer", "'" + digits + "'");
      }
    }

    private void skipSpace() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++;
    }

    private char peek() throws DatasetFormatException {
      if (pos >= s.length()) throw error("more header text", "the end of the header");
      return s.charAt(pos);
    }

    private void expect(char c) throws DatasetFormatException {
      if (peek() != c) throw error("'" + c + "'", found());
      pos++;
    }

    private String found() {
      if (pos >= s.length()) return "the end of the header";
      return "'" + s.substring(pos, Math.min(s.length(), pos + 12)) + "'";
    }

    private DatasetFormatException error(String expected, String found) {
      return new DatasetFormatException(file, base + pos, "npy header: expected " + expected + ", found " + found);
    }

    static String show(Object v) {
      if (v instanceof List<?> l) {
        StringBuilder sb = new StringBuilder("(");
        for (Object o : l) sb.append(o).append(", ");
        return sb.append(')').toString();
      }
      return String.valueOf(v);
    }
  }
}
