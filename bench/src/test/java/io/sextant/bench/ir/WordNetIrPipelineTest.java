package io.sextant.bench.ir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sextant.core.data.Dataset;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IR evaluation end to end on a five-synset WordNet whose answers are worked out by hand. */
class WordNetIrPipelineTest {
  @TempDir Path dir;

  @Test
  void judgementsAndMetricsOnAHandMadeCollection() throws IOException {
    Path wn = Files.createDirectories(dir.resolve("wordnet"));
    Files.writeString(wn.resolve("data.noun"), String.join("\n",
        "00000001 03 n 01 animal 0 002 ~ 00000002 n 0000 ~ 00000003 n 0000 | a living organism",
        "00000002 05 n 01 dog 0 002 @ 00000001 n 0000 ~ 00000004 n 0000 | a domestic canine animal that barks",
        "00000003 05 n 01 cat 0 001 @ 00000001 n 0000 | a small domestic feline animal",
        "00000004 05 n 01 puppy 0 001 @ 00000002 n 0000 | a young dog",
        "") );
    Files.writeString(wn.resolve("data.adj"),
        "00000005 00 a 01 red 0 000 | of the colour of blood\n");
    Files.writeString(wn.resolve("data.verb"), "");
    Files.writeString(wn.resolve("data.adv"), "");

    Path ds = Files.createDirectories(dir.resolve("tiny"));
    // Base: animal (0), cat (1), puppy (2), red (3). Queries: dog, red.
    // Cosine ranking for "dog": puppy, cat, animal, red.
    float[][] base = {{0.6f, 0.8f}, {0.9f, 0.44f}, {1f, 0f}, {-1f, 0f}};
    float[][] queries = {{1f, 0.05f}, {-1f, 0f}};
    Dataset.create(ds, Similarity.COSINE, "tiny", FloatVectors.copyOf(base, 2), FloatVectors.copyOf(queries, 2));
    Files.write(ds.resolve("base-ids.txt"), List.of("n00000001", "n00000003", "n00000004", "a00000005"));
    Files.write(ds.resolve("base-texts.txt"), List.of("animal: a living organism",
        "cat: a small domestic feline animal", "puppy: a young dog", "red: of the colour of blood"));
    Files.write(ds.resolve("query-ids.txt"), List.of("n00000002", "a00000005"));
    Files.write(ds.resolve("query-texts.txt"), List.of("dog: a domestic canine animal that barks; \"the dog barked all night\"",
        "red: of the colour of blood"));

    List<WordNetIrEvaluation.ModeResult> r = WordNetIrEvaluation.run(ds, wn,
        WordNetIrEvaluation.Options.DEFAULT);
    assertThat(r).extracting(WordNetIrEvaluation.ModeResult::mode)
        .containsExactly("vector", "bm25", "rrf", "weighted");
    // Only "dog" is judged (relevant: its hypernym animal and hyponym puppy); "red" has no relations.
    assertThat(r.get(0).queries()).isEqualTo(1);
    assertThat(r.get(0).skippedQueries()).isEqualTo(1);
    assertThat(r.get(0).meanRelevant()).isEqualTo(2.0);
    double idcg = 1 + 1 / log2(3);
    // Vector ranking puppy, cat, animal, red: relevant at ranks 1 and 3.
    assertThat(r.get(0).ndcg10()).isCloseTo((1 + 1 / log2(4)) / idcg, within(1e-9));
    assertThat(r.get(0).recall100()).isEqualTo(1.0);
    // BM25 with English stop words: query terms dog (twice: once in the words, once in the
    // example), domestic, canine, animal, barks, barked, all, night. N = 4, avgdl = 14/4;
    // idf(animal) = ln 2, idf(dog) = idf(domestic) = ln(10/3). Scores: puppy (dog × 2, 3 terms)
    // 1.163, cat (domestic + animal, 5 terms) 0.734, animal (3 terms) 0.335, red no match.
    // Relevant at ranks 1 and 3, as for vectors.
    double ranks1and3 = (1 + 1 / log2(4)) / idcg;
    assertThat(r.get(1).ndcg10()).isCloseTo(ranks1and3, within(1e-9));
    assertThat(r.get(1).recall100()).isEqualTo(1.0);
    // RRF (k = 60): puppy 1/61 + 1/61, cat 2/62, animal 2/63, red 1/64.
    assertThat(r.get(2).ndcg10()).isCloseTo(ranks1and3, within(1e-9));
    // Weighted (alpha 0.5, min-max per side): puppy 0.5 + 0.5, cat 0.5·0.960 + 0.5·0.482,
    // animal 0.5·0.820, red 0.
    assertThat(r.get(3).ndcg10()).isCloseTo(ranks1and3, within(1e-9));
    assertThat(r.get(0).toJson()).startsWith("{\"mode\":\"vector\",\"dataset\":\"tiny\",\"docs\":4,\"queries\":1,");

    // Example-sentence queries: "the dog barked all night", embedded by a stand-in that gives
    // the same vector as before; BM25 finds only puppy (through "dog").
    List<WordNetIrEvaluation.ModeResult> ex = WordNetIrEvaluation.run(ds, wn,
        WordNetIrEvaluation.Options.DEFAULT.withQueryText("example"),
        texts -> texts.stream().map(t -> new float[] {1f, 0.05f}).toArray(float[][]::new));
    assertThat(ex.get(0).queries()).isEqualTo(1);
    assertThat(ex.get(0).ndcg10()).isCloseTo(r.get(0).ndcg10(), within(1e-12));
    assertThat(ex.get(1).ndcg10()).isCloseTo(1 / idcg, within(1e-9));
    assertThat(ex.get(1).recall100()).isEqualTo(0.5);
    assertThat(ex.get(1).params()).contains("\"query_text\":\"example\"");
  }

