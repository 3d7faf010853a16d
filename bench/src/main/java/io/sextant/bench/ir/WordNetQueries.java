package io.sextant.bench.ir;

import io.sextant.bench.data.Synset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Pieces of WordNet glosses: the definition and the quoted example sentences. */
final class WordNetQueries {
  private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");

  private WordNetQueries() {}

  /** The definition: the gloss up to its first example or ';'. */
  static String definition(Synset s) {
    String g = s.gloss();
    int cut = g.length();
    int q = g.indexOf('"');
    if (q >= 0) cut = q;
    int semi = g.indexOf(';');
    if (semi >= 0 && semi < cut) cut = semi;
    return g.substring(0, cut).strip();
  }

  /** The example sentences, without their quotes. */
  static List<String> examples(Synset s) {
    return examples(s.gloss());
  }

  /** The quoted example sentences of a gloss (or of a "words: gloss" text), without quotes. */
  static List<String> examples(String gloss) {
    List<String> out = new ArrayList<>();
    Matcher m = QUOTED.matcher(gloss);
    while (m.find()) {
      String e = m.group(1).strip();
      if (!e.isEmpty()) out.add(e);
    }
    return out;
  }

  /**
   * {@code n} query texts from a seeded sample of synsets: each one's first example sentence,
   * or its definition when it has none.
   */
  static List<String> sample(List<Synset> synsets, int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<String> out = new ArrayList<>(n);
    java.util.Set<Integer> used = new java.util.HashSet<>();
    while (out.size() < n && used.size() < synsets.size()) {
      int i = rnd.nextInt(synsets.size());
      if (!used.add(i)) continue;
      Synset s = synsets.get(i);
      List<String> ex = examples(s);
      String q = ex.isEmpty() ? definition(s) : ex.getFirst();
      if (!q.isBlank()) out.add(q);
    }
    return out;
  }
}
