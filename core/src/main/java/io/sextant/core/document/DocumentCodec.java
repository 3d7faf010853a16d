package io.sextant.core.document;

import io.sextant.core.store.BytesOutput;
import io.sextant.core.store.CorruptIndexException;
import io.sextant.core.store.MappedInput;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Binary form of stored fields, shared by the write-ahead log and segment stored-field blocks:
 * {@code vint n, n × (string name, byte tag, value), byte hasText, [string text]}. Strings are
 * vint-length-prefixed UTF-8; numbers little endian.
 */
public final class DocumentCodec {
  /** Largest text accepted, in UTF-8 bytes. */
  public static final int MAX_TEXT_BYTES = 8 << 20;
  /** Largest encoded stored fields (attributes and text) of one document. */
  public static final int MAX_ENCODED_BYTES = 16 << 20;
  private static final int MAX_LIST = 1 << 16;

  private DocumentCodec() {}

  /** Validates a text (null allowed) for storage. */
  public static String requireValidText(String text, String owner) {
    if (text == null) return null;
    Attributes.requireWellFormed(text, "text of " + owner);
    if (text.length() > MAX_TEXT_BYTES || text.getBytes(StandardCharsets.UTF_8).length > MAX_TEXT_BYTES) {
      throw new IllegalArgumentException("text of " + owner + " is longer than " + MAX_TEXT_BYTES + " UTF-8 bytes");
    }
    return text;
  }

  public static void write(StoredFields fields, BytesOutput out) {
    out.writeVInt(fields.attributes().size());
    for (Map.Entry<String, AttributeValue> e : fields.attributes().entrySet()) {
      out.writeString(e.getKey());
      switch (e.getValue()) {
        case AttributeValue.StringValue s -> { out.writeByte(AttributeValue.TAG_STRING); out.writeString(s.value()); }
        case AttributeValue.LongValue l -> { out.writeByte(AttributeValue.TAG_LONG); out.writeLong(l.value()); }
        case AttributeValue.DoubleValue d -> { out.writeByte(AttributeValue.TAG_DOUBLE); out.writeDouble(d.value()); }
        case AttributeValue.BooleanValue b -> { out.writeByte(AttributeValue.TAG_BOOLEAN); out.writeByte(b.value() ? 1 : 0); }
        case AttributeValue.DateTimeValue t -> { out.writeByte(AttributeValue.TAG_DATE_TIME); out.writeLong(t.epochMillis()); }
        case AttributeValue.StringListValue l -> {
          out.writeByte(AttributeValue.TAG_STRING_LIST);
          out.writeVInt(l.values().size());
          for (String s : l.values()) out.writeString(s);
        }
      }
    }
    if (fields.text() == null) {
      out.writeByte(0);
    } else {
      out.writeByte(1);
      out.writeString(fields.text());
    }
  }

  public static StoredFields read(MappedInput in) throws CorruptIndexException {
    int n = in.readVInt(Attributes.MAX_ATTRIBUTES, "attribute count");
    TreeMap<String, AttributeValue> attrs = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      long at = in.position();
      String name = in.readString();
      byte tag = in.readByte();
      AttributeValue v = switch (tag) {
        case AttributeValue.TAG_STRING -> new AttributeValue.StringValue(in.readString());
        case AttributeValue.TAG_LONG -> new AttributeValue.LongValue(in.readLong());
        case AttributeValue.TAG_DOUBLE -> new AttributeValue.DoubleValue(in.readDouble());
        case AttributeValue.TAG_BOOLEAN -> new AttributeValue.BooleanValue(readBoolean(in));
        case AttributeValue.TAG_STRING_LIST -> {
          int m = in.readVInt(MAX_LIST, "string list length");
          List<String> l = new ArrayList<>(m);
          for (int j = 0; j < m; j++) l.add(in.readString());
          yield new AttributeValue.StringListValue(l);
        }
        case AttributeValue.TAG_DATE_TIME -> new AttributeValue.DateTimeValue(in.readLong());
        default -> throw new CorruptIndexException(in.resource(), in.position() - 1,
            "attribute '" + name + "' has unknown type tag " + tag + ", expected 1..6");
      };
      if (attrs.put(name, v) != null) {
        throw new CorruptIndexException(in.resource(), at, "attribute '" + name + "' appears twice");
      }
    }
    String text = readBoolean(in) ? in.readString() : null;
    return new StoredFields(attrs, text);
  }

  private static boolean readBoolean(MappedInput in) throws CorruptIndexException {
    byte b = in.readByte();
    if (b != 0 && b != 1) throw new CorruptIndexException(in.resource(), in.position() - 1, "expected a boolean 0 or 1, found " + b);
    return b == 1;
  }
}
