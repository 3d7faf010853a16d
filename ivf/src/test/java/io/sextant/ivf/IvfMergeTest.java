package io.sextant.ivf;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.core.collection.Collection;
import io.sextant.core.collection.CollectionOptions;
import io.sextant.core.collection.Hit;
import io.sextant.core.collection.SearchRequest;
import io.sextant.core.data.Dataset;
import io.sextant.core.testing.CachedDatasets;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Kernels;
import io.sextant.core.vector.Similarity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Merges that keep the largest source's centroids, and the triggers that make them retrain. */
class IvfMergeTest {
  static final int K = 10;
  @TempDir Path dir;

  /** Source B's rows first, then the base's (rows {@code [0, split)}), 10 % of the base deleted. */
  record Merge(float[][] merged, int[] baseNewOrd) {
    static Merge of(float[][] rows, int split, long seed) {
      SplittableRandom r = new SplittableRandom(seed);
      float[][] merged = new float[rows.length][];
      int m = 0;
      for (int i = split; i < rows.length; i++) merged[m++] = rows[i];
      int[] newOrd = new int[split];
      for (int o = 0; o < split; o++) {
        if (r.nextInt(10) == 0) {
          newOrd[o] = -1;
        } else {
          newOrd[o] = m;
          merged[m++] = rows[o];
        }
      }
      return new Merge(Arrays.copyOf(merged, m), newOrd);
    }
  }

  static double recall(IvfIndex index, int[][] truth, float[][] queries, int nprobe) {
    double sum = 0;
    IvfSearchParams p = IvfSearchParams.builder().nprobe(nprobe).build();
    for (int i = 0; i < queries.length; i++) sum += ExactNeighbours.recall(index.search(queries[i], K, p).ords(), truth[i]);
    return sum / queries.length;
  }

  @Test
  @Tag("slow") // ~20 s on the shared machine: three IVF-PQ builds on 384-d vectors and exact ground truth
  void reusedCentroidsAndCodebooksGiveTheSameRecallOnRealData() throws IOException {
    Path folder = CachedDatasets.require("wordnet-minilm-10k");
    float[][] rows, queries;
    Similarity sim;
    try (Dataset d = Dataset.open(folder, 10_000, 400)) {
      rows = rowsOf(d.base());
      queries = rowsOf(d.queries());
      sim = d.similarity();
    }
    IvfSpec spec = IvfSpec.parse(System.getProperty("sextant.ivfMerge.spec", "ivf(pq=auto)"));
    int threads = 2;
    int split = 7000;
    IvfIndex base = IvfIndex.build(FloatVectors.copyOf(Arrays.copyOf(rows, split), rows[0].length), sim, spec, threads);
    Merge mg = Merge.of(rows, split, 3);
    FloatVectors merged = FloatVectors.copyOf(mg.merged(), rows[0].length);
    long t0 = System.nanoTime();
    IvfIndex retrained = IvfIndex.build(merged, sim, spec, threads);
    long t1 = System.nanoTime();
    IvfMerge.Decision d = IvfMerge.decide(base, spec, spec, sim, merged, mg.baseNewOrd(), 42);
    IvfIndex reused = IvfMerge.build(base, merged, spec, ExactScorer.of(merged, sim, Kernels.get()), threads);
    long t2 = System.nanoTime();
    assertThat(d.reuse()).as(d.reason()).isTrue();
    assertThat(d.newError()).as("held-out vectors' error vs the base's own").isLessThan(d.baseError() * 1.3);
    int nprobe = 32;
    int[][] truth = new int[queries.length][];
    for (int i = 0; i < queries.length; i++) truth[i] = ExactNeighbours.topK(mg.merged(), queries[i], K, sim, null);
    double rRetrained = recall(retrained, truth, queries, nprobe);
    double rReused = recall(reused, truth, queries, nprobe);
    System.out.printf(Locale.ROOT, "ivf merge %s, wordnet-minilm-10k %d merged (base %d, 10 %% deleted), %d threads:"
        + " retrain %.2f s recall@10 %.4f; reuse (decision + assign/encode) %.2f s recall@10 %.4f at nprobe=%d;"
        + " drift check %s%n", spec, mg.merged().length, split, threads, (t1 - t0) / 1e9, rRetrained, (t2 - t1) / 1e9,
        rReused, nprobe, d);
    // Reuse must not cost recall; it may gain some (the base's codebooks fit these data as well):
    // 0.9205 against 0.9125 before the PQ trainer change, 0.9215 against 0.9115 after it.
    assertThat(rReused).isGreaterThanOrEqualTo(rRetrained - 0.01);
    // The times are printed, not asserted: a wall-clock race inside the test suite failed once on a
    // 2-core machine while another process ran (reuse 0.92 s vs retrain 0.58 s, 2026-12-07), although
    // reuse skips the whole training. The saving is a benchmark figure (docs/bench/ivf.md, merges).
  }

