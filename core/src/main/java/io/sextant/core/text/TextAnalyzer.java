package io.sextant.core.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns text into index terms: UAX #29 word segmentation ({@link WordSegmenter}), lower-casing
 * code point by code point (locale-independent, like Lucene's LowerCaseFilter), accent folding
 * ({@link AccentFolding}: "Élève" → "eleve"), optionally French elision ("l'élève" → "eleve")
 * and stop words. Immutable and thread-safe.
 *
 * <p>{@link #standard()} is the analyzer whose terms match Lucene's StandardTokenizer +
 * LowerCaseFilter + ASCIIFoldingFilter on Latin-script text, which is what BM25 agreement with
 * Lucene is measured with.
 */
public final class TextAnalyzer {
  private static final TextAnalyzer STANDARD = builder().build();

  /** Prefixes that French elides before a vowel: l'arbre, d'eau, qu'il, jusqu'ici. */
  private static final String[] ELISIONS = {"l", "d", "j", "m", "n", "s", "t", "c", "qu",
      "jusqu", "lorsqu", "puisqu", "quoiqu"};

  private final boolean foldAccents;
  private final boolean elision;
  private final StopWords stopWords;

  private TextAnalyzer(Builder b) {
    this.foldAccents = b.foldAccents;
    this.elision = b.elision;
    this.stopWords = b.stopWords;
  }

  /** Segmentation, lower-casing and accent folding; no stop words, no elision. */
  public static TextAnalyzer standard() {
    return STANDARD;
  }

  /** {@link #standard()} plus English stop words. */
  public static TextAnalyzer english() {
    return builder().stopWords(StopWords.ENGLISH).build();
  }

  /** {@link #standard()} plus French elision and stop words. */
  public static TextAnalyzer french() {
    return builder().elision(true).stopWords(StopWords.FRENCH).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The terms of {@code text}, in order, repeats kept. */
  public List<String> analyze(CharSequence text) {
    List<String> out = new ArrayList<>();
    WordSegmenter.segment(text, (start, end) -> {
      String t = term(text, start, end);
      if (t != null) out.add(t);
    });
    return out;
  }

  private String term(CharSequence text, int start, int end) {
    StringBuilder sb = new StringBuilder(end - start);
    for (int i = start; i < end; ) {
      int cp = Character.codePointAt(text, i);
      sb.appendCodePoint(Character.toLowerCase(cp));
      i += Character.charCount(cp);
    }
    String t = sb.toString();
    if (foldAccents) t = AccentFolding.fold(t);
    if (elision) t = elide(t);
    if (t.isEmpty() || stopWords.contains(t)) return null;
    return t;
  }

  private static String elide(String t) {
    int q = t.indexOf('\'');
    if (q <= 0 || q == t.length() - 1) return t;
    for (String p : ELISIONS) {
      if (p.length() == q && t.startsWith(p)) return t.substring(q + 1);
    }
    return t;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TextAnalyzer a && a.foldAccents == foldAccents && a.elision == elision
        && a.stopWords.equals(stopWords);
  }

  @Override
  public int hashCode() {
    return Objects.hash(foldAccents, elision, stopWords);
  }

  public static final class Builder {
    private boolean foldAccents = true;
    private boolean elision;
    private StopWords stopWords = StopWords.NONE;

    private Builder() {}

    /** Fold accents and non-decomposable Latin letters (default true). */
    public Builder foldAccents(boolean fold) {
      this.foldAccents = fold;
      return this;
    }

    /** Strip French elided articles and pronouns: l', d', qu', … (default false). */
    public Builder elision(boolean elide) {
      this.elision = elide;
      return this;
    }

    public Builder stopWords(StopWords words) {
      this.stopWords = Objects.requireNonNull(words, "stopWords");
      return this;
    }

    public TextAnalyzer build() {
      return new TextAnalyzer(this);
    }
  }
}
