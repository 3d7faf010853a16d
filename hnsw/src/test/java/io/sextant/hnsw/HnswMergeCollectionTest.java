package io.sextant.hnsw;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.core.collection.Collection;
import io.sextant.core.collection.CollectionOptions;
import io.sextant.core.collection.Hit;
import io.sextant.core.collection.SearchRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4, acceptance 5: after 10 % random deletes and a merge, recall@10 stays ≥ 0.95 at the same
 * efSearch, on real embeddings through a {@link Collection}; deleted documents are never returned,
 * before or after the merge, and the merge reuses the largest segment's graph.
 */
class HnswMergeCollectionTest {
  static final int K = 10, EF = 40;
  @TempDir Path dir;

  @Test
  @Tag("slow") // ~30 s on the shared 2-core machine: three 384-d graph builds and 600 exact searches
  void recallHoldsAfterTenPercentRandomDeletesAndAMerge() throws IOException {
    RealData data = RealData.load("wordnet-minilm-10k", 4500, 200);
    float[][] base = data.base();
    CollectionOptions options = CollectionOptions.builder().dimension(base[0].length).similarity(data.similarity())
        .index("hnsw", Map.of("M", 16, "efConstruction", 100))
        .maxBufferedDocs(100_000).backgroundMerges(false).build();
    Set<Integer> deleted = new HashSet<>();
    SplittableRandom r = new SplittableRandom(17);
    for (int i = 0; i < base.length; i++) if (r.nextInt(10) == 0) deleted.add(i);
    try (Collection c = Collection.open(dir, options)) {
      // Two segments: 3000 (67 %) and 1500 documents.
      for (int i = 0; i < 3000; i++) c.upsert("d" + i, base[i]);
      c.flush();
      for (int i = 3000; i < base.length; i++) c.upsert("d" + i, base[i]);
      c.flush();
      double before = recall(c, base, Set.of(), data);
      for (int i : deleted) assertThat(c.delete("d" + i)).isTrue();
      double afterDeletes = recall(c, base, deleted, data);
      long reused = HnswIndexType.reusedMerges.get();
      c.forceMerge(1);
      assertThat(HnswIndexType.reusedMerges.get()).as("merges that reused a graph").isEqualTo(reused + 1);
      assertThat(c.size()).isEqualTo(base.length - deleted.size());
      double afterMerge = recall(c, base, deleted, data);
      System.out.printf(java.util.Locale.ROOT, "hnsw merge, wordnet-minilm-10k 4500 docs, efSearch=%d: recall@10 %.4f before"
          + " deletes, %.4f after %d deletes, %.4f after the merge%n", EF, before, afterDeletes, deleted.size(), afterMerge);
      assertThat(before).isGreaterThanOrEqualTo(0.95);
      assertThat(afterDeletes).isGreaterThanOrEqualTo(0.95);
      assertThat(afterMerge).as("recall@10 at efSearch=%d after the merge (before deletes %.4f, after deletes %.4f)",
          EF, before, afterDeletes).isGreaterThanOrEqualTo(0.95);
    }
  }

  /** Mean recall@10 against exact neighbours among the surviving documents; fails if a deleted one is returned. */
  static double recall(Collection c, float[][] base, Set<Integer> deleted, RealData data) throws IOException {
    List<Integer> live = new ArrayList<>();
    for (int i = 0; i < base.length; i++) if (!deleted.contains(i)) live.add(i);
    double sum = 0;
    for (float[] q : data.queries()) {
      List<Hit> hits = c.search(SearchRequest.of(q).k(K).param("efSearch", EF));
      assertThat(hits).hasSize(K);
      int[] truth = TestVectors.bruteForce(base, q, K, data.similarity(), i -> !deleted.contains(i));
      Set<String> found = new HashSet<>();
      for (Hit h : hits) {
        int ord = Integer.parseInt(h.id().substring(1));
        assertThat(deleted).as("deleted document %s returned", h.id()).doesNotContain(ord);
        found.add(h.id());
      }
      int hit = 0;
      for (int t : truth) if (found.contains("d" + t)) hit++;
      sum += hit / (double) truth.length;
    }
    return sum / data.queries().length;
  }
}
