package io.sextant.core.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.core.document.Attributes;
import io.sextant.core.document.StoredFields;
import io.sextant.core.index.FlatIndexType;
import io.sextant.core.index.IndexFiles;
import io.sextant.core.index.IndexParams;
import io.sextant.core.index.IndexSpec;
import io.sextant.core.index.IndexType;
import io.sextant.core.index.LiveIndex;
import io.sextant.core.index.LiveVectors;
import io.sextant.core.index.VectorSearcher;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentOrderTest {
  @TempDir Path dir;
  private static final int DIM = 3;
  private static final IndexSpec SPEC = new IndexSpec(DIM, Similarity.EUCLIDEAN, IndexParams.EMPTY);

  /**
   * A flat index that asks for the order {@code order} makes of the vectors it is shown; named
   * {@code name} (a segment it wrote opens as that registered type).
   */
  private record Ordering(String name, Function<FloatVectors, int[]> order) implements IndexType {
    private static final FlatIndexType FLAT = new FlatIndexType();
    @Override public IndexParams configure(IndexParams p, int d, Similarity s) { return FLAT.configure(p, d, s); }
    @Override public void validateSearchParams(IndexParams p) { FLAT.validateSearchParams(p); }
    @Override public boolean ordersDocuments(IndexSpec spec) { return true; }
    @Override public int[] documentOrder(IndexSpec spec, FloatVectors vectors) { return order.apply(vectors); }
    @Override public void write(IndexSpec spec, FloatVectors v, IndexFiles f) throws IOException { FLAT.write(spec, v, f); }
    @Override public VectorSearcher open(IndexSpec spec, FloatVectors v, IndexFiles f) throws IOException {
      return FLAT.open(spec, v, f);
    }
    @Override public LiveIndex newLiveIndex(IndexSpec spec, LiveVectors v) { return FLAT.newLiveIndex(spec, v); }
  }

  private static ListSource source(int n) {
    List<String> ids = new ArrayList<>();
    List<float[]> vectors = new ArrayList<>();
    List<StoredFields> fields = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add("d" + i);
      vectors.add(new float[] {i, -i, 0.5f * i});
      fields.add(new StoredFields(Attributes.of(Map.of("i", (long) i), "d" + i), "text " + i));
    }
    return new ListSource(ids, vectors, fields);
  }

  @Test
  void theTypeSeesTheVectorsAndTheSegmentIsWrittenInItsOrder() throws IOException {
    ListSource src = source(50);
    // Descending by the first coordinate: the reverse of the source.
    Ordering type = new Ordering("flat", v -> {
      for (int i = 0; i < v.size(); i++) assertThat(v.get(i)).containsExactly(i, -i, 0.5f * i);
      int[] o = new int[v.size()];
      for (int i = 0; i < o.length; i++) o[i] = o.length - 1 - i;
      return o;
    });
    int[] order = DocumentOrder.of(type, SPEC, src);
    assertThat(order[0]).isEqualTo(49);
    SegmentWriter.write(dir, "seg-1", DocumentOrder.reordered(src, order), type, SPEC);
    SegmentReader r = SegmentReader.open(dir, "seg-1", Long.MAX_VALUE);
    try {
      for (int ord = 0; ord < 50; ord++) {
        int was = 49 - ord;
        assertThat(new String(r.idBytes(ord), StandardCharsets.UTF_8)).isEqualTo("d" + was);
        assertThat(r.vectors().get(ord)).containsExactly(was, -was, 0.5f * was);
      }
    } finally {
      r.decRef();
    }
    int[] map = {0, -1, 49, 7};
    int[] other = {3};
    DocumentOrder.renumber(order, List.of(map, other));
    assertThat(map).containsExactly(49, -1, 0, 42);
    assertThat(other).containsExactly(46);
    int[] viaApply = {0, 49};
    assertThat(DocumentOrder.apply(type, SPEC, src, List.of(viaApply)).id(0)).isEqualTo("d49".getBytes(StandardCharsets.UTF_8));
    assertThat(viaApply).containsExactly(49, 0);
    int[] untouched = {0, 49};
    assertThat(DocumentOrder.apply(new FlatIndexType(), SPEC, src, List.of(untouched))).isSameAs(src);
    assertThat(untouched).containsExactly(0, 49);
  }

  @Test
  void anOrderThatIsNotAPermutationIsRefusedNamingTheType() throws IOException {
    ListSource src = source(4);
    assertThatThrownBy(() -> DocumentOrder.of(new Ordering("ordering", v -> new int[] {0, 1, 1, 3}), SPEC, src))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("index type 'ordering' returned an order that is not a permutation: position 2 holds 1");
    assertThatThrownBy(() -> DocumentOrder.of(new Ordering("ordering", v -> new int[] {0, 1, 2}), SPEC, src))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("ordered 3 documents of 4");
    assertThatThrownBy(() -> DocumentOrder.of(new Ordering("ordering", v -> new int[] {0, 1, 2, 4}), SPEC, src))
        .hasMessageContaining("position 3 holds 4");
    assertThat(DocumentOrder.of(new FlatIndexType(), SPEC, src)).isNull();
  }
}
