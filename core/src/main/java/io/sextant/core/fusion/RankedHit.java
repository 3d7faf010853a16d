package io.sextant.core.fusion;

import java.util.Objects;

/** One candidate from one side of a hybrid search: its key and that side's score. */
public record RankedHit<K>(K key, float score) {
  public RankedHit {
    Objects.requireNonNull(key, "key");
    if (!Float.isFinite(score)) {
      throw new IllegalArgumentException("score of " + key + " must be finite, got " + score);
    }
  }
}
