package io.sextant.bench.filter;

import io.sextant.core.filter.Attributes;
import io.sextant.core.filter.Filter;
import io.sextant.core.filter.FilterMatcher;
import io.sextant.core.filter.Schema;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.roaringbitmap.RoaringBitmap;

/**
 * The one attribute the harness can give documents without new data: the part of speech of a
 * WordNet dataset's synsets ({@code wordnet-minilm}), read from the synset id in
 * {@code base-ids.txt} (first letter {@code n}, {@code v}, {@code a}/{@code s}, {@code r}).
 * Documents get a keyword {@code pos} = {@code noun}, {@code verb}, {@code adj} or {@code adv},
 * so {@code --param filter='pos = "verb"'} works on those datasets; expressions are parsed and
 * evaluated by core's filter package (errors point at the column).
 */
final class SynsetAttributes {
  static final String IDS = "base-ids.txt";
  static final Schema SCHEMA = Schema.builder().keyword("pos").build();
  private static final Map<Character, Attributes> BY_LETTER = Map.of(
      'n', pos("noun"), 'v', pos("verb"), 'a', pos("adj"), 's', pos("adj"), 'r', pos("adv"));

  private SynsetAttributes() {}

  private static Attributes pos(String value) {
    return SCHEMA.conform(Attributes.builder().put("pos", value).build());
  }

  /** Whether {@code folder} has synset ids to derive attributes from. */
  static boolean available(Path folder) {
    return Files.isRegularFile(folder.resolve(IDS));
  }

  /** The first {@code n} documents matching {@code expression}. */
  static RoaringBitmap select(Path folder, int n, String expression) throws IOException {
    FilterMatcher matcher = new FilterMatcher(Filter.parse(expression, SCHEMA));
    Path ids = folder.resolve(IDS);
    RoaringBitmap out = new RoaringBitmap();
    try (BufferedReader r = Files.newBufferedReader(ids, StandardCharsets.UTF_8)) {
      for (int i = 0; i < n; i++) {
        String line = r.readLine();
        if (line == null) throw new IOException(ids + ": " + i + " ids for " + n + " base vectors");
        Attributes doc = line.isEmpty() ? null : BY_LETTER.get(line.charAt(0));
        if (doc == null) {
          throw new IOException(ids + ": line " + (i + 1) + ": '" + line + "' is not a WordNet synset id "
              + "(expected n, v, a, s or r then the offset)");
        }
        if (matcher.matches(doc)) out.add(i);
      }
    }
    return out;
  }
}
