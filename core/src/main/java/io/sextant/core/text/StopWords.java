package io.sextant.core.text;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A set of words an analyzer drops. Words are compared after lower-casing and accent folding,
 * so the French list holds "a" for "à" and "etre" for "être".
 */
public final class StopWords {
  /** The short English list that Lucene's English analyzer uses by default (33 words). */
  public static final StopWords ENGLISH = of(List.of(
      "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is",
      "it", "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there",
      "these", "they", "this", "to", "was", "will", "with"));

  /** Common French function words: articles, pronouns, prepositions, forms of être/avoir. */
  public static final StopWords FRENCH = of(List.of(
      "au", "aux", "avec", "ce", "ces", "dans", "de", "des", "du", "elle", "en", "et", "eux",
      "il", "ils", "je", "la", "le", "les", "leur", "lui", "ma", "mais", "me", "meme", "mes",
      "moi", "mon", "ne", "nos", "notre", "nous", "on", "ou", "par", "pas", "pour", "qu", "que",
      "qui", "sa", "se", "ses", "son", "sur", "ta", "te", "tes", "toi", "ton", "tu", "un",
      "une", "vos", "votre", "vous", "c", "d", "j", "l", "a", "m", "n", "s", "t", "y", "ete",
      "etre", "est", "sont", "suis", "es", "etes", "sommes", "ai", "as", "avons", "avez", "ont",
      "avait", "etait", "cette", "cet", "ci", "la", "ni", "si", "sans", "sous"));

  /** No stop words. */
  public static final StopWords NONE = of(List.of());

  private final Set<String> words;

  private StopWords(Set<String> words) {
    this.words = words;
  }

  /** A set from the given words, folded the way tokens are. */
  public static StopWords of(Collection<String> words) {
    Set<String> folded = new HashSet<>();
    for (String w : words) folded.add(AccentFolding.fold(w.toLowerCase(java.util.Locale.ROOT)));
    return new StopWords(Set.copyOf(folded));
  }

  /** The union of several sets. */
  public static StopWords union(StopWords... sets) {
    Set<String> all = new HashSet<>();
    for (StopWords s : sets) all.addAll(s.words);
    return new StopWords(Set.copyOf(all));
  }

  public boolean contains(String foldedToken) {
    return words.contains(foldedToken);
  }

  public Set<String> words() {
    return words;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StopWords s && s.words.equals(words);
  }

  @Override
  public int hashCode() {
    return words.hashCode();
  }
}
