package io.sextant.core.index;

import io.sextant.core.vector.Similarity;
import java.util.Objects;

/**
 * What an index is built for: the vector dimension, the similarity and the build parameters as
 * returned by {@link IndexType#configure} (defaults filled in), so a segment reopened later is
 * read with exactly the parameters it was written with.
 */
public record IndexSpec(int dimension, Similarity similarity, IndexParams params) {
  public IndexSpec {
    if (dimension <= 0) throw new IllegalArgumentException("dimension must be positive, got " + dimension);
    Objects.requireNonNull(similarity, "similarity");
    Objects.requireNonNull(params, "params");
  }
}