  @Test
  void shiftedDataTriggersRetrainingAndSameDistributionDataDoesNot() {
    int dim = 32;
    ClusteredData one = ClusteredData.gaussian(6000, dim, 30, 1.0, 0.15, 1);
    ClusteredData other = ClusteredData.gaussian(2000, dim, 30, 1.0, 0.15, 2); // other centres: drifted data
    IvfSpec spec = IvfSpec.parse("ivf(nlist=30,sq8)");
    float[][] baseRows = Arrays.copyOf(one.rows, 4000);
    IvfIndex base = IvfIndex.build(FloatVectors.copyOf(baseRows, dim), Similarity.EUCLIDEAN, spec, 1);

    Merge same = Merge.of(one.rows, 4000, 5);
    IvfMerge.Decision d = IvfMerge.decide(base, spec, spec, Similarity.EUCLIDEAN,
        FloatVectors.copyOf(same.merged(), dim), same.baseNewOrd(), 42);
    assertThat(d.reuse()).as(d.reason()).isTrue();

    float[][] shifted = Arrays.copyOf(baseRows, 6000);
    System.arraycopy(other.rows, 0, shifted, 4000, 2000);
    Merge drifted = Merge.of(shifted, 4000, 5);
    d = IvfMerge.decide(base, spec, spec, Similarity.EUCLIDEAN, FloatVectors.copyOf(drifted.merged(), dim),
        drifted.baseNewOrd(), 42);
    assertThat(d.reuse()).isFalse();
    assertThat(d.reason()).startsWith("drift");
    assertThat(d.newError()).isGreaterThan(d.baseError() * (1 + IvfMerge.DRIFT_TOLERANCE));
  }

  @Test
  void growthPastTheCentroidsOrAnotherEncodingTriggersRetraining() {
    int dim = 16;
    ClusteredData data = ClusteredData.gaussian(4000, dim, 20, 1.0, 0.2, 3);
    IvfSpec auto = IvfSpec.parse("ivf(sq8)");
    IvfIndex base = IvfIndex.build(FloatVectors.copyOf(Arrays.copyOf(data.rows, 1000), dim), Similarity.EUCLIDEAN, auto, 1);
    Merge grown = Merge.of(data.rows, 1000, 7); // 3900 vectors: auto nlist 250 against the base's 126
    IvfMerge.Decision d = IvfMerge.decide(base, auto, auto, Similarity.EUCLIDEAN,
        FloatVectors.copyOf(grown.merged(), dim), grown.baseNewOrd(), 42);
    assertThat(d.reuse()).isFalse();
    assertThat(d.reason()).startsWith("size");
    Merge small = Merge.of(Arrays.copyOf(data.rows, 1300), 1000, 7);
    FloatVectors smallMerged = FloatVectors.copyOf(small.merged(), dim);
    assertThat(IvfMerge.decide(base, auto, auto, Similarity.EUCLIDEAN, smallMerged, small.baseNewOrd(), 42).reuse()).isTrue();
    IvfSpec pq = IvfSpec.parse("ivf(pq=4x8)");
    d = IvfMerge.decide(base, auto, pq, Similarity.EUCLIDEAN, smallMerged, small.baseNewOrd(), 42);
    assertThat(d.reuse()).isFalse();
    assertThat(d.reason()).contains("SQ8");
  }

  /** Through a collection: a merge reuses (or, on drifted data, retrains) and the merged segment finds the right documents. */
  @Test
  void collectionMergesReuseOrRetrainAndStillFindTheLiveNeighbours() throws IOException {
    int dim = 24;
    ClusteredData one = ClusteredData.gaussian(3000, dim, 16, 1.0, 0.15, 11);
    ClusteredData other = ClusteredData.gaussian(800, dim, 16, 1.0, 0.15, 12);
    for (boolean drift : new boolean[] {false, true}) {
      float[][] rows = Arrays.copyOf(one.rows, 3000);
      if (drift) System.arraycopy(other.rows, 0, rows, 2200, 800);
      Path d = dir.resolve(drift ? "drift" : "same");
      CollectionOptions options = CollectionOptions.builder().dimension(dim).similarity(Similarity.EUCLIDEAN)
          .index("ivf", Map.of("nlist", 16, "pq", "sq8", "liveTrain", 100_000)).maxBufferedDocs(100_000)
          .backgroundMerges(false).build();
      Set<Integer> deleted = new HashSet<>();
      try (Collection c = Collection.open(d, options)) {
        for (int i = 0; i < 2200; i++) c.upsert("d" + i, rows[i]);
        c.flush();
        for (int i = 2200; i < rows.length; i++) c.upsert("d" + i, rows[i]);
        c.flush();
        for (int i = 0; i < rows.length; i += 10) {
          c.delete("d" + i);
          deleted.add(i);
        }
        long reused = IvfIndexType.reusedMerges.get(), retrained = IvfIndexType.retrainedMerges.get();
        c.forceMerge(1);
        assertThat(IvfIndexType.reusedMerges.get() - reused).as("reused merges, drift=%s", drift).isEqualTo(drift ? 0 : 1);
        assertThat(IvfIndexType.retrainedMerges.get() - retrained).as("retrained merges").isEqualTo(drift ? 1 : 0);
        double sum = 0;
        for (int qi = 0; qi < 40; qi++) {
          float[] q = rows[qi * 71 + 1];
          List<Hit> hits = c.search(SearchRequest.of(q).k(K).param("nprobe", 16));
          int[] truth = ExactNeighbours.topK(rows, q, K, Similarity.EUCLIDEAN, i -> !deleted.contains(i));
          Set<String> found = new HashSet<>();
          for (Hit h : hits) {
            assertThat(deleted).doesNotContain(Integer.parseInt(h.id().substring(1)));
            found.add(h.id());
          }
          int hit = 0;
          for (int t : truth) if (found.contains("d" + t)) hit++;
          sum += hit / (double) K;
        }
        // nprobe = nlist: every list is scanned, so only SQ8 rounding (after the rerank) can cost recall.
        assertThat(sum / 40).as("recall@10 after the merge, drift=%s", drift).isGreaterThanOrEqualTo(0.98);
      }
    }
  }

  private static float[][] rowsOf(FloatVectors v) {
    float[][] out = new float[v.size()][];
    for (int i = 0; i < out.length; i++) out[i] = v.get(i);
    return out;
  }
}
