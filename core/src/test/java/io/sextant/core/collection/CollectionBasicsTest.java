package io.sextant.core.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.core.vector.Similarity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectionBasicsTest {
  @TempDir Path dir;

  private CollectionOptions options() {
    return CollectionOptions.builder().dimension(3).similarity(Similarity.COSINE).index("flat").build();
  }

  @Test
  void quickStartRoundTrip() throws IOException {
    Path folder = dir.resolve("docs");
    try (Collection c = Collection.open(folder, options())) {
      c.upsert("doc-17", new float[] {1, 0, 0}, Map.of("lang", "fr", "year", 2024), "texte du passage");
      c.upsert("doc-3", new float[] {0, 1, 0});
      c.upsert("doc-5", new float[] {0.9f, 0.1f, 0}, Map.of("tags", List.of("a", "b"), "ok", true, "w", 0.5), null);
      assertThat(c.size()).isEqualTo(3);
      assertThat(c.delete("doc-3")).isTrue();
      assertThat(c.delete("doc-3")).isFalse();
      c.commit();
      List<Hit> hits = c.search(SearchRequest.of(new float[] {1, 0, 0}).k(10));
      assertThat(hits).extracting(Hit::id).containsExactly("doc-17", "doc-5");
      assertThat(hits.getFirst().score()).isEqualTo(1.0f);
      assertThat(hits.getFirst().attributes()).isEqualTo(Map.of("lang", "fr", "year", 2024L));
      assertThat(hits.getFirst().text()).isEqualTo("texte du passage");
      assertThat(hits.get(1).attributes()).isEqualTo(Map.of("tags", List.of("a", "b"), "ok", true, "w", 0.5));
    }
    try (Collection c = Collection.open(folder)) {
      assertThat(c.size()).isEqualTo(2);
      assertThat(c.get("doc-3")).isEmpty();
      assertThat(c.get("doc-17").orElseThrow().vector()).containsExactly(1, 0, 0);
      List<Hit> hits = c.search(SearchRequest.of(new float[] {1, 0, 0}).k(1).includeFields(false));
      assertThat(hits).extracting(Hit::id).containsExactly("doc-17");
      assertThat(hits.getFirst().attributes()).isEmpty();
      c.check();
    }
  }

  @Test
  void upsertReplacesAndIsVisibleBeforeCommitAndAfterFlush() throws IOException {
    try (Collection c = Collection.open(dir, options())) {
      c.upsert("a", new float[] {1, 0, 0}, Map.of("v", 1), null);
      c.upsert("a", new float[] {0, 1, 0}, Map.of("v", 2), null);
      assertThat(c.size()).isEqualTo(1);
      assertThat(c.get("a").orElseThrow().attributes()).isEqualTo(Map.of("v", 2L));
      c.flush();
      c.upsert("a", new float[] {0, 0, 1}, Map.of("v", 3), null);
      assertThat(c.size()).isEqualTo(1);
      assertThat(c.search(SearchRequest.of(new float[] {0, 1, 0}).k(5))).extracting(Hit::id).containsExactly("a");
      assertThat(c.get("a").orElseThrow().attributes()).isEqualTo(Map.of("v", 3L));
      c.check();
    }
    try (Collection c = Collection.open(dir)) {
      assertThat(c.size()).isEqualTo(1);
      assertThat(c.get("a").orElseThrow().vector()).containsExactly(0, 0, 1);
      c.check();
    }
  }

  @Test
  void snapshotIsPointInTime() throws IOException {
    try (Collection c = Collection.open(dir, options())) {
      c.upsert("a", new float[] {1, 0, 0});
      try (Snapshot s = c.snapshot()) {
        c.upsert("b", new float[] {1, 0, 0});
        c.delete("a");
        c.flush();
        assertThat(s.size()).isEqualTo(1);
        assertThat(s.search(SearchRequest.of(new float[] {1, 0, 0}))).extracting(Hit::id).containsExactly("a");
        assertThat(s.get("a")).isPresent();
        assertThat(s.get("b")).isEmpty();
        assertThat(c.search(SearchRequest.of(new float[] {1, 0, 0}))).extracting(Hit::id).containsExactly("b");
      }
    }
  }

  @Test
  void badInputIsRejectedWithClearMessages() throws IOException {
    try (Collection c = Collection.open(dir, options())) {
      float[] ok = {1, 2, 3};
      assertThatThrownBy(() -> c.upsert("x", new float[] {1, 2})).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("dimension 2, expected 3").hasMessageContaining("'x'");
      assertThatThrownBy(() -> c.upsert("x", new float[] {1, Float.NaN, 3})).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("non-finite").hasMessageContaining("index 1");
      assertThatThrownBy(() -> c.upsert("x", new float[] {1, Float.POSITIVE_INFINITY, 3})).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Infinity");
      assertThatThrownBy(() -> c.upsert("x", new float[] {0, 0, 0})).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("zero vector");
      assertThatThrownBy(() -> c.upsert("x", null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
      assertThatThrownBy(() -> c.upsert(null, ok)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id is null");
      assertThatThrownBy(() -> c.upsert("", ok)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
      assertThatThrownBy(() -> c.upsert("x".repeat(513), ok)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("513 UTF-8 bytes");
      assertThatThrownBy(() -> c.upsert("x", ok, Map.of("when", java.time.LocalDate.of(2024, 1, 1)), null))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'when'").hasMessageContaining("LocalDate");
      assertThatThrownBy(() -> c.upsert("x", ok, Map.of("l", List.of("a", 3)), null))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("element 1");
      assertThatThrownBy(() -> c.upsert("x", ok, Map.of("d", Double.NaN), null))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
      assertThatThrownBy(() -> SearchRequest.of(ok).k(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k must be at least 1");
      assertThatThrownBy(() -> SearchRequest.of(ok).k(-3)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> SearchRequest.of(ok).k(1_000_000)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most");
      assertThatThrownBy(() -> c.search(SearchRequest.of(new float[] {1, 2}))).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("query vector has dimension 2");
      assertThatThrownBy(() -> c.search(SearchRequest.of(ok).param("efSearch", 10))).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("unknown parameter 'efSearch' for index 'flat'");
      assertThat(c.size()).isZero(); // nothing was written by the rejected calls
    }
  }

  @Test
  void operationsAfterCloseFail() throws IOException {
    Collection c = Collection.open(dir, options());
    c.upsert("a", new float[] {1, 0, 0});
    Snapshot s = c.snapshot();
    c.close();
    c.close(); // idempotent
    float[] v = {1, 0, 0};
    assertThatThrownBy(() -> c.upsert("b", v)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    assertThatThrownBy(() -> c.delete("a")).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    assertThatThrownBy(c::commit).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> c.search(SearchRequest.of(v))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(c::flush).isInstanceOf(IllegalStateException.class);
    // A snapshot taken before close still reads its files.
    assertThat(s.search(SearchRequest.of(v))).extracting(Hit::id).containsExactly("a");
    s.close();
    assertThatThrownBy(() -> s.search(SearchRequest.of(v))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void reopenWithDifferentDefinitionFails() throws IOException {
    try (Collection c = Collection.open(dir, options())) {
      c.upsert("a", new float[] {1, 0, 0});
    }
    assertThatThrownBy(() -> Collection.open(dir, options().toBuilder().dimension(4).build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension 3 (options ask for 4)");
    assertThatThrownBy(() -> Collection.open(dir, options().toBuilder().similarity(Similarity.EUCLIDEAN).build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("similarity COSINE");
    // Runtime options may change.
    try (Collection c = Collection.open(dir, options().toBuilder().maxBufferedDocs(7).build())) {
      assertThat(c.size()).isEqualTo(1);
    }
  }

  @Test
  void folderThatIsNotACollection() throws IOException {
    Files.writeString(dir.resolve("notes.txt"), "hello");
    assertThatThrownBy(() -> Collection.open(dir, options())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a Sextant collection").hasMessageContaining("notes.txt");
    assertThat(dir.resolve("LOCK")).doesNotExist();
    assertThatThrownBy(() -> Collection.open(dir.resolve("missing"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no collection");
    Path file = dir.resolve("notes.txt");
    assertThatThrownBy(() -> Collection.open(file, options())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is a file");
  }

  @Test
  void secondWriterInTheSameJvmGetsAClearError() throws IOException {
    try (Collection c = Collection.open(dir, options())) {
      assertThatThrownBy(() -> Collection.open(dir, options())).isInstanceOf(IOException.class)
          .hasMessageContaining("already open");
    }
    try (Collection c = Collection.open(dir, options())) {
      assertThat(c.size()).isZero();
    }
  }

  @Test
  void unknownIndexTypeNamesTheAvailableOnes() {
    assertThatThrownBy(() -> CollectionOptions.builder().dimension(3).index("nope").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown index type 'nope'")
        .hasMessageContaining("flat");
    assertThatThrownBy(() -> CollectionOptions.builder().index("flat", Map.of("M", 16)).dimension(3).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown parameter 'M' for index 'flat'");
    assertThatThrownBy(() -> CollectionOptions.builder().build()).hasMessageContaining("dimension is required");
  }
}
