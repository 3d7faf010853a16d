package io.sextant.core.document;

import java.util.List;

/**
 * A typed attribute value as stored, logged and (later) indexed for filtering. Java values given
 * by users map onto these five types (see {@link Attributes#of}); nothing else is accepted, so a
 * filter never meets a value it cannot compare.
 */
public sealed interface AttributeValue {
  byte TAG_STRING = 1;
  byte TAG_LONG = 2;
  byte TAG_DOUBLE = 3;
  byte TAG_BOOLEAN = 4;
  byte TAG_STRING_LIST = 5;
  /** A date-time as epoch milliseconds (UTC); added after version 1 of the formats, which never hold it. */
  byte TAG_DATE_TIME = 6;

  /** The value as the Java object handed back to users: String, Long, Double, Boolean, List&lt;String&gt; or Instant. */
  Object toJava();

  record StringValue(String value) implements AttributeValue {
    @Override public Object toJava() { return value; }
  }

  record LongValue(long value) implements AttributeValue {
    @Override public Object toJava() { return value; }
  }

  record DoubleValue(double value) implements AttributeValue {
    @Override public Object toJava() { return value; }
  }

  record BooleanValue(boolean value) implements AttributeValue {
    @Override public Object toJava() { return value; }
  }

  /** A date-time, epoch milliseconds UTC; handed back as an {@link java.time.Instant}. */
  record DateTimeValue(long epochMillis) implements AttributeValue {
    @Override public Object toJava() { return java.time.Instant.ofEpochMilli(epochMillis); }
  }

  record StringListValue(List<String> values) implements AttributeValue {
    public StringListValue {
      values = List.copyOf(values);
    }

    @Override public Object toJava() { return values; }
  }
}
