package io.sextant.core.collection;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.core.vector.Similarity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random upserts, deletes, flushes, merges and reopens, checked after every few steps against a
 * plain map of the live documents searched by brute force in double precision: the collection's
 * flat index must return exactly the top k (recall 1.0), with the right scores and fields.
 */
class CollectionModelTest {
  @TempDir Path dir;
  private static final int DIM = 8;

  record Doc(float[] vector, Map<String, Object> attributes, String text) {}

  private CollectionOptions options(Similarity sim, String index) {
    return CollectionOptions.builder().dimension(DIM).similarity(sim).index(index)
        .maxBufferedDocs(40).segmentsPerTier(3).maxMergeAtOnce(3).floorSegmentDocs(10).deletesPctAllowed(20).build();
  }

  // test-shuffled-flat writes every segment's documents in a shuffled order (IndexType.documentOrder).
  @ParameterizedTest
  @CsvSource({"EUCLIDEAN,flat", "COSINE,flat", "MAXIMUM_INNER_PRODUCT,flat", "EUCLIDEAN,test-shuffled-flat",
      "COSINE,test-shuffled-flat"})
  void matchesBruteForceThroughFlushesMergesAndReopens(Similarity sim, String index) throws IOException {
    Random r = new Random(42 + sim.ordinal());
    Map<String, Doc> model = new HashMap<>();
    Collection c = Collection.open(dir, options(sim, index));
    try {
      for (int step = 0; step < 1200; step++) {
        int op = r.nextInt(100);
        if (op < 65) {
          String id = "d" + r.nextInt(400);
          float[] v = randomVector(r);
          Map<String, Object> attrs = Map.of("step", (long) step, "id", id);
          String text = r.nextBoolean() ? null : "text " + step;
          c.upsert(id, v, attrs, text);
          model.put(id, new Doc(v, attrs, text));
        } else if (op < 85) {
          String id = "d" + r.nextInt(400);
          assertThat(c.delete(id)).isEqualTo(model.remove(id) != null);
        } else if (op < 95) {
          assertSearchMatches(c, model, sim, randomVector(r), 1 + r.nextInt(15));
        } else if (op < 97) {
          c.commit();
        } else if (op < 99) {
          c.flush();
        } else {
          c.close();
          c = Collection.open(dir, options(sim, index));
          c.check();
        }
        if (step % 200 == 0) {
          assertThat(c.size()).isEqualTo(model.size());
        }
      }
      assertThat(c.size()).isEqualTo(model.size());
      c.check();
      c.forceMerge(1);
      int segs = c.state().inspect(s -> s.segmentsUnsafe().size());
      assertThat(segs).isLessThanOrEqualTo(1);
      boolean clean = c.state().inspect(s -> s.segmentsUnsafe().stream().allMatch(ls -> ls.deletes.cardinality() == 0));
      assertThat(clean).isTrue();
      for (int q = 0; q < 30; q++) assertSearchMatches(c, model, sim, randomVector(r), 10);
      for (String id : model.keySet()) {
        Document d = c.get(id).orElseThrow();
        assertThat(d.vector()).containsExactly(model.get(id).vector());
        assertThat(d.attributes()).isEqualTo(model.get(id).attributes());
        assertThat(d.text()).isEqualTo(model.get(id).text());
      }
      c.check();
    } finally {
      c.close();
    }
    try (Collection reopened = Collection.open(dir)) {
      assertThat(reopened.size()).isEqualTo(model.size());
      assertSearchMatches(reopened, model, sim, randomVector(r), 20);
      reopened.check();
    }
  }

  private static float[] randomVector(Random r) {
    float[] v = new float[DIM];
    for (int i = 0; i < DIM; i++) v[i] = (float) r.nextGaussian();
    return v;
  }

  static double refScore(Similarity sim, float[] a, float[] b) {
    return io.sextant.core.segment.SegmentRoundTripTestAccess.refScore(sim, a, b);
  }

  static void assertSearchMatches(Collection c, Map<String, Doc> model, Similarity sim, float[] q, int k)
      throws IOException {
    List<Hit> hits = c.search(SearchRequest.of(q).k(k));
    List<Double> expected = new ArrayList<>();
    for (Doc d : model.values()) expected.add(refScore(sim, q, d.vector()));
    expected.sort((a, b) -> Double.compare(b, a));
    assertThat(hits).hasSize(Math.min(k, model.size()));
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < hits.size(); i++) {
      Hit h = hits.get(i);
      assertThat(seen.add(h.id())).as("duplicate hit %s", h.id()).isTrue();
      Doc d = model.get(h.id());
      assertThat(d).as("hit %s is not live", h.id()).isNotNull();
      double ref = refScore(sim, q, d.vector());
      double tol = 1e-4 * Math.max(1, Math.abs(ref));
      assertThat((double) h.score()).as("score of %s", h.id()).isCloseTo(ref, org.assertj.core.data.Offset.offset(tol));
      // The i-th hit has the i-th best score: exact top-k up to float rounding.
      assertThat(ref).as("rank %d", i).isCloseTo(expected.get(i), org.assertj.core.data.Offset.offset(tol));
      assertThat(h.attributes()).isEqualTo(d.attributes());
      assertThat(h.text()).isEqualTo(d.text());
    }
  }
}
