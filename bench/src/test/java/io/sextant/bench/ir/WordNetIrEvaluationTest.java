package io.sextant.bench.ir;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.bench.data.DatasetRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * NDCG@10 and recall@100 of vector, BM25, RRF and weighted fusion on the WordNet collection.
 * Needs the embedded dataset (fetched and cached on first use: the full set embeds for ~13
 * minutes on 2 idle cores), so it is a long run:
 * {@code ./mvnw -pl bench -am test -Dtest=WordNetIrEvaluationTest -Dsextant.test.excludedGroups= -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dsextant.ir.dataset=wordnet-minilm-10k} for the small slice).
 */
@Tag("longrun")
class WordNetIrEvaluationTest {
  @Test
  void hybridBeatsEachSideOnWordNet() throws IOException {
    String name = System.getProperty("sextant.ir.dataset", "wordnet-minilm");
    DatasetRegistry registry = DatasetRegistry.fromEnvironment();
    Path folder = registry.fetch(name);
    Path wordnet = WordNetFiles.ensure();
    List<WordNetIrEvaluation.ModeResult> results =
        WordNetIrEvaluation.run(folder, wordnet, WordNetIrEvaluation.Options.DEFAULT);
    results.forEach(r -> System.out.println(r.toJson()));
    double vector = results.get(0).ndcg10();
    double bm25 = results.get(1).ndcg10();
    double hybrid = Math.max(results.get(2).ndcg10(), results.get(3).ndcg10());
    assertThat(results.get(0).queries()).isGreaterThan(100);
    assertThat(hybrid).as("best fusion NDCG@10 vs max(vector, bm25) + 0.03")
        .isGreaterThanOrEqualTo(Math.max(vector, bm25) + 0.03);
  }
}
