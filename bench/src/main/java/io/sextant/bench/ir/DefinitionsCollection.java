package io.sextant.bench.ir;

import io.sextant.bench.data.Synset;
import io.sextant.bench.data.WordNetParser;
import io.sextant.core.collection.Collection;
import io.sextant.core.collection.CollectionOptions;
import io.sextant.core.data.VectorBlock;
import io.sextant.core.filter.Filter;
import io.sextant.core.text.TextAnalyzer;
import io.sextant.core.vector.Similarity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The WordNet definitions collection loaded into a {@link Collection}: document i is synset i
 * ("words: definition", its cached all-MiniLM-L6-v2 embedding), id {@code "i"}, keyword
 * attribute {@value #FIELD} = {@code "i"} (so a query can leave its own synset out), English
 * analyzer. Built in a temporary folder, merged into one segment, deleted on close.
 */
final class DefinitionsCollection implements AutoCloseable {
  static final String FIELD = "doc";

  final List<Synset> synsets;
  final Map<String, Integer> ordOf;
  final WordNetRelations relations;
  final Collection collection;
  final int dimension;
  private final Path dir;

  private DefinitionsCollection(List<Synset> synsets, Map<String, Integer> ordOf, Collection collection, int dimension,
      Path dir) {
    this.dimension = dimension;
    this.synsets = synsets;
    this.ordOf = ordOf;
    this.relations = WordNetRelations.of(synsets);
    this.collection = collection;
    this.dir = dir;
  }

  /**
   * @param index "flat", "hnsw" or "ivf"
   * @param embedder used only when the corpus embeddings are not cached yet
   */
  static DefinitionsCollection open(Path wordnet, Path cacheDir, String index,
      java.util.function.Supplier<? extends Function<List<String>, float[][]>> embedder) throws IOException {
    List<Synset> synsets = WordNetParser.readAll(wordnet);
    WordNetDefinitionCorpus corpus = WordNetDefinitionCorpus.prepare(cacheDir, synsets);
    corpus.ensureEmbedded(embedder);
    Map<String, Integer> ordOf = new HashMap<>();
    for (int i = 0; i < corpus.ids().size(); i++) ordOf.put(corpus.ids().get(i), i);
    Path dir = Files.createTempDirectory("sextant-ir-definitions-");
    Collection c = null;
    try (VectorBlock docs = corpus.vectors()) {
      int n = docs.vectors().size();
      CollectionOptions options = CollectionOptions.builder().dimension(docs.dimension()).similarity(Similarity.COSINE)
          .index(index).textAnalyzer(TextAnalyzer.english()).maxBufferedDocs(n).backgroundMerges(false).build();
      c = Collection.open(dir, options);
      for (int i = 0; i < n; i++) {
        String id = Integer.toString(i);
        c.upsert(id, docs.vectors().get(i), Map.of(FIELD, id), corpus.texts().get(i));
      }
      c.forceMerge(1);
      return new DefinitionsCollection(synsets, ordOf, c, docs.dimension(), dir);
    } catch (IOException | RuntimeException e) {
      if (c != null) c.close();
      delete(dir);
      throw e;
    }
  }

  int size() {
    return synsets.size();
  }

  /** Bytes of the collection's folder on disk (segment files, log, manifest). */
  long bytesOnDisk() throws IOException {
    try (var walk = Files.walk(dir)) {
      long sum = 0;
      for (Path p : walk.filter(Files::isRegularFile).toList()) sum += Files.size(p);
      return sum;
    }
  }

  /** The filter that leaves document {@code ord} out. */
  static Filter without(int ord) {
    return Filter.ne(FIELD, Integer.toString(ord));
  }

  @Override
  public void close() throws IOException {
    try {
      collection.close();
    } finally {
      delete(dir);
    }
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }
}
