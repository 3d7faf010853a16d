package io.sextant.core.text;

import java.text.Normalizer;

/**
 * Folds a lower-cased token to its unaccented form: canonical decomposition (NFD), then the
 * combining marks that follow a Latin letter are dropped ("élève" → "eleve", "naïve" → "naive"),
 * and the Latin letters that do not decompose are spelled out (œ → oe, æ → ae, ß → ss, ø → o,
 * ł → l, đ/ð → d, þ → th, ligatures ﬁ → fi, fullwidth forms → ASCII). Marks on other scripts
 * are kept (Cyrillic й stays й), which is what Lucene's ASCIIFoldingFilter does too.
 */
final class AccentFolding {
  private AccentFolding() {}

  static String fold(String token) {
    boolean ascii = true;
    for (int i = 0; i < token.length(); i++) {
      if (token.charAt(i) >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) return token;
    String d = Normalizer.normalize(token, Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder(d.length());
    boolean latinBase = false;
    boolean nonAscii = false;
    for (int i = 0; i < d.length(); ) {
      int cp = d.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.getType(cp) == Character.NON_SPACING_MARK) {
        if (!latinBase) {
          out.appendCodePoint(cp);
          nonAscii = true;
        }
        continue;
      }
      String spelled = spelledOut(cp);
      if (spelled != null) {
        out.append(spelled);
        latinBase = true;
        continue;
      }
      latinBase = cp < 0x80 || Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN;
      out.appendCodePoint(cp);
      nonAscii |= cp >= 0x80;
    }
    String folded = out.toString();
    return nonAscii ? Normalizer.normalize(folded, Normalizer.Form.NFC) : folded;
  }

  private static String spelledOut(int cp) {
    if (cp >= 0xFF01 && cp <= 0xFF5E) { // fullwidth ASCII
      return String.valueOf((char) Character.toLowerCase(cp - 0xFEE0));
    }
    return switch (cp) {
      case 'œ' -> "oe";
      case 'æ' -> "ae";
      case 'ß', 'ẞ' -> "ss";
      case 'ø' -> "o";
      case 'ł' -> "l";
      case 'đ', 'ð' -> "d";
      case 'þ' -> "th";
      case 'ı' -> "i";
      case 'ħ' -> "h";
      case 'ŧ' -> "t";
      case 'ŀ' -> "l";
      case 'ĸ' -> "q";
      case 'ŋ' -> "n";
      case 'ſ' -> "s";
      case 'ƒ' -> "f";
      case 'ĳ' -> "ij";
      case 'ﬀ' -> "ff";
      case 'ﬁ' -> "fi";
      case 'ﬂ' -> "fl";
      case 'ﬃ' -> "ffi";
      case 'ﬄ' -> "ffl";
      case 'ﬅ', 'ﬆ' -> "st";
      case '\u2018', '\u2019', '\u201B', '\u2032' -> "'";
      default -> null;
    };
  }
}
