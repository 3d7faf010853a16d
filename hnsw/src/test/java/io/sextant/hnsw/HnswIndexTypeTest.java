package io.sextant.hnsw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.core.index.IndexParams;
import io.sextant.core.index.IndexSpec;
import io.sextant.core.index.IndexType;
import io.sextant.core.index.IndexTypes;
import io.sextant.core.index.LiveIndex;
import io.sextant.core.index.LiveVectors;
import io.sextant.core.search.TopK;
import io.sextant.core.vector.Similarity;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

class HnswIndexTypeTest {

  @Test
  void serviceLoaderFindsTheHnswType() {
    IndexType t = IndexTypes.get("HNSW");
    assertThat(t).isInstanceOf(HnswIndexType.class);
    assertThat(t.name()).isEqualTo("hnsw");
  }

  @Test
  void configureMakesDefaultsExplicitAndRejectsBadParameters() {
    IndexType t = new HnswIndexType();
    assertThat(t.configure(IndexParams.EMPTY, 8, Similarity.EUCLIDEAN).asMap())
        .containsExactlyInAnyOrderEntriesOf(Map.of("M", "16", "efConstruction", "100", "seed", "42"));
    assertThat(t.configure(IndexParams.parse("M=8,efConstruction=40"), 8, Similarity.COSINE).asMap())
        .containsEntry("M", "8").containsEntry("efConstruction", "40");
    assertThatThrownBy(() -> t.configure(IndexParams.parse("m=8"), 8, Similarity.EUCLIDEAN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown parameter 'm' for index 'hnsw'")
        .hasMessageContaining("M, efConstruction, order, quantization, seed");
    // order: locality by default and then left out, so older manifests (without it) still match.
    assertThat(t.configure(IndexParams.parse("order=locality"), 8, Similarity.EUCLIDEAN).asMap()).doesNotContainKey("order");
    IndexParams input = t.configure(IndexParams.parse("order=input"), 8, Similarity.EUCLIDEAN);
    assertThat(input.asMap()).containsEntry("order", "input");
    assertThat(t.ordersDocuments(new IndexSpec(8, Similarity.EUCLIDEAN, input))).isFalse();
    assertThat(t.ordersDocuments(new IndexSpec(8, Similarity.EUCLIDEAN, IndexParams.EMPTY))).isTrue();
    assertThatThrownBy(() -> t.configure(IndexParams.parse("order=bfs"), 8, Similarity.EUCLIDEAN))
        .hasMessageContaining("'order' must be locality or input, got 'bfs'");
    assertThatThrownBy(() -> t.configure(IndexParams.parse("M=1"), 8, Similarity.EUCLIDEAN))
        .hasMessageContaining("'M' must be in [2, 512], got 1");
    assertThatThrownBy(() -> t.configure(IndexParams.parse("efConstruction=0"), 8, Similarity.EUCLIDEAN))
        .hasMessageContaining("'efConstruction' must be in [1, 1000000], got 0");
    assertThatThrownBy(() -> t.configure(IndexParams.parse("seed=x"), 8, Similarity.EUCLIDEAN))
        .hasMessageContaining("'seed' must be an integer, got 'x'");
    assertThatThrownBy(() -> t.validateSearchParams(IndexParams.parse("ef=10")))
        .hasMessageContaining("unknown parameter 'ef'").hasMessageContaining("efSearch");
    assertThatThrownBy(() -> t.validateSearchParams(IndexParams.parse("efSearch=0")))
        .hasMessageContaining("'efSearch' must be in [1, 1000000], got 0");
    t.validateSearchParams(IndexParams.parse("efSearch=200"));
  }

  @Test
  void liveIndexServesConcurrentSearchesWhileGrowingAndReachesRecall() throws Exception {
    int n = 3000, dim = 24, k = 10;
    float[][] base = TestVectors.clustered(n, dim, 300, 1.0, 31);
    float[][] queries = TestVectors.clustered(50, dim, 300, 1.0, 32);
    IndexType t = new HnswIndexType();
    IndexSpec spec = new IndexSpec(dim, Similarity.EUCLIDEAN, t.configure(IndexParams.parse("M=8,efConstruction=60"), dim,
        Similarity.EUCLIDEAN));
    LiveVectors vectors = new LiveVectors(dim);
    LiveIndex live = t.newLiveIndex(spec, vectors);
    AtomicInteger published = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread reader = Thread.ofPlatform().start(() -> {
      try {
        int qi = 0;
        while (published.get() < n) {
          int visible = published.get();
          if (visible == 0) continue;
          RoaringBitmap accept = new RoaringBitmap();
          accept.add(0L, visible);
          TopK.ScoredOrds hits = live.search(queries[qi++ % queries.length], k, IndexParams.EMPTY, accept);
          for (int ord : hits.ords()) {
            if (ord >= visible) throw new AssertionError("returned " + ord + " with only " + visible + " accepted");
          }
          assertThat(hits.size()).isEqualTo(Math.min(k, visible));
        }
      } catch (Throwable e) {
        failure.set(e);
      }
    });
    for (int i = 0; i < n; i++) {
      int ord = vectors.append(base[i]);
      live.add(ord);
      published.set(ord + 1);
    }
    reader.join();
    if (failure.get() != null) throw new AssertionError("concurrent search failed", failure.get());
    RoaringBitmap all = new RoaringBitmap();
    all.add(0L, n);
    double sum = 0;
    for (float[] q : queries) {
      TopK.ScoredOrds hits = live.search(q, k, IndexParams.parse("efSearch=64"), all);
      sum += TestVectors.recall(hits.ords(), TestVectors.bruteForce(base, q, k, Similarity.EUCLIDEAN, null));
      float expected = Similarity.EUCLIDEAN.toScore((float) TestVectors.exact(Similarity.EUCLIDEAN, q, base[hits.ords()[0]]));
      assertThat(hits.scores()[0]).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-4f));
    }
    assertThat(sum / queries.length).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void incrementalGraphEqualsTheSingleThreadedBulkGraphBeforeRepair() {
    // Same levels, same insertion order: the live graph is the bulk graph minus the final reachability repair.
    float[][] base = TestVectors.clustered(1500, 16, 150, 1.0, 41);
    HnswParams p = HnswParams.builder().m(6).efConstruction(40).build();
    io.sextant.core.vector.FloatVectors v = TestVectors.vectors(base);
    ScorerFactory f = FloatVectorScorer.factory(v, Similarity.EUCLIDEAN, io.sextant.core.vector.Kernels.get());
    HnswGraphBuilder incremental = HnswGraphBuilder.incremental(f, p);
    for (int i = 0; i < base.length; i++) incremental.add(i);
    OnHeapHnswGraph bulk = new HnswGraphBuilder(f, base.length, p).build(1);
    for (int i = 0; i < base.length; i++) assertThat(incremental.graph().levelOf(i)).isEqualTo(bulk.levelOf(i));
    assertThat(incremental.graph().entryPoint()).isEqualTo(bulk.entryPoint());
    // The repair only ever adds links, so all but a handful of layer-0 lists are identical.
    assertThat(GraphInvariants.differingLinks(incremental.graph(), bulk)).isLessThan(base.length / 50);
  }
}
