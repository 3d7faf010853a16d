package io.sextant.core.index;

import io.sextant.core.search.TopK;
import java.io.IOException;
import org.roaringbitmap.RoaringBitmap;

/** Searches the vectors of one segment (or of the write buffer). Implementations are thread-safe. */
public interface VectorSearcher {
  /**
   * The best {@code k} ordinals for {@code query}, best first, with their scores in
   * {@link io.sextant.core.vector.Similarity#toScore public score} units (non-negative, higher is
   * better), so hits of different segments and index types merge by score.
   *
   * @param query        a valid query of the index's dimension (checked by the caller)
   * @param k            at least 1; fewer hits are returned when fewer ordinals are accepted
   * @param searchParams index-specific knobs, already checked by {@link IndexType#validateSearchParams}
   * @param accept       only these ordinals may be returned; {@code null} accepts every ordinal
   * @throws IOException when the index's files turn out to be corrupt while searching
   */
  TopK.ScoredOrds search(float[] query, int k, IndexParams searchParams, RoaringBitmap accept) throws IOException;
}
