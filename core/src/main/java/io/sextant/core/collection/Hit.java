package io.sextant.core.collection;

import java.util.Map;

/**
 * One search result: the document's id, its score (non-negative, higher is better, see
 * {@link io.sextant.core.vector.Similarity}) and its stored fields (empty map and null text when
 * the request asked for ids only).
 */
public record Hit(String id, float score, Map<String, Object> attributes, String text) {
  public Hit {
    attributes = attributes == null ? Map.of() : attributes;
  }
}
