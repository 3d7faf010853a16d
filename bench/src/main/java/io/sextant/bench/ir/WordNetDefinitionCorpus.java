package io.sextant.bench.ir;

import io.sextant.bench.data.Synset;
import io.sextant.core.data.VectorBlock;
import io.sextant.core.data.VectorFiles;
import io.sextant.core.vector.FloatVectors;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Every WordNet synset as a document "words: definition", the gloss without its quoted example
 * sentences, so that an example sentence used as a query is not found verbatim in any document.
 * Embedded once with all-MiniLM-L6-v2 and cached in chunks of 10,000 (an interrupted run
 * resumes): {@code ids.txt}, {@code texts.txt}, {@code chunk-NN.fvecs} in its folder.
 */
final class WordNetDefinitionCorpus {
  static final int CHUNK = 10_000;
  private static final Pattern EXAMPLE = Pattern.compile("\\s*;?\\s*\"[^\"]*\"");

  private final Path dir;
  private final List<String> ids;
  private final List<String> texts;

  private WordNetDefinitionCorpus(Path dir, List<String> ids, List<String> texts) {
    this.dir = dir;
    this.ids = ids;
    this.texts = texts;
  }

  /** The corpus in {@code dir}, its id and text files written from {@code synsets} if absent. */
  static WordNetDefinitionCorpus prepare(Path dir, List<Synset> synsets) throws IOException {
    Files.createDirectories(dir);
    List<String> ids = new ArrayList<>(synsets.size());
    List<String> texts = new ArrayList<>(synsets.size());
    for (Synset s : synsets) {
      ids.add(s.id());
      texts.add(String.join(", ", s.words()) + ": " + definition(s.gloss()));
    }
    Path idFile = dir.resolve("ids.txt");
    if (Files.exists(idFile) && !Files.readAllLines(idFile, StandardCharsets.UTF_8).equals(ids)) {
      throw new IOException(idFile + " lists other synsets than " + synsets.size()
          + " WordNet holds now; delete " + dir + " to rebuild it");
    }
    writeAtomically(idFile, ids);
    writeAtomically(dir.resolve("texts.txt"), texts);
    return new WordNetDefinitionCorpus(dir, List.copyOf(ids), List.copyOf(texts));
  }

  /** The gloss without quoted examples: "a young dog; \"the puppy slept\"" → "a young dog". */
  static String definition(String gloss) {
    String d = EXAMPLE.matcher(gloss).replaceAll("").strip();
    while (d.endsWith(";")) d = d.substring(0, d.length() - 1).strip();
    return d;
  }

  List<String> ids() {
    return ids;
  }

  List<String> texts() {
    return texts;
  }

  int chunks() {
    return (texts.size() + CHUNK - 1) / CHUNK;
  }

  Path chunkFile(int c) {
    return dir.resolve(String.format("chunk-%02d.fvecs", c));
  }

  /** Embeds the chunks not cached yet; the embedder is created only if one is missing. */
  void ensureEmbedded(Supplier<? extends Function<List<String>, float[][]>> embedders) throws IOException {
    Function<List<String>, float[][]> embedder = null;
    for (int c = 0; c < chunks(); c++) {
      if (Files.exists(chunkFile(c))) continue;
      if (embedder == null) embedder = embedders.get();
      int from = c * CHUNK;
      int to = Math.min(texts.size(), from + CHUNK);
      System.err.printf("embedding WordNet definitions %,d..%,d of %,d%n", from, to, texts.size());
      float[][] rows = new float[to - from][];
      for (int b = from; b < to; b += 250) {
        float[][] e = embedder.apply(texts.subList(b, Math.min(to, b + 250)));
        System.arraycopy(e, 0, rows, b - from, e.length);
      }
      Path tmp = chunkFile(c).resolveSibling(chunkFile(c).getFileName() + ".tmp");
      VectorFiles.writeFvecs(tmp, FloatVectors.copyOf(rows, rows[0].length));
      Files.move(tmp, chunkFile(c), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** All document vectors, in id order (the chunks must exist). */
  VectorBlock vectors() throws IOException {
    VectorBlock out = null;
    int row = 0;
    for (int c = 0; c < chunks(); c++) {
      try (VectorBlock chunk = VectorFiles.readFloats(chunkFile(c))) {
        if (out == null) out = VectorBlock.allocate(texts.size(), chunk.dimension());
        FloatVectors v = chunk.vectors();
        MemorySegment.copy(v.data(), v.offset(0), out.vectors().data(), out.vectors().offset(row),
            (long) v.size() * v.dimension() * Float.BYTES);
        row += v.size();
      }
    }
    if (out == null || row != texts.size()) {
      if (out != null) out.close();
      throw new IOException(dir + ": the chunks hold " + row + " vectors for " + texts.size() + " texts");
    }
    return out;
  }

  private static void writeAtomically(Path file, List<String> lines) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, lines, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
