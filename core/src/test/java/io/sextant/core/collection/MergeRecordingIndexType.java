package io.sextant.core.collection;

import io.sextant.core.index.IndexFiles;
import io.sextant.core.index.IndexSpec;
import io.sextant.core.index.MergeInput;
import io.sextant.core.vector.FloatVectors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A flat index that records what {@link #writeMerged} is handed and checks it against the merged
 * vectors, so a test can see the merge inputs core builds. Registered for tests only, as
 * {@code "test-merge-recording"}.
 */
public final class MergeRecordingIndexType extends FlatDelegatingIndexType {
  /** Per merge: the inputs' (index type, doc count, live count), in input order. */
  static final List<List<String>> MERGES = new java.util.concurrent.CopyOnWriteArrayList<>();

  @Override public String name() { return "test-merge-recording"; }

  @Override
  public void writeMerged(IndexSpec spec, FloatVectors vectors, IndexFiles files, List<MergeInput> inputs)
      throws IOException {
    MERGES.add(checkInputs(vectors, inputs));
    FLAT.write(spec, vectors, files);
  }

  /**
   * Checks that the inputs' ordinal maps cover every merged ordinal exactly once and each maps a
   * source vector onto the same merged vector; returns (index type, doc count, live count) per input.
   */
  static List<String> checkInputs(FloatVectors vectors, List<MergeInput> inputs) {
    boolean[] covered = new boolean[vectors.size()];
    List<String> seen = new ArrayList<>();
    for (MergeInput in : inputs) {
      for (int o = 0; o < in.docCount(); o++) {
        int m = in.newOrd()[o];
        if (m < 0) continue;
        if (covered[m]) throw new AssertionError("merged ordinal " + m + " comes from two sources");
        covered[m] = true;
        if (!Arrays.equals(in.vectors().get(o), vectors.get(m))) {
          throw new AssertionError("source ordinal " + o + " maps to merged " + m + " but the vectors differ");
        }
      }
      seen.add(in.indexType() + ":" + in.docCount() + ":" + in.liveCount());
    }
    for (int m = 0; m < covered.length; m++) if (!covered[m]) throw new AssertionError("merged ordinal " + m + " has no source");
    return seen;
  }

}
