package io.sextant.bench.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.core.data.Dataset;
import io.sextant.core.vector.Similarity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The WordNet pipeline (permutation, chunked embedding, slicing, text files) on a tiny corpus with a fake embedder. */
class WordNetSourceTest {
  @TempDir Path cache;

  /** Deterministic stand-in for the model: a unit vector derived from the text's hash. */
  static final class HashEmbedder implements TextEmbedder {
    final AtomicInteger texts = new AtomicInteger();

    @Override public int dimension() { return 8; }

    @Override public float[][] embed(List<String> in) {
      texts.addAndGet(in.size());
      return in.stream().map(HashEmbedder::vector).toArray(float[][]::new);
    }

    static float[] vector(String text) {
      java.util.SplittableRandom r = new java.util.SplittableRandom(text.hashCode());
      float[] v = new float[8];
      double n = 0;
      for (int i = 0; i < 8; i++) {
        v[i] = (float) r.nextGaussian();
        n += v[i] * v[i];
      }
      for (int i = 0; i < 8; i++) v[i] /= (float) Math.sqrt(n);
      return v;
    }
  }

  private void writeCorpus() throws IOException {
    Path dir = Files.createDirectories(cache.resolve(WordNetSource.CORPUS));
    String h = WordNetParserTest.HEADER;
    Files.writeString(dir.resolve("data.noun"), h + WordNetParserTest.ENTITY + "\n" + WordNetParserTest.PHYSICAL + "\n"
        + "00002137 03 n 02 abstraction 0 abstract_entity 0 000 | a general concept formed by extracting common features\n");
    Files.writeString(dir.resolve("data.verb"), h + WordNetParserTest.SEDATE + "\n"
        + "00001740 29 v 01 breathe 0 000 | draw air into, and expel out of, the lungs\n");
    Files.writeString(dir.resolve("data.adj"), h + WordNetParserTest.ABOUNDING + "\n"
        + "00001740 00 a 01 able 0 000 | (usually followed by `to') having the necessary means\n");
    Files.writeString(dir.resolve("data.adv"), h + "00001740 02 r 01 a_cappella 0 000 | without musical accompaniment\n");
  }

  private static List<String> lines(Path f) throws IOException {
    return Files.readAllLines(f, StandardCharsets.UTF_8);
  }

  @Test
  void buildsAlignedSlicesFromChunksAndResumesOnlyMissingChunks() throws IOException {
    writeCorpus();
    HashEmbedder embedder = new HashEmbedder();
    // 8 synsets in chunks of 3: queries = positions 0..1, base = 2..7 (spans chunks 0, 1 and 2).
    new WordNetSource(0, 2, 2, -1, () -> embedder, 8, 3).build(cache.resolve("wn"), cache);
    assertThat(embedder.texts.get()).isEqualTo(8);

    Path wn = cache.resolve("wn");
    List<String> ids = lines(cache.resolve("wordnet/ids.txt"));
    assertThat(new HashSet<>(ids)).containsExactlyInAnyOrder("n00001740", "n00001930", "n00002137", "v00022316",
        "v00001740", "s00014358", "a00001740", "r00001740");
    assertThat(ids).isNotEqualTo(List.of("n00001740", "n00001930", "n00002137", "v00022316", "v00001740",
        "s00014358", "a00001740", "r00001740")); // shuffled
    assertThat(lines(wn.resolve("query-ids.txt"))).isEqualTo(ids.subList(0, 2));
    assertThat(lines(wn.resolve("base-ids.txt"))).isEqualTo(ids.subList(2, 8));

    Map<String, String> textById = WordNetParser.readAll(cache.resolve("wordnet")).stream()
        .collect(Collectors.toMap(Synset::id, Synset::text));
    try (Dataset d = Dataset.open(wn)) {
      assertThat(d.similarity()).isEqualTo(Similarity.COSINE);
      assertThat(d.base().size()).isEqualTo(6);
      assertThat(d.queries().size()).isEqualTo(2);
      List<String> baseTexts = lines(wn.resolve("base-texts.txt"));
      List<String> baseIds = lines(wn.resolve("base-ids.txt"));
      for (int i = 0; i < 6; i++) {
        assertThat(baseTexts.get(i)).isEqualTo(textById.get(baseIds.get(i)));
        assertThat(d.base().get(i)).isEqualTo(HashEmbedder.vector(baseTexts.get(i)));
      }
      List<String> queryTexts = lines(wn.resolve("query-texts.txt"));
      for (int i = 0; i < 2; i++) assertThat(d.queries().get(i)).isEqualTo(HashEmbedder.vector(queryTexts.get(i)));
    }

    // Interrupted run: chunk 1 is missing; a new slice embeds only its 3 texts.
    Files.delete(cache.resolve("wordnet/chunks/chunk-01.fvecs"));
    HashEmbedder again = new HashEmbedder();
    new WordNetSource(0, 1, 3, 5, () -> again, 8, 3).build(cache.resolve("wn-small"), cache);
    assertThat(again.texts.get()).isEqualTo(3);
    assertThat(lines(cache.resolve("wn-small/base-ids.txt"))).isEqualTo(ids.subList(3, 5));
  }
}
