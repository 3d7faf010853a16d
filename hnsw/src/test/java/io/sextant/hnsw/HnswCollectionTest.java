package io.sextant.hnsw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.core.collection.Collection;
import io.sextant.core.collection.CollectionOptions;
import io.sextant.core.collection.Hit;
import io.sextant.core.collection.SearchRequest;
import io.sextant.core.store.CorruptIndexException;
import io.sextant.core.vector.Similarity;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** The hnsw index type inside a real collection: write buffer, flushed segments, deletes, reopen, merge. */
class HnswCollectionTest {
  static final int N = 2500, DIM = 24, K = 10;
  @TempDir Path dir;

  CollectionOptions options() {
    return CollectionOptions.builder().dimension(DIM).similarity(Similarity.EUCLIDEAN)
        .index("hnsw", Map.of("M", 12, "efConstruction", 80))
        .maxBufferedDocs(1000).backgroundMerges(false).build();
  }
  CollectionOptions options(String order) {
    return CollectionOptions.builder().dimension(DIM).similarity(Similarity.EUCLIDEAN).maxBufferedDocs(1000)
        .index("hnsw", Map.of("M", 12, "efConstruction", 80, "order", order)).build();
  }


  static double recall(Collection c, Map<String, float[]> live, float[][] queries, int ef) throws IOException {
    List<String> ids = new ArrayList<>(live.keySet());
    float[][] rows = new float[ids.size()][];
    for (int i = 0; i < rows.length; i++) rows[i] = live.get(ids.get(i));
    double sum = 0;
    for (float[] q : queries) {
      List<Hit> hits = c.search(SearchRequest.of(q).k(K).param("efSearch", ef));
      int[] truth = TestVectors.bruteForce(rows, q, K, Similarity.EUCLIDEAN, null);
      int hit = 0;
      for (int t : truth) for (Hit h : hits) if (h.id().equals(ids.get(t))) { hit++; break; }
      sum += hit / (double) truth.length;
      for (Hit h : hits) assertThat(live).as("returned id %s is live", h.id()).containsKey(h.id());
    }
    return sum / queries.length;
  }

  // order=locality (the default) renumbers each flushed and merged segment; input keeps arrival order.
  @ParameterizedTest(name = "order={0}")
  @ValueSource(strings = {"locality", "input"})
  void searchesBufferAndSegmentsWithDeletesReopenAndMerge(String order) throws IOException {
    float[][] base = TestVectors.clustered(N, DIM, 250, 1.0, 51);
    float[][] queries = TestVectors.clustered(60, DIM, 250, 1.0, 52);
    Map<String, float[]> live = new HashMap<>();
    try (Collection c = Collection.open(dir, options(order))) {
      for (int i = 0; i < N; i++) {
        c.upsert("v" + i, base[i]);
        live.put("v" + i, base[i]);
      }
      // 2500 docs with a 1000-doc buffer: two flushed segments (graphs in .hnsw files) and a live graph.
      assertThat(recall(c, live, queries, 64)).isGreaterThanOrEqualTo(0.95);
      for (int i = 0; i < N; i += 10) {
        c.delete("v" + i);
        live.remove("v" + i);
      }
      assertThat(recall(c, live, queries, 64)).isGreaterThanOrEqualTo(0.95);
      c.commit();
    }
    try (Collection c = Collection.open(dir, options(order))) {
      assertThat(recall(c, live, queries, 64)).isGreaterThanOrEqualTo(0.95);
      c.forceMerge(1);
      assertThat(recall(c, live, queries, 64)).isGreaterThanOrEqualTo(0.95);
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.filter(p -> p.toString().endsWith(".hnsw")).count()).isEqualTo(1);
    }
  }

  @Test
  void aCorruptGraphFileIsReportedNotSearched() throws IOException {
    float[][] base = TestVectors.clustered(600, DIM, 60, 1.0, 53);
    try (Collection c = Collection.open(dir, options())) {
      for (int i = 0; i < base.length; i++) c.upsert("v" + i, base[i]);
      c.flush();
      c.commit();
    }
    Path graph;
    try (Stream<Path> files = Files.list(dir)) {
      graph = files.filter(p -> p.toString().endsWith(".hnsw")).findFirst().orElseThrow();
    }
    try (FileChannel ch = FileChannel.open(graph, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(new byte[] {0x7f, 0x7f, 0x7f, 0x7f}), 64 + 64 + 4); // a link of node 0
    }
    assertThatThrownBy(() -> {
      try (Collection c = Collection.open(dir, options())) {
        c.check();
        c.search(SearchRequest.of(base[0]).k(5));
      }
    }).isInstanceOf(CorruptIndexException.class).hasMessageContaining(graph.getFileName().toString());
  }
}
