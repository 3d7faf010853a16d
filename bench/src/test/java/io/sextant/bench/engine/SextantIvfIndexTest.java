package io.sextant.bench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sextant engine's ivf index: parameter mapping, byte accounting and recall against brute force. */
class SextantIvfIndexTest {
  private static final int N = 3000;
  private static final int DIM = 24;
  private static final int K = 10;

  @Test
  void factoryStringsForTheHarnessNames() {
    assertThat(SextantIvfIndex.factoryString(0, "flat")).isEqualTo("ivf(flat)");
    assertThat(SextantIvfIndex.factoryString(1024, "sq8")).isEqualTo("ivf(nlist=1024,sq8)");
    assertThat(SextantIvfIndex.factoryString(1024, "auto")).isEqualTo("ivf(nlist=1024,pq=auto)");
    assertThat(SextantIvfIndex.factoryString(64, "16x8")).isEqualTo("ivf(nlist=64,pq=16x8)");
  }

  @Test
  void everyEncodingFindsTheNeighboursWhenProbingAllLists() throws Exception {
    float[][] base = PeerEngineRecallTest.clustered(N, DIM, 21, false);
    float[][] queries = PeerEngineRecallTest.clustered(20, DIM, 22, false);
    Engine engine = Engines.byName("sextant");
    assertThat(engine.index("ivf").params()).extracting(ParamSpec::name).containsExactly("nlist", "pq", "nprobe", "storage");
    long vectorBytes = (long) N * DIM * Float.BYTES;
    ParamSpec pqSpec = engine.index("ivf").params().get(1);
    for (String pq : new String[] {"flat", "sq8", "auto"}) {
      Params build = Params.of(SextantIvfIndex.NLIST, 32).plus(pqSpec.params(pqSpec.parse(pq)))
          .plus(SextantEngine.STORAGE_SPEC.params(SextantEngine.STORAGE_SPEC.parse(SextantEngine.MEMORY)));
      try (BuiltIndex index = engine.build("ivf", FloatVectors.copyOf(base, DIM), Similarity.EUCLIDEAN, build, 2)) {
        // Flat lists hold their own copy of the vectors; SQ8 and PQ add the rerank vectors to their codes.
        assertThat(index.indexBytes()).as("pq=%s", pq).isGreaterThan(vectorBytes);
        int found = 0;
        try (QuerySearcher s = index.searcher(K, Params.of(SextantIvfIndex.NPROBE, 32))) {
          for (float[] q : queries) {
            int[] got = s.search(q);
            int[] truth = PeerEngineRecallTest.bruteForce(base, q, Similarity.EUCLIDEAN);
            for (int o : got) if (Arrays.stream(truth).anyMatch(t -> t == o)) found++;
          }
        }
        assertThat(found / (double) (queries.length * K)).as("pq=%s", pq).isGreaterThanOrEqualTo(0.95);
      }
    }
  }
}
