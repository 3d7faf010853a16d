package io.sextant.bench.ir;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.bench.data.DatasetRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The figures: NDCG@10 and recall@100 of vector, BM25, RRF and weighted fusion on the two WordNet
 * collections, printed as JSON lines. Needs embeddings (the wordnet-minilm dataset, ~13 min on
 * 2 idle cores, and the definitions corpus, the same again, both cached after the first run),
 * hence a long run:
 * {@code ./mvnw -pl bench -am test -Dtest=WordNetIrEvaluationTest -Dsextant.test.excludedGroups= -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dsextant.ir.dataset=wordnet-minilm-10k} for the small slice of the first collection).
 *
 * <p>The goal of fusion ≥ max(vector, BM25) + 0.03 is printed, not asserted: with
 * parameters fixed in advance (RRF k = 60, alpha = 0.5) it is not reached on these collections
 * (see the report on issue 6). What is asserted is that every mode ranks far above chance
 * (a random ranking scores about 1e-4 here), so a broken pipeline fails.
 */
@Tag("longrun")
class WordNetIrEvaluationTest {
  @Test
  void heldOutSynsets() throws IOException {
    String name = System.getProperty("sextant.ir.dataset", "wordnet-minilm");
    Path folder = DatasetRegistry.fromEnvironment().fetch(name);
    check(WordNetIrEvaluation.run(folder, WordNetFiles.ensure(), WordNetIrEvaluation.Options.DEFAULT));
  }

  @Test
  void definitionsWithExampleQueries() throws IOException {
    Path cache = DatasetRegistry.defaultCache().resolve("wordnet-definitions");
    check(WordNetIrEvaluation.runDefinitions(WordNetFiles.ensure(), cache, 2000, 7,
        WordNetIrEvaluation.Options.DEFAULT));
  }

  private static void check(List<WordNetIrEvaluation.ModeResult> results) {
    results.forEach(r -> System.out.println(r.toJson()));
    double best = Math.max(results.get(0).ndcg10(), results.get(1).ndcg10());
    double fused = Math.max(results.get(2).ndcg10(), results.get(3).ndcg10());
    System.out.printf("fusion gain over the better side: %+.4f NDCG@10 (goal +0.03)%n", fused - best);
    assertThat(results.get(0).queries()).isGreaterThan(100);
    for (WordNetIrEvaluation.ModeResult r : results) {
      assertThat(r.ndcg10()).as(r.mode()).isGreaterThan(0.1);
      assertThat(r.recall100()).as(r.mode()).isGreaterThan(0.3);
    }
  }
}
