package io.sextant.bench.ir;

import io.sextant.bench.data.Synset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The two query sets over the WordNet definitions collection ("words: definition" per synset,
 * see {@link WordNetDefinitionCorpus}), drawn from one seeded shuffle of the synsets:
 *
 * <ul>
 *   <li>{@link #EXAMPLES}: the query is a synset's first example sentence (removed from every
 *       document); relevant: the synset itself and its direct hypernyms and hyponyms. Synsets
 *       without an example are skipped. This is the collection of acceptance 1.
 *   <li>{@link #GLOSSES}: the query is a synset's definition (its gloss without the quoted
 *       examples and without its lemma words: the concept described, not named); relevant: its
 *       direct hypernyms and hyponyms. The synset's own document holds that very definition, so
 *       it is <em>removed from the collection for that query</em> (a filter
 *       {@code synset != id} on both sides), as a held-out query would be. Not merely left
 *       out of the judgements: kept in the collection it would rank first on both sides for
 *       every query, take a top-10 slot from every mode and anchor the score normalisation of
 *       the fusions: a quirk of the set-up, not a retrieval problem. (Its term statistics still
 *       count in BM25, as a deleted document's do in Lucene: 1 of 117,659.) Synsets without
 *       a hypernym or hyponym (most adjectives and adverbs) are skipped.
 * </ul>
 */
enum DefinitionQuerySet {
  EXAMPLES,
  GLOSSES;

  /** One query: its text, its own synset's document ordinal, the relevant ordinals. */
  record JudgedQuery(String text, int own, Set<Integer> relevant, boolean excludeOwn) {}

  static DefinitionQuerySet parse(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "examples", "example" -> EXAMPLES;
      case "glosses", "gloss" -> GLOSSES;
      default -> throw new IllegalArgumentException("query set must be examples or glosses, got '" + name + "'");
    };
  }

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The first {@code n} queries of the synsets shuffled with {@code seed} (synset i is document
   * i of the corpus). The first {@code test} of them are the test split in callers, the rest dev.
   */
  List<JudgedQuery> draw(List<Synset> synsets, Map<String, Integer> ordOf, WordNetRelations relations, long seed, int n) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < synsets.size(); i++) order.add(i);
    Collections.shuffle(order, new Random(seed));
    List<JudgedQuery> out = new ArrayList<>(n);
    for (int i : order) {
      if (out.size() == n) break;
      Synset s = synsets.get(i);
      Set<Integer> rel = new HashSet<>();
      for (String id : relations.related(s.id())) {
        Integer ord = ordOf.get(id);
        if (ord != null && ord != i) rel.add(ord);
      }
      if (this == EXAMPLES) {
        List<String> ex = WordNetQueries.examples(s.gloss());
        if (ex.isEmpty()) continue;
        rel.add(i);
        out.add(new JudgedQuery(ex.getFirst(), i, Set.copyOf(rel), false));
      } else {
        String def = WordNetDefinitionCorpus.definition(s.gloss());
        if (rel.isEmpty() || def.isBlank()) continue;
        out.add(new JudgedQuery(def, i, Set.copyOf(rel), true));
      }
    }
    if (out.size() < n) {
      throw new IllegalArgumentException(label() + ": only " + out.size() + " synsets qualify as queries, " + n + " asked");
    }
    return out;
  }
}