  @Test
  void definitionCollectionJudgesTheOwnSynsetAndItsNeighbours() throws IOException {
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
    java.util.concurrent.atomic.AtomicInteger embedded = new java.util.concurrent.atomic.AtomicInteger();
    java.util.function.Function<List<String>, float[][]> fake = texts -> {
      embedded.addAndGet(texts.size());
      return texts.stream().map(t -> new float[] {(t.hashCode() & 7) + 1f, (t.length() & 7) + 1f})
          .toArray(float[][]::new);
    };
    Path cache = dir.resolve("defs");
    List<WordNetIrEvaluation.ModeResult> r = WordNetIrEvaluation.runDefinitions(wn, cache, 10, 1,
        WordNetIrEvaluation.Options.DEFAULT, fake);
    // Five documents embedded, then the three example sentences (dog, cat, puppy).
    assertThat(embedded.get()).isEqualTo(5 + 3);
    assertThat(Files.readAllLines(cache.resolve("texts.txt"))).containsExactly(
        "animal: a living organism", "dog: a domestic canine animal that barks",
        "cat: a small domestic feline animal", "puppy: a young dog", "red: of the colour of blood");
    assertThat(r.get(1).queries()).isEqualTo(3);
    // BM25 (english stop words), N = 5, avgdl = 19/5:
    //  "the dog barked all night" → puppy (3 terms) above dog (5 terms); relevant dog, animal,
    //     puppy: ranks 1, 2 of 3 relevant → (1 + 1/log2 3) / (1 + 1/log2 3 + 1/2), recall 2/3;
    //  "the cat purred" → cat; relevant cat, animal → 1 / (1 + 1/log2 3), recall 1/2;
    //  "the puppy slept" → puppy; relevant puppy, dog → same.
    double two = 1 + 1 / log2(3);
    double expected = ((two / (two + 0.5)) + 2 / two) / 3;
    assertThat(r.get(1).ndcg10()).isCloseTo(expected, within(1e-9));
    assertThat(r.get(1).recall100()).isCloseTo((2.0 / 3 + 0.5 + 0.5) / 3, within(1e-12));
    assertThat(r.get(1).meanRelevant()).isCloseTo((3 + 2 + 2) / 3.0, within(1e-12));
    // A second run reuses the cached document vectors and embeds only the queries.
    WordNetIrEvaluation.runDefinitions(wn, cache, 10, 1, WordNetIrEvaluation.Options.DEFAULT, fake);
    assertThat(embedded.get()).isEqualTo(5 + 3 + 3);
  }

  @Test
  void definitionsDropExampleSentences() {
    assertThat(WordNetDefinitionCorpus.definition("a young dog; \"the puppy slept\"; \"a puppy\""))
        .isEqualTo("a young dog");
    assertThat(WordNetDefinitionCorpus.definition("however; \"it might be unpleasant, though\""))
        .isEqualTo("however");
    assertThat(WordNetDefinitionCorpus.definition("a living organism")).isEqualTo("a living organism");
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
