package io.sextant.core.collection;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.core.data.SyntheticDataset;
import io.sextant.core.data.VectorBlock;
import io.sextant.core.flat.FlatIndex;
import io.sextant.core.search.TopK;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Search through the collection (flat index; write buffer, several segments, deletes,
 * replacements, merges) returns exactly what {@link FlatIndex} returns over the live documents:
 * recall 1.0 on an embedding-like synthetic dataset.
 */
class FlatParityTest {
  @TempDir Path dir;

  @Test
  void collectionSearchEqualsFlatIndexOverLiveDocuments() throws IOException {
    int n = 12_000, dim = 48, k = 10;
    SyntheticDataset data = SyntheticDataset.builder(dim).seed(9).normalize(true).build();
    try (VectorBlock base = data.generate(n + 2_000, 1, 2); VectorBlock queries = data.generate(60, 2, 1)) {
      FloatVectors v = base.vectors();
      CollectionOptions options = CollectionOptions.builder().dimension(dim).similarity(Similarity.COSINE).index("flat")
          .maxBufferedDocs(1_500).segmentsPerTier(4).floorSegmentDocs(500).build();
      Map<String, Integer> live = new LinkedHashMap<>(); // id -> row of base holding its vector
      Random r = new Random(4);
      try (Collection c = Collection.open(dir, options)) {
        for (int i = 0; i < n; i++) {
          c.upsert("doc-" + i, v.get(i));
          live.put("doc-" + i, i);
        }
        for (int i = 0; i < 1_500; i++) { // deletes
          String id = "doc-" + r.nextInt(n);
          c.delete(id);
          live.remove(id);
        }
        for (int i = 0; i < 2_000; i++) { // replacements with new vectors
          String id = "doc-" + r.nextInt(n);
          c.upsert(id, v.get(n + i));
          live.put(id, n + i);
        }
        c.commit();
        assertParity(c, live, v, queries.vectors(), k, "buffer + segments");
        c.forceMerge(1);
        assertParity(c, live, v, queries.vectors(), k, "after forceMerge(1)");
      }
      try (Collection c = Collection.open(dir)) {
        assertParity(c, live, v, queries.vectors(), k, "reopened");
      }
    }
  }

  private static void assertParity(Collection c, Map<String, Integer> live, FloatVectors base, FloatVectors queries,
                                   int k, String when) throws IOException {
    assertThat(c.size()).isEqualTo(live.size());
    List<String> ids = new ArrayList<>(live.keySet());
    float[][] rows = new float[ids.size()][];
    for (int i = 0; i < rows.length; i++) rows[i] = base.get(live.get(ids.get(i)));
    FlatIndex exact = new FlatIndex(FloatVectors.copyOf(rows, base.dimension()), Similarity.COSINE);
    double recall = 0;
    for (int q = 0; q < queries.size(); q++) {
      float[] query = queries.get(q);
      TopK.ScoredOrds expected = exact.search(query, k);
      List<Hit> hits = c.search(SearchRequest.of(query).k(k).includeFields(false));
      assertThat(hits).hasSize(k);
      Set<String> want = new HashSet<>();
      for (int o : expected.ords()) want.add(ids.get(o));
      int found = 0;
      for (int i = 0; i < k; i++) {
        Hit h = hits.get(i);
        if (want.contains(h.id())) found++;
        else assertThat(h.score()).as("%s: %s is not in the exact top %d and does not tie", when, h.id(), k)
            .isCloseTo(expected.scores()[k - 1], org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(h.score()).isCloseTo(expected.scores()[i], org.assertj.core.data.Offset.offset(1e-6f));
      }
      recall += (double) found / k;
    }
    recall /= queries.size();
    System.out.println("flat parity " + when + ": recall@" + k + " = " + recall + " over " + queries.size() + " queries, "
        + live.size() + " live documents");
    assertThat(recall).as("recall vs FlatIndex %s", when).isEqualTo(1.0);
  }
}
