/*
 * Run it from the repository root with JDK 25:
 *
 *   ./mvnw -B -q -ntp -pl examples -am package -DskipTests
 *   java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
 *        -cp "examples/target/sextant-examples.jar:examples/target/lib/*" io.sextant.examples.QuickStart
 *
 * (--add-modules jdk.incubator.vector lets Sextant use SIMD kernels; without it, it falls back to
 * plain Java loops and prints nothing different.)
 */
package io.sextant.examples;

import io.sextant.core.collection.Collection;
import io.sextant.core.collection.CollectionOptions;
import io.sextant.core.collection.Hit;
import io.sextant.core.collection.SearchRequest;
import io.sextant.core.vector.Similarity;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The smallest complete use of Sextant: open a collection in a folder, upsert documents (id,
 * vector, attributes, text), delete one, commit, search, print the hits, close.
 *
 * <p>Real applications get their vectors from an embedding model (384 dimensions for
 * all-MiniLM-L6-v2); here four hand-made dimensions stand for four topics, so the result is easy
 * to check by eye: {@code [animals, cooking, astronomy, sport]}.
 */
public final class QuickStart {

  /** One document to store. */
  public record Doc(String id, float[] vector, Map<String, Object> attributes, String text) {}

  public static final List<Doc> DOCUMENTS = List.of(
      new Doc("doc-1", new float[] {0.9f, 0.1f, 0f, 0.05f}, Map.of("topic", "animals", "year", 2021),
          "Cats sleep up to sixteen hours a day."),
      new Doc("doc-2", new float[] {0.1f, 0.95f, 0f, 0f}, Map.of("topic", "cooking", "year", 2023),
          "A sourdough starter needs feeding every day."),
      new Doc("doc-3", new float[] {0.95f, 0f, 0.05f, 0.1f}, Map.of("topic", "animals", "year", 2019),
          "Dogs were domesticated more than 15,000 years ago."),
      new Doc("doc-4", new float[] {0f, 0f, 1f, 0f}, Map.of("topic", "astronomy", "year", 2024),
          "Jupiter has at least 95 known moons."),
      new Doc("doc-5", new float[] {0.8f, 0.05f, 0f, 0.3f}, Map.of("topic", "animals", "year", 2022),
          "Horses can sleep standing up."),
      new Doc("doc-6", new float[] {0.05f, 0.6f, 0f, 0.7f}, Map.of("topic", "sport", "year", 2020),
          "Marathon runners eat pasta the night before a race."));

  /** The document the example deletes before searching. */
  public static final String DELETED = "doc-3";

  /** "Something about animals, a little about sport." */
  public static final float[] QUERY = {1f, 0f, 0f, 0.1f};

  public static final int K = 3;

  private QuickStart() {}

  public static void main(String[] args) throws IOException {
    Path folder = Files.createTempDirectory("sextant-quickstart-");
    try {
      run(folder, System.out);
    } finally {
      deleteTree(folder); // a real application keeps its collection folder, of course
    }
  }

  /** The example proper: everything a user needs, against a collection in {@code folder}. */
  static void run(Path folder, PrintStream out) throws IOException {
    CollectionOptions options = CollectionOptions.builder()
        .dimension(4)
        .similarity(Similarity.COSINE)
        .index("flat") // exact search; "hnsw" and "ivf" plug in through the index SPI
        .build();

    // open creates the collection on first use and reopens it afterwards; close releases the files.
    try (Collection docs = Collection.open(folder, options)) {
      for (Doc d : DOCUMENTS) docs.upsert(d.id(), d.vector(), d.attributes(), d.text());
      docs.delete(DELETED);
      docs.commit(); // durable once this returns

      List<Hit> hits = docs.search(SearchRequest.of(QUERY).k(K));
      out.printf(Locale.ROOT, "%d documents; top %d for the query:%n", docs.size(), K);
      for (int i = 0; i < hits.size(); i++) {
        Hit h = hits.get(i);
        out.printf(Locale.ROOT, "%d. %s score=%.4f %s \"%s\"%n", i + 1, h.id(), h.score(), h.attributes(), h.text());
      }
    }
  }

  private static void deleteTree(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }
}
