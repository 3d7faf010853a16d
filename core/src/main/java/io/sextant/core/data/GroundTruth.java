package io.sextant.core.data;

import io.sextant.core.flat.FlatIndex;
import io.sextant.core.search.TopK.ScoredOrds;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import java.util.function.IntConsumer;

/**
 * Exact nearest neighbours of each query, computed with {@link FlatIndex}: row {@code i} holds
 * the ordinals of the {@code min(k, base.size())} base vectors most similar to query {@code i},
 * best first, equal scores in ascending ordinal order.
 */
public final class GroundTruth {
  /** Queries handed to the index per batch; progress is reported after each. */
  private static final int BATCH = 512;

  private GroundTruth() {}

  /**
   * Computes the exact top {@code k} of every query on {@code threads} threads, calling
   * {@code progress} (may be null) with the number of queries done so far.
   */
  public static int[][] compute(FloatVectors base, FloatVectors queries, Similarity similarity, int k, int threads,
      IntConsumer progress) {
    if (base.dimension() != queries.dimension()) {
      throw new IllegalArgumentException("base has dimension " + base.dimension() + " but queries have "
          + queries.dimension());
    }
    FlatIndex index = new FlatIndex(base, similarity);
    int[][] out = new int[queries.size()][];
    for (int from = 0; from < queries.size(); from += BATCH) {
      int to = Math.min(queries.size(), from + BATCH);
      float[][] batch = new float[to - from][];
      for (int i = from; i < to; i++) batch[i - from] = queries.get(i);
      ScoredOrds[] hits = index.search(batch, k, null, threads);
      for (int i = from; i < to; i++) out[i] = hits[i - from].ords();
      if (progress != null) progress.accept(to);
    }
    return out;
  }
}
