package io.sextant.bench.data;

import io.sextant.core.data.VectorBlock;
import io.sextant.core.data.VectorFiles;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * WordNet's synsets in a fixed, seeded order, with their embeddings cached chunk by chunk, so any
 * slice of positions can become a dataset and an interrupted embedding run resumes where it
 * stopped. Layout of its folder (under the dataset cache):
 * <ul>
 *   <li>{@code data.noun}, {@code data.verb}, {@code data.adj}, {@code data.adv}: from Debian's {@code wordnet-base};</li>
 *   <li>{@code texts.txt}, {@code ids.txt}: one synset per line in permutation order
 *       ({@link Synset#text()} and {@link Synset#id()});</li>
 *   <li>{@code chunks/chunk-NN.fvecs}: the vectors of positions {@code NN × 10,000} onwards, written
 *       atomically once complete.</li>
 * </ul>
 */
final class WordNetCorpus {
  static final int CHUNK = 10_000;
  static final long PERMUTATION_SEED = 42;
  /** WordNet 3.0: 82,115 nouns + 13,767 verbs + 18,156 adjectives + 3,621 adverbs. */
  static final int EXPECTED_SYNSETS = 117_659;

  private final Path dir;
  private final int chunk;
  private List<String> texts;
  private List<String> ids;

  WordNetCorpus(Path dir) {
    this(dir, CHUNK);
  }

  /** A corpus with {@code chunk} vectors per cached file (tests use small chunks). */
  WordNetCorpus(Path dir, int chunk) {
    this.dir = dir;
    this.chunk = chunk;
  }

  Path dir() {
    return dir;
  }

  /** Fetches and parses WordNet unless {@code texts.txt} and {@code ids.txt} already exist. */
  void ensureSource() throws IOException {
    Path textsFile = dir.resolve("texts.txt");
    Path idsFile = dir.resolve("ids.txt");
    if (!Files.exists(textsFile) || !Files.exists(idsFile)) {
      if (!Files.exists(dir.resolve("data.adv"))) {
        Path work = dir.resolve("download");
        Path root = DebianPackage.fetch("wordnet-base", work);
        for (String f : WordNetParser.FILES) {
          Files.copy(root.resolve("usr/share/wordnet").resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        deleteTree(work);
      }
      List<Synset> synsets = WordNetParser.readAll(dir);
      if (synsets.size() != EXPECTED_SYNSETS) {
        System.err.println("note: WordNet has " + synsets.size() + " synsets, expected " + EXPECTED_SYNSETS
            + " (WordNet 3.0); positions differ from other machines'");
      }
      int[] order = permutation(synsets.size(), PERMUTATION_SEED);
      List<String> t = new ArrayList<>(order.length);
      List<String> i = new ArrayList<>(order.length);
      for (int p : order) {
        t.add(synsets.get(p).text());
        i.add(synsets.get(p).id());
      }
      writeLines(idsFile, i);
      writeLines(textsFile, t);
    }
    texts = Files.readAllLines(textsFile, StandardCharsets.UTF_8);
    ids = Files.readAllLines(idsFile, StandardCharsets.UTF_8);
    if (texts.size() != ids.size()) {
      throw new IOException(dir + ": texts.txt has " + texts.size() + " lines but ids.txt has " + ids.size()
          + "; delete both to rebuild them");
    }
  }

  int size() {
    return texts.size();
  }

  /** Texts of positions {@code [from, to)}. */
  List<String> texts(int from, int to) {
    return texts.subList(from, to);
  }

  /** Synset ids of positions {@code [from, to)}. */
  List<String> ids(int from, int to) {
    return ids.subList(from, to);
  }

  Path chunkFile(int c) {
    return dir.resolve("chunks").resolve(String.format("chunk-%02d.fvecs", c));
  }

  int chunks() {
    return (size() + chunk - 1) / chunk;
  }

  /**
   * Embeds every chunk overlapping positions {@code [0, to)} that is not cached yet. The embedder
   * is created only when something is missing.
   */
  void ensureEmbedded(int to, Supplier<? extends TextEmbedder> embedders) throws IOException {
    int last = (to + chunk - 1) / chunk;
    List<Integer> missing = new ArrayList<>();
    long work = 0;
    for (int c = 0; c < last; c++) {
      if (!Files.exists(chunkFile(c))) {
        missing.add(c);
        work += Math.min(size(), (c + 1) * chunk) - c * chunk;
      }
    }
    if (missing.isEmpty()) return;
    TextEmbedder embedder = embedders.get();
    try (ProgressBar bar = new ProgressBar("embedding WordNet glosses (" + missing.size() + " chunks)", work)) {
      for (int c : missing) {
        int from = c * chunk;
        int n = Math.min(size(), from + chunk) - from;
        try (VectorBlock block = VectorBlock.allocate(n, embedder.dimension())) {
          // Batches of 250: large enough to keep every executor thread busy, small enough for a live progress bar.
          for (int b = 0; b < n; b += 250) {
            int m = Math.min(250, n - b);
            float[][] v = embedder.embed(texts(from + b, from + b + m));
            for (int j = 0; j < m; j++) {
              MemorySegment.copy(v[j], 0, block.vectors().data(), FLOAT_LE, block.vectors().offset(b + j), v[j].length);
            }
            bar.advance(m);
          }
          VectorFiles.writeFvecs(chunkFile(c), block.vectors());
        }
      }
    } finally {
      if (embedder instanceof AutoCloseable a) {
        try {
          a.close();
        } catch (Exception e) {
          throw new IOException(e);
        }
      }
    }
  }

  private static final java.lang.foreign.ValueLayout.OfFloat FLOAT_LE =
      java.lang.foreign.ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);

  /** The vectors of positions {@code [from, to)}, read from the chunk files (which must exist). */
  VectorBlock vectors(int from, int to, int dimension) throws IOException {
    VectorBlock out = VectorBlock.allocate(to - from, dimension);
    try {
      long rowBytes = 4L * dimension;
      for (int c = from / chunk; c * chunk < to; c++) {
        int lo = Math.max(from, c * chunk);
        int hi = Math.min(to, (c + 1) * chunk);
        try (VectorBlock block = VectorFiles.readFloats(chunkFile(c), hi - c * chunk)) {
          if (block.dimension() != dimension || block.size() < hi - c * chunk) {
            throw new IOException(chunkFile(c) + ": expected at least " + (hi - c * chunk) + " vectors of dimension "
                + dimension + ", found " + block.size() + " of dimension " + block.dimension());
          }
          MemorySegment.copy(block.vectors().data(), block.vectors().offset(lo - c * chunk),
              out.vectors().data(), out.vectors().offset(lo - from), (hi - lo) * rowBytes);
        }
      }
      return out;
    } catch (IOException | RuntimeException e) {
      out.close();
      throw e;
    }
  }

  /** A seeded Fisher-Yates shuffle of {@code 0..n-1}. */
  static int[] permutation(int n, long seed) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) p[i] = i;
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = p[i]; p[i] = p[j]; p[j] = t;
    }
    return p;
  }

  static void writeLines(Path file, List<String> lines) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, lines, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) return;
    try (var walk = Files.walk(root)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }
}
