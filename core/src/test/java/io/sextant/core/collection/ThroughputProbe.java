package io.sextant.core.collection;

import io.sextant.core.vector.Similarity;
import java.nio.file.Files;
import java.nio.file.Path;

/** Manual probe (not a test): upsert and search throughput through the collection. */
public final class ThroughputProbe {
  private ThroughputProbe() {}

  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    int dim = Integer.parseInt(args[1]);
    Path dir = Files.createTempDirectory("sextant-probe");
    CollectionOptions o = CollectionOptions.builder().dimension(dim).similarity(Similarity.COSINE).build();
    try (Collection c = Collection.open(dir, o)) {
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) c.upsert("doc-" + i, SyntheticCollection.vector(i, dim), java.util.Map.of("i", i), null);
      c.commit();
      long t1 = System.nanoTime();
      c.flush();
      long t2 = System.nanoTime();
      int queries = 200;
      for (int q = 0; q < queries; q++) c.search(SearchRequest.of(SyntheticCollection.vector(-q - 1, dim)).k(10));
      long t3 = System.nanoTime();
      System.out.printf("upserts: %d in %.0f ms (%.0f/s), flush %.0f ms, search %.2f ms/query over %d segments, %d MB on disk%n",
          n, (t1 - t0) / 1e6, n / ((t1 - t0) / 1e9), (t2 - t1) / 1e6, (t3 - t2) / 1e6 / queries,
          c.state().inspect(s -> s.segmentsUnsafe().size()), c.diskBytes() >> 20);
    }
  }
}
