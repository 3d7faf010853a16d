package io.sextant.core.collection;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.core.vector.Similarity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deletes and replacements that arrive while a flush or a merge is writing its segment are
 * carried onto the new segment, and searches are answered meanwhile: a test index type holds
 * the segment build at a gate while the test writes.
 */
class RacingWritesTest {
  @TempDir Path dir;
  private final Map<String, float[]> model = new HashMap<>();

  @AfterEach
  void openGate() {
    BlockingIndexType.open();
    BlockingIndexType.shuffle(false);
  }

  private CollectionOptions options() {
    return CollectionOptions.builder().dimension(4).similarity(Similarity.EUCLIDEAN).index("test-blocking")
        .maxBufferedDocs(1_000).backgroundMerges(false).build();
  }

  private void put(Collection c, String id, float x) throws IOException {
    float[] v = {x, x / 2, 1, -x};
    c.upsert(id, v);
    model.put(id, v);
  }

  private void del(Collection c, String id) throws IOException {
    assertThat(c.delete(id)).isEqualTo(model.remove(id) != null);
  }

  private void assertMatchesModel(Collection c) throws IOException {
    assertThat(c.size()).isEqualTo(model.size());
    for (Map.Entry<String, float[]> e : model.entrySet()) {
      assertThat(c.get(e.getKey()).orElseThrow(() -> new AssertionError(e.getKey() + " lost")).vector())
          .containsExactly(e.getValue());
    }
    for (int i = 0; i < 400; i++) {
      if (!model.containsKey("d" + i)) assertThat(c.get("d" + i)).as("d" + i).isEmpty();
    }
    List<Hit> all = c.search(SearchRequest.of(new float[] {0, 0, 1, 0}).k(1_000).includeFields(false));
    assertThat(all).extracting(Hit::id).containsExactlyInAnyOrderElementsOf(model.keySet());
  }

  @ParameterizedTest(name = "segments shuffled: {0}")
  @ValueSource(booleans = {false, true})
  void writesDuringAFlushAreCarriedOver(boolean shuffled) throws Exception {
    BlockingIndexType.shuffle(shuffled); // the flush renumbers the documents whose deletes race it
    try (Collection c = Collection.open(dir, options())) {
      for (int i = 0; i < 100; i++) put(c, "d" + i, i);
      BlockingIndexType.close();
      CompletableFuture<Void> flush = CompletableFuture.runAsync(() -> {
        try {
          c.flush();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      BlockingIndexType.awaitHeld(); // the buffer is frozen and its segment half written
      for (int i = 0; i < 100; i += 7) del(c, "d" + i);
      for (int i = 1; i < 100; i += 9) put(c, "d" + i, 1000 + i);
      for (int i = 100; i < 120; i++) put(c, "d" + i, i);
      assertMatchesModel(c); // searches and lookups are answered during the flush
      BlockingIndexType.open();
      flush.get(30, TimeUnit.SECONDS);
      assertMatchesModel(c);
      c.check();
    }
    try (Collection c = Collection.open(dir)) {
      assertMatchesModel(c);
      c.check();
    }
  }

  @ParameterizedTest(name = "segments shuffled: {0}")
  @ValueSource(booleans = {false, true})
  void writesDuringAMergeAreCarriedOver(boolean shuffled) throws Exception {
    BlockingIndexType.shuffle(shuffled); // the flush renumbers the documents whose deletes race it
    try (Collection c = Collection.open(dir, options())) {
      for (int s = 0; s < 4; s++) {
        for (int i = s * 100; i < s * 100 + 100; i++) put(c, "d" + i, i);
        c.flush();
      }
      for (int i = 0; i < 400; i += 5) del(c, "d" + i); // deleted before the merge: dropped by it
      BlockingIndexType.close();
      CompletableFuture<Void> merge = CompletableFuture.runAsync(() -> {
        try {
          c.forceMerge(1);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      BlockingIndexType.awaitHeld(); // merging: sources read, merged segment half written
      for (int i = 1; i < 400; i += 11) del(c, "d" + i);
      for (int i = 2; i < 400; i += 13) put(c, "d" + i, 5000 + i);
      assertMatchesModel(c);
      BlockingIndexType.open();
      merge.get(30, TimeUnit.SECONDS);
      assertMatchesModel(c);
      int segments = c.state().inspect(st -> st.segmentsUnsafe().size());
      assertThat(segments).isEqualTo(1);
      c.check();
    }
    try (Collection c = Collection.open(dir)) {
      assertMatchesModel(c);
      c.check();
    }
  }
}
