package io.sextant.core.collection;

import io.sextant.core.fusion.FusedHit;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * One search result: the document's id, its score (higher is better) and its stored fields
 * (empty map and null text when the request asked for ids only), and which side of the search
 * found it.
 *
 * <p>The score is the vector similarity score (non-negative, see
 * {@link io.sextant.core.vector.Similarity}) for a vector search, the BM25 score for a text-only
 * search, and the fused score for a hybrid search. Per side, {@code vectorRank} / {@code textRank}
 * is the 1-based rank the document had among that side's candidates (0 when that side did not
 * return it) and {@code vectorScore} / {@code textScore} its score there (NaN when not returned,
 * except with {@link io.sextant.core.fusion.Fusion#combined}, which scores every candidate on
 * both sides: then the side that did not return it reports the score the document has there).
 */
public record Hit(String id, float score, Map<String, Object> attributes, String text,
                  int vectorRank, float vectorScore, int textRank, float textScore) {
  public Hit {
    attributes = attributes == null ? Map.of() : attributes;
  }

  /** A hit with no per-side information (as before hybrid search existed). */
  public Hit(String id, float score, Map<String, Object> attributes, String text) {
    this(id, score, attributes, text, 0, Float.NaN, 0, Float.NaN);
  }

  public boolean foundByVector() {
    return vectorRank > 0;
  }

  public boolean foundByText() {
    return textRank > 0;
  }

  /** The sides that found this hit. */
  public Set<FusedHit.Source> sources() {
    EnumSet<FusedHit.Source> s = EnumSet.noneOf(FusedHit.Source.class);
    if (foundByVector()) s.add(FusedHit.Source.VECTOR);
    if (foundByText()) s.add(FusedHit.Source.TEXT);
    return s;
  }
}
