package io.sextant.core.text;

import java.util.function.BiConsumer;

/**
 * Splits text into words following the word-boundary rules of Unicode UAX #29 (the subset that
 * matters for word tokens), the way Lucene's StandardTokenizer does:
 * letters and digits join ("x86"), letters join across ' . : and similar ("don't", "u.s.a"),
 * digits join across , . ; ("3.14", "1,000"), '_' joins anything, Katakana runs stay together,
 * each Han ideograph and Hiragana character is a word of its own, Thai/Lao/Myanmar/Khmer runs
 * are one word each. Hyphens, slashes, spaces and other punctuation separate words. Combining
 * marks and format characters stay with the character before them.
 *
 * <p>Java's {@code BreakIterator} word instance was the other option; it keeps "e-mail" and
 * "co-op" whole, which StandardTokenizer (and so Lucene's BM25 numbers) does not.
 */
final class WordSegmenter {
  private WordSegmenter() {}

  private static final int OTHER = 0, ALETTER = 1, HEBREW = 2, NUMERIC = 3, KATAKANA = 4,
      EXTEND_NUM_LET = 5, MID_LETTER = 6, MID_NUM = 7, MID_NUM_LET = 8, SINGLE_QUOTE = 9,
      DOUBLE_QUOTE = 10, EXTEND = 11, IDEOGRAPHIC = 12, SOUTHEAST_ASIAN = 13;

  /** Calls {@code word.accept(start, end)} for each word, as char offsets into {@code text}. */
  static void segment(CharSequence text, BiConsumer<Integer, Integer> word) {
    int n = text.length();
    int i = 0;
    while (i < n) {
      int cp = Character.codePointAt(text, i);
      int cat = category(cp);
      int start = i;
      i += Character.charCount(cp);
      switch (cat) {
        case IDEOGRAPHIC -> {
          i = skipExtend(text, i);
          word.accept(start, i);
        }
        case SOUTHEAST_ASIAN -> {
          while (i < n) {
            int c = Character.codePointAt(text, i);
            int k = category(c);
            if (k != SOUTHEAST_ASIAN && k != EXTEND) break;
            i += Character.charCount(c);
          }
          word.accept(start, i);
        }
        case ALETTER, HEBREW, NUMERIC, KATAKANA, EXTEND_NUM_LET -> {
          boolean wordy = cat != EXTEND_NUM_LET;
          int last = cat;
          i = skipExtend(text, i);
          while (i < n) {
            int c = Character.codePointAt(text, i);
            int k = category(c);
            int next = i + Character.charCount(c);
            if (joins(last, k)) {
              last = k;
              wordy |= k != EXTEND_NUM_LET;
              i = skipExtend(text, next);
              continue;
            }
            // Mid punctuation joins only when the same kind of character follows it.
            if (isMid(k) && next < n) {
              int after = skipExtend(text, next);
              if (after < n) {
                int k2 = category(Character.codePointAt(text, after));
                if (midJoins(last, k, k2)) {
                  last = k2;
                  i = skipExtend(text, after + Character.charCount(Character.codePointAt(text, after)));
                  continue;
                }
              }
            }
            if (last == HEBREW && k == SINGLE_QUOTE) { // WB7a
              i = skipExtend(text, next);
            }
            break;
          }
          if (wordy) word.accept(start, i);
        }
        default -> { }
      }
    }
  }

  private static boolean isAHLetter(int k) {
    return k == ALETTER || k == HEBREW;
  }

  /** Direct joins: WB5, WB8, WB9, WB10, WB13, WB13a, WB13b. */
  private static boolean joins(int last, int k) {
    if (isAHLetter(last) && isAHLetter(k)) return true;
    if (last == NUMERIC && k == NUMERIC) return true;
    if (isAHLetter(last) && k == NUMERIC) return true;
    if (last == NUMERIC && isAHLetter(k)) return true;
    if (last == KATAKANA && k == KATAKANA) return true;
    if (k == EXTEND_NUM_LET && (isAHLetter(last) || last == NUMERIC || last == KATAKANA
        || last == EXTEND_NUM_LET)) {
      return true;
    }
    return last == EXTEND_NUM_LET && (isAHLetter(k) || k == NUMERIC || k == KATAKANA);
  }

  private static boolean isMid(int k) {
    return k == MID_LETTER || k == MID_NUM || k == MID_NUM_LET || k == SINGLE_QUOTE
        || k == DOUBLE_QUOTE;
  }

  /** WB6/7 (letters across MidLetter), WB7b/c (Hebrew across "), WB11/12 (digits across MidNum). */
  private static boolean midJoins(int last, int mid, int after) {
    if (isAHLetter(last) && isAHLetter(after)
        && (mid == MID_LETTER || mid == MID_NUM_LET || mid == SINGLE_QUOTE)) {
      return true;
    }
    if (last == HEBREW && after == HEBREW && mid == DOUBLE_QUOTE) return true;
    return last == NUMERIC && after == NUMERIC
        && (mid == MID_NUM || mid == MID_NUM_LET || mid == SINGLE_QUOTE);
  }

  private static int skipExtend(CharSequence text, int i) {
    while (i < text.length()) {
      int c = Character.codePointAt(text, i);
      if (category(c) != EXTEND) break;
      i += Character.charCount(c);
    }
    return i;
  }

  static int category(int cp) {
    if (cp < 0x80) {
      if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) return ALETTER;
      if (cp >= '0' && cp <= '9') return NUMERIC;
      return switch (cp) {
        case '_' -> EXTEND_NUM_LET;
        case '\'' -> SINGLE_QUOTE;
        case '"' -> DOUBLE_QUOTE;
        case '.' -> MID_NUM_LET;
        case ':' -> MID_LETTER;
        case ',', ';' -> MID_NUM;
        default -> OTHER;
      };
    }
    switch (cp) {
      case 0x00B7, 0x0387, 0x055F, 0x05F4, 0x2027, 0xFE13, 0xFE55, 0xFF1A -> { return MID_LETTER; }
      case 0x037E, 0x0589, 0x060C, 0x060D, 0x066C, 0x07F8, 0x2044, 0xFE10, 0xFE14, 0xFE50,
          0xFE54, 0xFF0C, 0xFF1B -> { return MID_NUM; }
      case 0x2018, 0x2019, 0x2024, 0xFE52, 0xFF07, 0xFF0E -> { return MID_NUM_LET; }
      case 0x200C, 0x200D -> { return EXTEND; }
      default -> { }
    }
    int type = Character.getType(cp);
    switch (type) {
      case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK,
          Character.FORMAT -> { return EXTEND; }
      case Character.CONNECTOR_PUNCTUATION -> { return EXTEND_NUM_LET; }
      case Character.DECIMAL_DIGIT_NUMBER -> { return NUMERIC; }
      default -> { }
    }
    Character.UnicodeScript script = Character.UnicodeScript.of(cp);
    switch (script) {
      case HAN, HIRAGANA -> { return IDEOGRAPHIC; }
      case KATAKANA -> { return KATAKANA; }
      case THAI, LAO, MYANMAR, KHMER, TAI_THAM, TAI_VIET, NEW_TAI_LUE -> { return SOUTHEAST_ASIAN; }
      case HEBREW -> { return Character.isLetter(cp) ? HEBREW : OTHER; }
      default -> { }
    }
    if (Character.isIdeographic(cp)) return IDEOGRAPHIC;
    return Character.isAlphabetic(cp) ? ALETTER : OTHER;
  }
}
