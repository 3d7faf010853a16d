package io.sextant.core.collection;

import io.sextant.core.index.IndexFiles;
import io.sextant.core.index.IndexSpec;
import io.sextant.core.index.IndexType;
import io.sextant.core.index.MergeInput;
import io.sextant.core.vector.FloatVectors;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A flat index that has every segment written with its documents in a shuffled order
 * ({@link IndexType#documentOrder}), so tests see whether ids, stored fields, attribute and text
 * indexes, tombstones and merge inputs all follow the renumbering. Merges check their inputs as
 * {@link MergeRecordingIndexType} does. Registered for tests only, as {@code "test-shuffled-flat"}.
 */
public final class ShuffledFlatIndexType extends FlatDelegatingIndexType {

  /** A permutation of {@code 0..n-1}, the same for the same n. */
  static int[] order(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) order[i] = i;
    SplittableRandom r = new SplittableRandom(n);
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  @Override public String name() { return "test-shuffled-flat"; }

  @Override public boolean ordersDocuments(IndexSpec spec) { return true; }

  @Override public int[] documentOrder(IndexSpec spec, FloatVectors vectors) { return order(vectors.size()); }

  @Override
  public void writeMerged(IndexSpec spec, FloatVectors vectors, IndexFiles files, List<MergeInput> inputs)
      throws IOException {
    MergeRecordingIndexType.checkInputs(vectors, inputs);
    FLAT.write(spec, vectors, files);
  }

}
