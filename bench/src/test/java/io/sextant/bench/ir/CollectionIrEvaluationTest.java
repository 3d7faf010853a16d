package io.sextant.bench.ir;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.core.data.Dataset;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ranking through a Collection (flat index) gives the figures computed outside it, on a small
 * random WordNet-shaped collection with real hypernym links.
 */
class CollectionIrEvaluationTest {
  @TempDir Path dir;

  @Test
  void collectionPathEqualsDirectComputation() throws IOException {
    Random rnd = new Random(3);
    String[] words = {"dog", "cat", "animal", "small", "domestic", "young", "colour", "blood", "tree", "leaf", "river"};
    int n = 60;
    int nq = 20;
    StringBuilder noun = new StringBuilder();
    int[] parents = new int[n + nq];
    for (int i = 0; i < n + nq; i++) {
      int parent = i == 0 ? -1 : rnd.nextInt(Math.min(i, n));
      parents[i] = parent;
      String gloss = words[rnd.nextInt(words.length)] + " " + words[rnd.nextInt(words.length)] + " "
          + words[rnd.nextInt(words.length)];
      String ptr = parent < 0 ? "000" : "001 @ " + String.format("%08d", parent + 1) + " n 0000";
      noun.append(String.format("%08d 03 n 01 w%d 0 %s | %s%n", i + 1, i, ptr, gloss));
    }
    Path wn = Files.createDirectories(dir.resolve("wordnet"));
    Files.writeString(wn.resolve("data.noun"), noun.toString());
    for (String f : List.of("data.adj", "data.verb", "data.adv")) Files.writeString(wn.resolve(f), "");
    List<String> lines = noun.toString().lines().toList();
    float[][] base = new float[n][];
    float[][] queries = new float[nq][];
    float[][] all = new float[n + nq][];
    for (int i = 0; i < n + nq; i++) { // near its hypernym, so that vector search finds it
      float[] v = new float[8];
      for (int d = 0; d < 8; d++) v[d] = (float) rnd.nextGaussian() * 0.5f + (parents[i] < 0 ? 0 : all[parents[i]][d]);
      all[i] = v;
      if (i < n) base[i] = v;
      else queries[i - n] = v;
    }
    Path ds = Files.createDirectories(dir.resolve("tiny"));
    Dataset.create(ds, Similarity.COSINE, "tiny", FloatVectors.copyOf(base, 8), FloatVectors.copyOf(queries, 8));
    java.util.function.IntFunction<String> id = i -> String.format("n%08d", i + 1);
    java.util.function.IntFunction<String> text = i -> "w" + i + ": " + lines.get(i).substring(lines.get(i).indexOf("| ") + 2);
    Files.write(ds.resolve("base-ids.txt"), java.util.stream.IntStream.range(0, n).mapToObj(id).toList());
    Files.write(ds.resolve("base-texts.txt"), java.util.stream.IntStream.range(0, n).mapToObj(text).toList());
    Files.write(ds.resolve("query-ids.txt"), java.util.stream.IntStream.range(n, n + nq).mapToObj(id).toList());
    Files.write(ds.resolve("query-texts.txt"), java.util.stream.IntStream.range(n, n + nq).mapToObj(text).toList());

    WordNetIrEvaluation.Options o = WordNetIrEvaluation.Options.DEFAULT;
    List<WordNetIrEvaluation.ModeResult> direct = WordNetIrEvaluation.run(ds, wn, o);
    List<WordNetIrEvaluation.ModeResult> viaCollection = CollectionIrEvaluation.run(ds, wn, o, "flat", Map.of());
    assertThat(direct.getFirst().queries()).isGreaterThan(10);
    for (int m = 0; m < 4; m++) {
      assertThat(viaCollection.get(m).mode()).isEqualTo(direct.get(m).mode());
      assertThat(viaCollection.get(m).queries()).isEqualTo(direct.get(m).queries());
      assertThat(viaCollection.get(m).ndcg10()).as(direct.get(m).mode()).isEqualTo(direct.get(m).ndcg10());
      assertThat(viaCollection.get(m).recall100()).as(direct.get(m).mode()).isEqualTo(direct.get(m).recall100());
      assertThat(direct.get(m).ndcg10()).isGreaterThan(0);
    }
  }
}
