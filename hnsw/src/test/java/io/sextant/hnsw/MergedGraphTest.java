package io.sextant.hnsw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.core.index.IndexFiles;
import io.sextant.core.index.IndexParams;
import io.sextant.core.index.IndexSpec;
import io.sextant.core.index.MergeInput;
import io.sextant.core.store.ChecksummedOutput;
import io.sextant.core.store.MappedFile;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Kernels;
import io.sextant.core.vector.Similarity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A merged graph grown from a source graph, against a graph built from scratch and exact neighbours. */
class MergedGraphTest {
  static final int K = 10;
  @TempDir Path dir;

  /** Two sources merged: the base's deleted nodes dropped, the other source's vectors inserted. */
  record Merge(float[][] merged, int[] baseNewOrd, FloatVectors baseVectors) {
    /** Source B (rows {@code [split, n)}) first, then source A (rows {@code [0, split)}, the base), 10 % of each deleted. */
    static Merge of(float[][] rows, int split, double deleted, long seed) {
      SplittableRandom r = new SplittableRandom(seed);
      int[] newOrd = new int[split];
      float[][] merged = new float[rows.length][];
      int m = 0;
      for (int i = split; i < rows.length; i++) if (r.nextDouble() >= deleted) merged[m++] = rows[i];
      for (int o = 0; o < split; o++) {
        if (r.nextDouble() < deleted) {
          newOrd[o] = -1;
        } else {
          newOrd[o] = m;
          merged[m++] = rows[o];
        }
      }
      return new Merge(Arrays.copyOf(merged, m), newOrd, TestVectors.vectors(Arrays.copyOf(rows, split)));
    }
  }

  static double recall(HnswIndex index, float[][] base, float[][] queries, Similarity sim, int ef) {
    double sum = 0;
    for (float[] q : queries) {
      sum += TestVectors.recall(index.search(q, K, ef).ords(), TestVectors.bruteForce(base, q, K, sim, null));
    }
    return sum / queries.length;
  }

  /** The base graph written and mapped back, as a merge reads it from a segment. */
  MappedHnswGraph mapped(OnHeapHnswGraph g) throws IOException {
    Path f = dir.resolve("base-" + System.nanoTime() + ".hnsw");
    new HnswGraphWriter(g).write(f);
    return MappedHnswGraph.map(f);
  }

  @Test
  @Tag("slow") // ~10 s under load: two 384-d builds of 3500 and 4500 nodes plus the merge
  void mergedGraphWithDeletesSearchesAsWellAsAFreshBuildOnRealData() throws IOException {
    RealData data = RealData.load("wordnet-minilm-10k", 5000, 200);
    Similarity sim = data.similarity();
    HnswParams params = HnswParams.defaults();
    Merge mg = Merge.of(data.base(), 3500, 0.10, 7);
    OnHeapHnswGraph baseGraph = new HnswGraphBuilder(mg.baseVectors(), sim, params).build(2);
    FloatVectors merged = TestVectors.vectors(mg.merged());
    try (MappedHnswGraph base = mapped(baseGraph)) {
      MergedGraphBuilder b = HnswIndexType.mergedGraphBuilder(base, mg.baseNewOrd(), merged, sim, params);
      OnHeapHnswGraph reused = b.build(2);
      GraphInvariants.check(reused);
      int live = (int) Arrays.stream(mg.baseNewOrd()).filter(o -> o >= 0).count();
      assertThat(b.stats().copied()).isEqualTo(live);
      assertThat(b.stats().inserted()).isEqualTo(mg.merged().length - live);
      assertThat(b.stats().repaired()).as("nodes that lost links to deleted ones were repaired").isPositive();
      OnHeapHnswGraph scratch = new HnswGraphBuilder(merged, sim, params).build(2);
      int ef = 40;
      double rReused = recall(HnswIndex.of(merged, sim, reused), mg.merged(), data.queries(), sim, ef);
      double rScratch = recall(HnswIndex.of(merged, sim, scratch), mg.merged(), data.queries(), sim, ef);
      System.out.printf(java.util.Locale.ROOT, "merged graph %s: recall@10 at ef=%d %.4f, from scratch %.4f%n",
          b.stats(), ef, rReused, rScratch);
      assertThat(rReused).as("recall@10 of the reused graph (scratch: %.4f)", rScratch)
          .isGreaterThanOrEqualTo(0.95).isGreaterThanOrEqualTo(rScratch - 0.015);
    }
  }

