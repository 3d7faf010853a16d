package io.sextant.core.collection;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/** A stored document as returned by {@link Snapshot#get(String)}: a copy, free to keep and modify. */
public record Document(String id, float[] vector, Map<String, Object> attributes, String text) {
  public Document {
    attributes = attributes == null ? Map.of() : attributes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Document d && id.equals(d.id) && Arrays.equals(vector, d.vector)
        && attributes.equals(d.attributes) && Objects.equals(text, d.text);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, Arrays.hashCode(vector), attributes, text);
  }

  @Override
  public String toString() {
    return "Document[id=" + id + ", dimension=" + vector.length + ", attributes=" + attributes
        + ", text=" + (text == null ? "null" : text.length() > 40 ? "'" + text.substring(0, 40) + "...'" : "'" + text + "'") + "]";
  }
}
