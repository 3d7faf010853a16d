package io.sextant.bench.data;

import java.util.List;

/**
 * One WordNet synset: a set of synonyms with a gloss.
 *
 * @param id       part-of-speech letter and 8-digit byte offset, e.g. {@code n02084071}; unique
 *                 across the four data files ({@code n}, {@code v}, {@code a}, {@code s} for
 *                 adjective satellites, {@code r})
 * @param words    the synonyms, underscores replaced by spaces and adjective markers such as
 *                 {@code (a)} removed
 * @param gloss    the definition followed by any quoted examples, as WordNet writes it
 * @param pointers relations to other synsets ({@code @} hypernym, {@code ~} hyponym, {@code !}
 *                 antonym, ...): relevance judgements for text search evaluation
 */
public record Synset(String id, List<String> words, String gloss, List<Pointer> pointers) {
  /** A relation to another synset; {@code target} is a synset id like {@link Synset#id()}. */
  public record Pointer(String symbol, String target) {}

  /** The text that is embedded and indexed: {@code "word, other word: gloss"}. */
  public String text() {
    return String.join(", ", words) + ": " + gloss;
  }
}