  @Test
  void oneThreadGivesTheSameGraphEveryTimeEvenWhenTheEntryPointIsDeleted() {
    float[][] rows = TestVectors.clustered(1500, 16, 40, 1.0, 5);
    Similarity sim = Similarity.EUCLIDEAN;
    HnswParams params = HnswParams.builder().m(8).efConstruction(50).build();
    Merge mg = Merge.of(rows, 1000, 0.2, 9);
    OnHeapHnswGraph base = new HnswGraphBuilder(mg.baseVectors(), sim, params).build(1);
    int[] newOrd = mg.baseNewOrd().clone();
    // Also delete the entry point (and shift the survivors' ordinals down past it).
    int entry = base.entryPoint();
    int dropped = newOrd[entry];
    float[][] merged = mg.merged();
    if (dropped >= 0) {
      newOrd[entry] = -1;
      for (int o = 0; o < newOrd.length; o++) if (newOrd[o] > dropped) newOrd[o]--;
      float[][] shrunk = new float[merged.length - 1][];
      for (int i = 0, j = 0; i < merged.length; i++) if (i != dropped) shrunk[j++] = merged[i];
      merged = shrunk;
    }
    FloatVectors vectors = TestVectors.vectors(merged);
    OnHeapHnswGraph a = HnswIndexType.mergedGraphBuilder(base, newOrd, vectors, sim, params).build(1);
    OnHeapHnswGraph b = HnswIndexType.mergedGraphBuilder(base, newOrd, vectors, sim, params).build(1);
    GraphInvariants.check(a);
    GraphInvariants.assertSameStructure(a, b);
    // The threaded build differs in insertion order but is just as valid.
    GraphInvariants.check(HnswIndexType.mergedGraphBuilder(base, newOrd, vectors, sim, params).build(2));
    float[][] queries = TestVectors.clustered(50, 16, 40, 1.0, 6);
    assertThat(recall(HnswIndex.of(vectors, sim, a), merged, queries, sim, 64)).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void aBaseThatDoesNotFitIsRefusedWithTheReason() {
    FloatVectors v = TestVectors.vectors(TestVectors.clustered(10, 4, 2, 1));
    HnswIndexType t = new HnswIndexType();
    IndexSpec spec = new IndexSpec(4, Similarity.EUCLIDEAN, t.configure(IndexParams.parse("M=8"), 4, Similarity.EUCLIDEAN));
    HnswParams params = HnswIndexType.buildParams(spec.params());
    int[] all = new int[10];
    for (int i = 0; i < 10; i++) all[i] = i;
    assertThat(HnswIndexType.reuseRefusal(new MergeInput("hnsw", spec, v, NO_FILES, all), spec, params)).isNull();
    assertThat(HnswIndexType.reuseRefusal(new MergeInput("flat", spec, v, NO_FILES, all), spec, params))
        .contains("'flat' segment");
    IndexSpec otherM = new IndexSpec(4, Similarity.EUCLIDEAN, t.configure(IndexParams.parse("M=12"), 4, Similarity.EUCLIDEAN));
    assertThat(HnswIndexType.reuseRefusal(new MergeInput("hnsw", otherM, v, NO_FILES, all), spec, params))
        .contains("M=12");
    IndexSpec cosine = new IndexSpec(4, Similarity.COSINE, spec.params());
    assertThat(HnswIndexType.reuseRefusal(new MergeInput("hnsw", cosine, v, NO_FILES, all), spec, params))
        .contains("COSINE");
    int[] half = all.clone();
    for (int i = 0; i < 5; i++) half[i] = -1;
    assertThat(HnswIndexType.reuseRefusal(new MergeInput("hnsw", spec, v, NO_FILES, half), spec, params))
        .contains("5 of 10 documents deleted");
    assertThatThrownBy(() -> new MergeInput("hnsw", spec, v, NO_FILES, new int[3]))
        .hasMessageContaining("3 entries for a source of 10 vectors");
  }

  static final IndexFiles NO_FILES = new IndexFiles() {
    @Override public ChecksummedOutput create(String extension, String kind, int version) {
      throw new UnsupportedOperationException();
    }

    @Override public MappedFile open(String extension, String kind, int version) {
      throw new UnsupportedOperationException();
    }
  };
}
