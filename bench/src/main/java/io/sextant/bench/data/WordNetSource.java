package io.sextant.bench.data;

import io.sextant.core.data.Dataset;
import io.sextant.core.data.VectorBlock;
import io.sextant.core.vector.Similarity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * WordNet synsets embedded with all-MiniLM-L6-v2 (384-d, unit length, cosine): a slice of the
 * seeded permutation of {@link WordNetCorpus} as base, another as queries. Beside the vectors it
 * writes {@code base-texts.txt}, {@code base-ids.txt}, {@code query-texts.txt} and
 * {@code query-ids.txt} (one synset per line, in vector order) for text and hybrid search.
 */
final class WordNetSource implements DatasetSource {
  /** Folder of the shared corpus under the cache root. */
  static final String CORPUS = "wordnet";

  private final int queryFrom;
  private final int queryTo;
  private final int baseFrom;
  private final int baseTo; // -1: to the end
  private final Supplier<? extends TextEmbedder> embedders;
  private final int dimension;
  private final int chunk;

  /** Slices of the permutation embedded by all-MiniLM-L6-v2, cached in chunks of 10,000. */
  WordNetSource(int queryFrom, int queryTo, int baseFrom, int baseTo) {
    this(queryFrom, queryTo, baseFrom, baseTo, miniLm(), MiniLmEmbedder.DIMENSION, WordNetCorpus.CHUNK);
  }

  WordNetSource(int queryFrom, int queryTo, int baseFrom, int baseTo, Supplier<? extends TextEmbedder> embedders,
      int dimension, int chunk) {
    this.queryFrom = queryFrom;
    this.queryTo = queryTo;
    this.baseFrom = baseFrom;
    this.baseTo = baseTo;
    this.embedders = embedders;
    this.dimension = dimension;
    this.chunk = chunk;
  }

  /** The default embedder: all-MiniLM-L6-v2 on every processor. */
  private static Supplier<MiniLmEmbedder> miniLm() {
    return () -> new MiniLmEmbedder(Runtime.getRuntime().availableProcessors());
  }

  @Override
  public String description() {
    String base = baseTo < 0 ? "the other " + String.format("%,d", WordNetCorpus.EXPECTED_SYNSETS - baseFrom)
        : String.format("%,d", baseTo - baseFrom);
    return "WordNet 3.0 synsets ('words: gloss') embedded by all-MiniLM-L6-v2, 384-d, cosine: " + base + " base, "
        + String.format("%,d", queryTo - queryFrom) + " held-out queries (Debian wordnet-base)";
  }

  @Override
  public void build(Path folder, Path cache) throws IOException {
    WordNetCorpus corpus = new WordNetCorpus(cache.resolve(CORPUS), chunk);
    int end;
    try (CacheLock lock = CacheLock.acquire(cache, CORPUS)) {
      corpus.ensureSource();
      end = baseTo < 0 ? corpus.size() : baseTo;
      if (end > corpus.size() || queryTo > corpus.size()) {
        throw new IOException("WordNet has only " + corpus.size() + " synsets; this slice needs " + Math.max(end, queryTo));
      }
      corpus.ensureEmbedded(Math.max(end, queryTo), embedders);
    }
    try (VectorBlock base = corpus.vectors(baseFrom, end, dimension);
         VectorBlock queries = corpus.vectors(queryFrom, queryTo, dimension)) {
      WordNetCorpus.writeLines(folder.resolve("base-texts.txt"), corpus.texts(baseFrom, end));
      WordNetCorpus.writeLines(folder.resolve("base-ids.txt"), corpus.ids(baseFrom, end));
      WordNetCorpus.writeLines(folder.resolve("query-texts.txt"), corpus.texts(queryFrom, queryTo));
      WordNetCorpus.writeLines(folder.resolve("query-ids.txt"), corpus.ids(queryFrom, queryTo));
      Dataset.create(folder, Similarity.COSINE, description(), base.vectors(), queries.vectors());
    }
  }
}
