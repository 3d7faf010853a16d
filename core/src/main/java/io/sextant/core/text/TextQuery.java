package io.sextant.core.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bag-of-words query: its distinct analyzed terms, in order of first appearance, each with
 * how many times it appeared (a repeated term counts that many times, as Lucene's boolean
 * query of one SHOULD clause per token does). Immutable.
 */
public final class TextQuery {
  private final List<String> terms;
  private final int[] counts;

  private TextQuery(List<String> terms, int[] counts) {
    this.terms = terms;
    this.counts = counts;
  }

  /** The query {@code text} analyzed with {@code analyzer} (use the one the index was built with). */
  public static TextQuery of(TextAnalyzer analyzer, CharSequence text) {
    return ofTerms(analyzer.analyze(text));
  }

  /** A query from analyzed terms. */
  public static TextQuery ofTerms(List<String> analyzedTerms) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (String t : analyzedTerms) m.merge(t, 1, Integer::sum);
    int[] counts = new int[m.size()];
    int i = 0;
    for (int c : m.values()) counts[i++] = c;
    return new TextQuery(List.copyOf(new ArrayList<>(m.keySet())), counts);
  }

  public List<String> terms() {
    return terms;
  }

  public int size() {
    return terms.size();
  }

  public boolean isEmpty() {
    return terms.isEmpty();
  }

  /** How many times term {@code i} appeared in the query. */
  public int count(int i) {
    return counts[i];
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("TextQuery[");
    for (int i = 0; i < terms.size(); i++) {
      if (i > 0) sb.append(' ');
      sb.append(terms.get(i));
      if (counts[i] > 1) sb.append('^').append(counts[i]);
    }
    return sb.append(']').toString();
  }
}
