package io.sextant.core.document;

import java.util.Collections;
import java.util.SortedMap;

/** The stored (non-vector) fields of a document: typed attributes and an optional text. */
public record StoredFields(SortedMap<String, AttributeValue> attributes, String text) {
  public static final StoredFields EMPTY = new StoredFields(Collections.emptySortedMap(), null);

  public StoredFields {
    attributes = attributes == null ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(attributes);
  }
}
