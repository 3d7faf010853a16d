package io.sextant.bench.ir;

import io.sextant.bench.data.Synset;
import io.sextant.bench.data.WordNetParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * WordNet's own relevance judgements: for a synset, its direct hypernyms and hyponyms
 * (pointers {@code @}, {@code @i}, {@code ~}, {@code ~i}: class and instance links), as synset ids.
 */
final class WordNetRelations {
  private static final Set<String> SYMBOLS = Set.of("@", "@i", "~", "~i");

  private final Map<String, Set<String>> related;

  private WordNetRelations(Map<String, Set<String>> related) {
    this.related = related;
  }

  static WordNetRelations read(Path wordnet) throws IOException {
    return of(WordNetParser.readAll(wordnet));
  }

  static WordNetRelations of(List<Synset> synsets) {
    Map<String, Set<String>> m = new HashMap<>();
    for (Synset s : synsets) {
      Set<String> r = new HashSet<>();
      for (Synset.Pointer p : s.pointers()) {
        if (SYMBOLS.contains(p.symbol())) r.add(p.target());
      }
      m.put(s.id(), r);
    }
    return new WordNetRelations(m);
  }

  /** The direct hypernyms and hyponyms of {@code synsetId}; empty when it has none. */
  Set<String> related(String synsetId) {
    return related.getOrDefault(synsetId, Set.of());
  }
}
