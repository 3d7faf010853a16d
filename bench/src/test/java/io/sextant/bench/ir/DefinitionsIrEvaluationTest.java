package io.sextant.bench.ir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sextant.core.collection.Hit;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The definitions collection through a Collection, on a five-synset WordNet with a stand-in embedder. */
class DefinitionsIrEvaluationTest {
  @TempDir Path dir;

  private static final Function<List<String>, float[][]> FAKE = texts -> texts.stream()
      .map(t -> new float[] {(t.hashCode() & 7) + 1f, (t.length() & 7) + 1f}).toArray(float[][]::new);

  private Path wordnet() throws IOException {
    Path wn = Files.createDirectories(dir.resolve("wordnet"));
    Files.writeString(wn.resolve("data.noun"), String.join("\n",
        "00000001 03 n 01 animal 0 002 ~ 00000002 n 0000 ~ 00000003 n 0000 | a living organism",
        "00000002 05 n 01 dog 0 002 @ 00000001 n 0000 ~ 00000004 n 0000 | a domestic canine animal that barks; \"the dog barked all night\"",
        "00000003 05 n 01 cat 0 001 @ 00000001 n 0000 | a small domestic feline animal; \"the cat purred\"",
        "00000004 05 n 01 puppy 0 001 @ 00000002 n 0000 | a young dog; \"the puppy slept\"",
        ""));
    Files.writeString(wn.resolve("data.adj"), "00000005 00 a 01 red 0 000 | of the colour of blood\n");
    Files.writeString(wn.resolve("data.verb"), "");
    Files.writeString(wn.resolve("data.adv"), "");
    return wn;
  }

  @Test
  void examplesThroughTheCollectionEqualTheDirectComputation() throws IOException {
    Path wn = wordnet();
    Path cache = dir.resolve("defs");
    // The direct path on the first 2 example queries of seed 1; the Collection path's test split is the same 2.
    List<WordNetIrEvaluation.ModeResult> direct = WordNetIrEvaluation.runDefinitions(wn, cache, 2, 1,
        WordNetIrEvaluation.Options.DEFAULT, FAKE);
    StringWriter log = new StringWriter();
    List<WordNetIrEvaluation.ModeResult> coll = DefinitionsIrEvaluation.run(wn, cache,
        new DefinitionsIrEvaluation.Options("examples", 2, 1, 1, "flat", Map.of(), 60, 0.5, 1), new PrintWriter(log), FAKE);
    assertThat(coll).extracting(WordNetIrEvaluation.ModeResult::mode).containsExactly("vector", "bm25", "rrf", "weighted", "combined");
    for (int m = 0; m < 4; m++) {
      assertThat(coll.get(m).ndcg10()).as(coll.get(m).mode()).isCloseTo(direct.get(m).ndcg10(), within(1e-12));
      assertThat(coll.get(m).recall100()).as(coll.get(m).mode()).isCloseTo(direct.get(m).recall100(), within(1e-12));
    }
    assertThat(coll.get(4).params()).contains("\"alpha_chosen_on\":\"dev\"", "\"dev_queries\":1", "\"query_set\":\"examples\"");
    assertThat(log.toString()).contains("dev: combined alpha=0.1", "dev: combined alpha=0.9");
  }

  @Test
  void theQueryInstructionReachesTheQueryEmbeddingsOnlyAndIsRecorded() throws IOException {
    Path wn = wordnet();
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    Function<List<String>, float[][]> recording = texts -> {
      seen.addAll(texts);
      return FAKE.apply(texts);
    };
    List<WordNetIrEvaluation.ModeResult> res = DefinitionsIrEvaluation.run(wn, dir.resolve("defs-instr"),
        new DefinitionsIrEvaluation.Options("examples", 2, 1, 1, "flat", Map.of(), 60, 0.5, 1), new PrintWriter(new StringWriter()),
        recording, "Q: ");
    // Documents (definitions) are embedded as they are; the three example queries with the prefix.
    assertThat(seen).filteredOn(t -> t.startsWith("Q: ")).hasSize(3)
        .allMatch(t -> t.startsWith("Q: the "), "example sentences follow the prefix");
    assertThat(seen).filteredOn(t -> !t.startsWith("Q: ")).hasSize(5);
    assertThat(res.getFirst().params()).contains("\"query_instruction\":\"Q: \"");
    assertThat(SentenceEmbedder.queryInstruction("bge-small")).startsWith("Represent this sentence");
    assertThat(SentenceEmbedder.queryInstruction("minilm")).isEmpty();
  }

  @Test
  void glossQueriesAreDefinitionsWithTheirOwnDocumentLeftOut() throws IOException {
    Path wn = wordnet();
    try (DefinitionsCollection dc = DefinitionsCollection.open(wn, dir.resolve("defs"), "flat", () -> FAKE)) {
      List<DefinitionQuerySet.JudgedQuery> qs = DefinitionQuerySet.GLOSSES.draw(dc.synsets, dc.ordOf, dc.relations, 3, 4);
      // red has no hypernym or hyponym: the four nouns are the queries.
      assertThat(qs).extracting(DefinitionQuerySet.JudgedQuery::text).containsExactlyInAnyOrder(
          "a living organism", "a domestic canine animal that barks", "a small domestic feline animal", "a young dog");
      float[][] qv = FAKE.apply(qs.stream().map(DefinitionQuerySet.JudgedQuery::text).toList());
      DefinitionsIrEvaluation.Requests r = new DefinitionsIrEvaluation.Requests(qs, qv, Map.of());
      for (int j = 0; j < qs.size(); j++) {
        DefinitionQuerySet.JudgedQuery q = qs.get(j);
        assertThat(q.excludeOwn()).isTrue();
        assertThat(q.relevant()).doesNotContain(q.own()).isNotEmpty();
        String own = Integer.toString(q.own());
        for (var req : List.of(r.vector(j), r.text(j), r.hybrid(j, io.sextant.core.fusion.Fusion.combined(0.5)))) {
          List<Hit> hits = dc.collection.search(req);
          assertThat(hits).extracting(Hit::id).doesNotContain(own);
        }
        // Without the filter, the own document (which holds the query's very words) comes first on BM25.
        assertThat(dc.collection.search(io.sextant.core.collection.SearchRequest.ofText(q.text())).getFirst().id()).isEqualTo(own);
      }
      // Example queries keep their own synset as relevant.
      List<DefinitionQuerySet.JudgedQuery> ex = DefinitionQuerySet.EXAMPLES.draw(dc.synsets, dc.ordOf, dc.relations, 3, 3);
      assertThat(ex).allMatch(q -> q.relevant().contains(q.own()) && !q.excludeOwn());
      assertThatThrownBy(() -> DefinitionQuerySet.EXAMPLES.draw(dc.synsets, dc.ordOf, dc.relations, 3, 4))
          .hasMessageContaining("only 3 synsets qualify");
    }
    assertThatThrownBy(() -> DefinitionQuerySet.parse("sentences")).hasMessageContaining("examples or glosses");
  }
}
