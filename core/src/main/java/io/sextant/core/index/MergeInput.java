package io.sextant.core.index;

import io.sextant.core.vector.FloatVectors;
import java.util.Objects;

/**
 * One source segment of a merge, as {@link IndexType#writeMerged} sees it: what it was indexed
 * with, its vectors and index files (mapped, readable until {@code writeMerged} returns), and
 * where each of its documents lands in the merged segment. An index type uses this to start the
 * merged index from a source's structure (an HNSW graph, IVF centroids) instead of building it
 * from nothing; the source's files are only read.
 *
 * @param indexType name of the index type the source segment was written with; it may differ
 *                  from the merging type when a collection's options changed, and a structure of
 *                  another type must not be reused
 * @param spec      the source's index spec (its build parameters may differ from the merged one's)
 * @param vectors   the source's vectors, ordinals {@code 0..docCount-1}
 * @param files     the source's index files, opened read-only ({@link IndexFiles#create} throws)
 * @param newOrd    per source ordinal, its ordinal in the merged segment, or -1 when the document
 *                  is dropped (deleted); every merged ordinal comes from exactly one source
 */
public record MergeInput(String indexType, IndexSpec spec, FloatVectors vectors, IndexFiles files, int[] newOrd) {
  public MergeInput {
    Objects.requireNonNull(indexType, "indexType");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(vectors, "vectors");
    Objects.requireNonNull(files, "files");
    Objects.requireNonNull(newOrd, "newOrd");
    if (newOrd.length != vectors.size()) {
      throw new IllegalArgumentException("ordinal map has " + newOrd.length + " entries for a source of "
          + vectors.size() + " vectors");
    }
  }

  /** Documents in the source, deleted ones included. */
  public int docCount() {
    return newOrd.length;
  }

  /** Documents of the source that survive into the merged segment. */
  public int liveCount() {
    int live = 0;
    for (int o : newOrd) if (o >= 0) live++;
    return live;
  }

  /** The source whose structure is most worth reusing: the one with the most surviving documents (first on ties). */
  public static int largest(java.util.List<MergeInput> inputs) {
    int best = -1;
    int bestLive = -1;
    for (int i = 0; i < inputs.size(); i++) {
      int live = inputs.get(i).liveCount();
      if (live > bestLive) {
        best = i;
        bestLive = live;
      }
    }
    return best;
  }
}
