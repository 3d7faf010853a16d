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

  // Written out: a record's generated equals and hashCode link through ObjectMethods bootstraps,
  // which cost a fresh JVM's first Collection.open (it compares every segment's spec) ~5 ms.
  @Override
  public boolean equals(Object o) {
    return o instanceof IndexSpec s && s.dimension == dimension && s.similarity == similarity && s.params.equals(params);
  }

  @Override
  public int hashCode() {
    return (31 * dimension + similarity.hashCode()) * 31 + params.hashCode();
  }
}
