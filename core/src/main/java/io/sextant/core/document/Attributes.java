package io.sextant.core.document;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Validation of user attribute maps into typed values, with messages naming the attribute. */
public final class Attributes {
  /** Longest attribute name, in UTF-16 chars. */
  public static final int MAX_NAME_LENGTH = 256;
  /** Most attributes on one document. */
  public static final int MAX_ATTRIBUTES = 1024;

  private Attributes() {}

  /**
   * Converts a user map (null means none) into an immutable, name-sorted map of typed values.
   * Accepted: String; Long, Integer, Short, Byte (stored as long); Double, Float (stored as
   * double, finite only); Boolean; Instant (stored as epoch milliseconds); a List of Strings.
   *
   * @param owner names the document in messages, e.g. "document 'doc-3'"
   */
  public static SortedMap<String, AttributeValue> of(Map<String, ?> attributes, String owner) {
    if (attributes == null || attributes.isEmpty()) return Collections.emptySortedMap();
    if (attributes.size() > MAX_ATTRIBUTES) {
      throw new IllegalArgumentException(owner + " has " + attributes.size() + " attributes, at most "
          + MAX_ATTRIBUTES + " are allowed");
    }
    TreeMap<String, AttributeValue> out = new TreeMap<>();
    for (Map.Entry<String, ?> e : attributes.entrySet()) {
      String name = e.getKey();
      if (name == null || name.isEmpty()) {
        throw new IllegalArgumentException(owner + " has an attribute with a null or empty name");
      }
      if (name.length() > MAX_NAME_LENGTH) {
        throw new IllegalArgumentException(owner + " has an attribute name of " + name.length()
            + " characters, at most " + MAX_NAME_LENGTH + " are allowed: '" + name.substring(0, 32) + "...'");
      }
      out.put(name, value(name, e.getValue(), owner));
    }
    return Collections.unmodifiableSortedMap(out);
  }

  private static AttributeValue value(String name, Object v, String owner) {
    String where = "attribute '" + name + "' of " + owner;
    return switch (v) {
      case null -> throw new IllegalArgumentException(where + " is null; leave the attribute out instead");
      case String s -> new AttributeValue.StringValue(requireWellFormed(s, where));
      case Long l -> new AttributeValue.LongValue(l);
      case Integer i -> new AttributeValue.LongValue(i);
      case Short s -> new AttributeValue.LongValue(s);
      case Byte b -> new AttributeValue.LongValue(b);
      case Double d -> new AttributeValue.DoubleValue(requireFinite(d, where));
      case Float f -> new AttributeValue.DoubleValue(requireFinite(f, where));
      case Boolean b -> new AttributeValue.BooleanValue(b);
      case java.time.Instant t -> new AttributeValue.DateTimeValue(epochMillis(t, where));
      case List<?> list -> {
        List<String> strings = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
          if (!(list.get(i) instanceof String s)) {
            throw new IllegalArgumentException(where + " is a list whose element " + i + " is "
                + (list.get(i) == null ? "null" : "a " + list.get(i).getClass().getName())
                + "; only lists of non-null Strings are supported");
          }
          strings.add(requireWellFormed(s, where));
        }
        yield new AttributeValue.StringListValue(strings);
      }
      default -> throw new IllegalArgumentException(where + " has unsupported type " + v.getClass().getName()
          + "; supported: String, Long/Integer/Short/Byte, Double/Float, Boolean, Instant, List<String>");
    };
  }

  private static long epochMillis(java.time.Instant t, String where) {
    try {
      return t.toEpochMilli();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(where + " is " + t + ", outside the range of epoch milliseconds");
    }
  }

  private static double requireFinite(double d, String where) {
    if (!Double.isFinite(d)) throw new IllegalArgumentException(where + " is " + d + "; only finite numbers are supported");
    return d;
  }

  static String requireWellFormed(String s, String where) {
    if (!DocumentIds.isWellFormedUtf16(s)) {
      throw new IllegalArgumentException(where + " contains an unpaired surrogate character and cannot be stored as UTF-8");
    }
    return s;
  }

  /** The attributes as plain Java values, name-sorted and immutable. */
  public static Map<String, Object> toJava(SortedMap<String, AttributeValue> attributes) {
    if (attributes.isEmpty()) return Map.of();
    TreeMap<String, Object> out = new TreeMap<>();
    attributes.forEach((k, v) -> out.put(k, v.toJava()));
    return Collections.unmodifiableSortedMap(out);
  }
}
