package io.sextant.core.collection;

import io.sextant.core.vector.Similarity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The deterministic workload of the crash test: batch {@code b} is a fixed list of upserts and
 * deletes over a universe of ids, so the parent can rebuild what every acknowledged commit wrote.
 * Replaying a batch on top of any prefix of itself gives the same state (last write per id wins).
 */
final class CrashWorkload {
  static final int DIM = 16;
  static final int IDS = 400;
  static final int OPS_PER_BATCH = 25;

  record Op(String id, float[] vector, Map<String, Object> attributes, String text) {
    boolean isDelete() {
      return vector == null;
    }
  }

  private CrashWorkload() {}

  static CollectionOptions options() {
    return CollectionOptions.builder().dimension(DIM).similarity(Similarity.EUCLIDEAN).index("flat")
        .maxBufferedDocs(60).segmentsPerTier(3).maxMergeAtOnce(4).floorSegmentDocs(20).deletesPctAllowed(20).build();
  }

  static List<Op> batch(long seed, long b) {
    Random r = new Random(seed * 1_000_003L + b);
    List<Op> ops = new ArrayList<>(OPS_PER_BATCH);
    for (int j = 0; j < OPS_PER_BATCH; j++) {
      String id = "k" + r.nextInt(IDS);
      if (r.nextInt(100) < 20) {
        ops.add(new Op(id, null, null, null));
      } else {
        float[] v = new float[DIM];
        for (int d = 0; d < DIM; d++) v[d] = (float) r.nextGaussian();
        ops.add(new Op(id, v, Map.of("b", b, "j", (long) j), r.nextBoolean() ? "batch " + b + " op " + j : null));
      }
    }
    return ops;
  }

  static void apply(Map<String, Op> model, Op op) {
    if (op.isDelete()) model.remove(op.id());
    else model.put(op.id(), op);
  }

  static Map<String, Op> stateAfter(long seed, long lastBatch) {
    Map<String, Op> m = new HashMap<>();
    for (long b = 0; b <= lastBatch; b++) for (Op op : batch(seed, b)) apply(m, op);
    return m;
  }
}
