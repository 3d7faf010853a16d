package io.sextant.ivf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.core.collection.Collection;
import io.sextant.core.collection.CollectionOptions;
import io.sextant.core.collection.Hit;
import io.sextant.core.collection.SearchRequest;
import io.sextant.core.index.IndexParams;
import io.sextant.core.index.IndexSpec;
import io.sextant.core.index.IndexTypes;
import io.sextant.core.index.LiveVectors;
import io.sextant.core.search.TopK;
import io.sextant.core.vector.Similarity;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

/** The "ivf" index type through core's SPI: discovery, parameters, the write buffer, and a whole collection. */
class IvfIndexTypeTest {
  @TempDir
  Path dir;

  @Test
  void foundByServiceLoader() {
    assertThat(IndexTypes.get("ivf")).isInstanceOf(IvfIndexType.class);
    assertThat(IndexTypes.get("IVF").name()).isEqualTo("ivf");
  }

  @Test
  void configureMakesDefaultsExplicitAndRejectsBadParameters() {
    IvfIndexType t = new IvfIndexType();
    IndexParams p = t.configure(IndexParams.parse("pq=16x8"), 64, Similarity.COSINE);
    assertThat(p.asMap()).containsEntry("pq", "16x8").containsEntry("nlist", "auto").containsEntry("nprobe", "auto")
        .containsEntry("residual", "true").containsEntry("rerank", String.valueOf(IvfSpec.DEFAULT_RERANK_PQ))
        .containsEntry("liveTrain", String.valueOf(IvfIndexType.DEFAULT_LIVE_TRAIN));
    assertThat(t.configure(p, 64, Similarity.COSINE)).isEqualTo(p);
    assertThat(IvfIndexType.toSpec(p)).isEqualTo(IvfSpec.parse("ivf(pq=16x8,rerank=8)"));
    assertThatThrownBy(() -> t.configure(IndexParams.parse("nlists=4"), 8, Similarity.EUCLIDEAN))
        .hasMessageContaining("unknown parameter 'nlists'").hasMessageContaining("nlist");
    assertThatThrownBy(() -> t.configure(IndexParams.parse("pq=4x4"), 8, Similarity.EUCLIDEAN))
        .hasMessageContaining("only 8-bit sub-quantizers");
    assertThatThrownBy(() -> t.validateSearchParams(IndexParams.parse("efSearch=10")))
        .hasMessageContaining("unknown parameter 'efSearch'");
    assertThatThrownBy(() -> t.validateSearchParams(IndexParams.parse("nprobe=0"))).hasMessageContaining("nprobe");
  }

  @Test
  void writeBufferIsExactUntilTrainedThenIvfAndAlwaysFiltered() {
    ClusteredData data = ClusteredData.embedded(1500, 16, 8, 4, 1.5, 0.1, 12);
    LiveVectors vectors = new LiveVectors(16);
    IvfIndexType t = new IvfIndexType();
    IndexParams params = t.configure(IndexParams.parse("nlist=10,pq=sq8,liveTrain=600"), 16, Similarity.EUCLIDEAN);
    IvfLiveIndex live = (IvfLiveIndex) t.newLiveIndex(new IndexSpec(16, Similarity.EUCLIDEAN, params), vectors);
    RoaringBitmap added = new RoaringBitmap();
    for (int i = 0; i < data.rows.length; i++) {
      vectors.append(data.rows[i]);
      live.add(i);
      added.add(i);
      assertThat(live.trained()).isEqualTo(i + 1 >= 600);
      if (i % 250 == 249) {
        float[] q = data.rows[(i * 7) % (i + 1)];
        // Every other accepted ordinal: results must come from the accepted ones only.
        RoaringBitmap even = new RoaringBitmap();
        added.forEach((int o) -> { if (o % 2 == 0) even.add(o); });
        TopK.ScoredOrds r = live.search(q, 5, IndexParams.parse("nprobe=10"), even);
        int[] want = ExactNeighbours.topK(java.util.Arrays.copyOf(data.rows, i + 1), q, 5, Similarity.EUCLIDEAN, o -> o % 2 == 0);
        assertThat(r.ords()).containsExactly(want);
      }
    }
  }

  @Test
  void collectionWithIvfSegmentsFindsNeighboursAndSurvivesReopen() throws Exception {
    int n = 3000;
    int dim = 32;
    ClusteredData data = ClusteredData.embedded(n + 20, dim, 12, 6, 2.0, 0.1, 13);
    CollectionOptions options = CollectionOptions.builder().dimension(dim).similarity(Similarity.EUCLIDEAN)
        .index("ivf", Map.of("nlist", 16, "pq", "auto", "liveTrain", 400)).maxBufferedDocs(1000)
        .backgroundMerges(false).build();
    float[][] base = java.util.Arrays.copyOf(data.rows, n);
    List<List<String>> first = new java.util.ArrayList<>();
    try (Collection c = Collection.open(dir, options)) {
      for (int i = 0; i < n; i++) c.upsert("d" + i, base[i]);
      c.commit();
      c.flush();
      double recall = 0;
      for (int q = 0; q < 20; q++) {
        float[] query = data.rows[n + q];
        List<Hit> hits = c.search(SearchRequest.of(query).k(10).param("nprobe", 16));
        List<String> ids = hits.stream().map(Hit::id).toList();
        first.add(ids);
        int[] truth = ExactNeighbours.topK(base, query, 10, Similarity.EUCLIDEAN, null);
        int found = 0;
        for (int t : truth) if (ids.contains("d" + t)) found++;
        recall += found / 10.0;
      }
      assertThat(recall / 20).isGreaterThanOrEqualTo(0.95);
      assertThatThrownBy(() -> c.search(SearchRequest.of(data.rows[n]).param("efSearch", 5)))
          .hasMessageContaining("efSearch");
    }
    try (Collection c = Collection.open(dir)) {
      for (int q = 0; q < 20; q++) {
        List<Hit> hits = c.search(SearchRequest.of(data.rows[n + q]).k(10).param("nprobe", 16));
        assertThat(hits.stream().map(Hit::id).toList()).isEqualTo(first.get(q));
      }
      c.check();
    }
  }
}
