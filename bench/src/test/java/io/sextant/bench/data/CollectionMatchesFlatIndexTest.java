package io.sextant.bench.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.core.collection.Collection;
import io.sextant.core.collection.CollectionOptions;
import io.sextant.core.collection.Hit;
import io.sextant.core.collection.SearchRequest;
import io.sextant.core.data.Dataset;
import io.sextant.core.flat.FlatIndex;
import io.sextant.core.search.TopK.ScoredOrds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

/**
 * Issue 3, acceptance 5: on a real dataset, search through a flat {@link Collection} returns
 * exactly the top 10 of {@link FlatIndex} over the surviving vectors, with several segments and
 * tombstones, after a merge that drops the deleted documents, and after reopening.
 *
 * <p>The data is the {@code wordnet-minilm-10k} slice (384-d, cosine) when it is in the user's
 * dataset cache (embedding it takes minutes, too long for a test); otherwise the first 10,000
 * images of Fashion-MNIST (784-d, Euclidean), from the user's cache or fetched with apt-get into
 * a temporary one, as in CI.
 */
class CollectionMatchesFlatIndexTest {
  private static final int BASE = 10_000, QUERIES = 200, K = 10;
  @TempDir Path tmp;

  private Path datasetFolder() throws IOException {
    DatasetRegistry user = DatasetRegistry.fromEnvironment();
    for (String name : List.of("wordnet-minilm-10k", "fashion-mnist")) {
      Path f = user.folderOf(name);
      if (Files.exists(f.resolve(Dataset.PROPERTIES))) return f;
    }
    return new DatasetRegistry(tmp.resolve("cache")).build("fashion-mnist");
  }

  @Test
  void matchesExactTopKAfterDeletesMergesAndReopen() throws IOException {
    try (Dataset d = Dataset.open(datasetFolder(), BASE, QUERIES)) {
      int n = d.base().size();
      FlatIndex exact = new FlatIndex(d.base(), d.similarity());
      RoaringBitmap alive = RoaringBitmap.bitmapOf();
      alive.add(0L, n);
      Path folder = tmp.resolve("collection");
      CollectionOptions options = CollectionOptions.builder()
          .dimension(d.base().dimension()).similarity(d.similarity()).index("flat")
          .maxBufferedDocs(1_500) // several segments, so deletes land in tombstones and merges have work
          .build();
      try (Collection c = Collection.open(folder, options)) {
        for (int i = 0; i < n; i++) c.upsert(Integer.toString(i), d.base().get(i));
        c.commit();
        c.flush();
        SplittableRandom random = new SplittableRandom(42);
        int deleted = 0;
        while (deleted < n / 10) {
          int ord = random.nextInt(n);
          if (!alive.contains(ord)) continue;
          assertThat(c.delete(Integer.toString(ord))).isTrue();
          alive.remove(ord);
          deleted++;
        }
        c.commit();
        assertThat(c.size()).isEqualTo(n - n / 10);
        assertSameTopK(c, exact, alive, d, "after deletes, before merging");

        c.forceMerge(1);
        assertSameTopK(c, exact, alive, d, "after forceMerge(1)");
      }
      try (Collection c = Collection.open(folder)) {
        assertThat(c.size()).isEqualTo(n - n / 10);
        assertSameTopK(c, exact, alive, d, "after reopening");
        c.check();
      }
    }
  }

  private static void assertSameTopK(Collection c, FlatIndex exact, RoaringBitmap alive, Dataset d, String when)
      throws IOException {
    for (int q = 0; q < d.queries().size(); q++) {
      float[] query = d.queries().get(q);
      ScoredOrds want = exact.search(query, K, alive);
      List<Hit> hits = c.search(SearchRequest.of(query).k(K).includeFields(false));
      int[] got = hits.stream().mapToInt(h -> Integer.parseInt(h.id())).toArray();
      assertThat(got).as("%s, query %d (%s)", when, q, d.name()).containsExactly(want.ords());
    }
  }
}
