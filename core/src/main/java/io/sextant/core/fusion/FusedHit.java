package io.sextant.core.fusion;

import java.util.EnumSet;
import java.util.Set;

/**
 * A hit of a fused ranking: the fused score, and for each side the 1-based rank and the score it
 * had there (rank 0 when that side did not return it; its score then NaN, unless the fusion
 * scored every candidate on both sides, {@link Fusion#combined}) and the part of the fused
 * score that side contributed.
 */
public record FusedHit<K>(K key, double score, int vectorRank, float vectorScore,
    double vectorPart, int textRank, float textScore, double textPart) {

  /** Which side of a hybrid search a hit came from. */
  public enum Source { VECTOR, TEXT }

  public boolean foundByVector() {
    return vectorRank > 0;
  }

  public boolean foundByText() {
    return textRank > 0;
  }

  /** The sides that returned this hit: one or both. */
  public Set<Source> sources() {
    EnumSet<Source> s = EnumSet.noneOf(Source.class);
    if (foundByVector()) s.add(Source.VECTOR);
    if (foundByText()) s.add(Source.TEXT);
    return s;
  }
}
