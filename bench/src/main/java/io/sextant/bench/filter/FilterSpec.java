package io.sextant.bench.filter;

import java.util.Locale;

/**
 * One value of the harness's {@code filter} parameter:
 * <ul>
 *   <li>{@code 0.01}: a seeded <em>random</em> accept-set holding exactly {@code round(0.01·n)}
 *       ordinals, uniform over the base;</li>
 *   <li>{@code corr:0.01}: a <em>correlated</em> (cluster-aligned) accept-set of the same size,
 *       see {@link AcceptSets#correlated};</li>
 *   <li>anything else (e.g. {@code pos = "n"}): a filter expression over document attributes,
 *       which needs a dataset that has them.</li>
 * </ul>
 *
 * @param text        the value as given (trimmed); it is the {@code filter} entry of a result row
 * @param selectivity the requested fraction for {@link Kind#RANDOM} and {@link Kind#CORRELATED}, NaN for expressions
 */
public record FilterSpec(Kind kind, String text, double selectivity) {
  public enum Kind { RANDOM, CORRELATED, EXPRESSION }

  private static final String CORRELATED_PREFIX = "corr:";

  /** Parses one value; the message quotes the value and says what was expected. */
  public static FilterSpec parse(String value) {
    String v = value.trim();
    if (v.isEmpty()) throw new IllegalArgumentException("parameter filter: empty value");
    if (v.toLowerCase(Locale.ROOT).startsWith(CORRELATED_PREFIX)) {
      return new FilterSpec(Kind.CORRELATED, v, fraction(v, v.substring(CORRELATED_PREFIX.length()).trim()));
    }
    char c = v.charAt(0);
    if (Character.isDigit(c) || c == '.' || c == '-' || c == '+') {
      return new FilterSpec(Kind.RANDOM, v, fraction(v, v));
    }
    if (v.matches("[A-Za-z]+\\s*:.*")) {
      throw new IllegalArgumentException("parameter filter: '" + v + "' has an unknown prefix; expected a selectivity "
          + "(0.01), corr:<selectivity> (corr:0.01) or an expression (lang = \"fr\")");
    }
    return new FilterSpec(Kind.EXPRESSION, v, Double.NaN);
  }

  private static double fraction(String whole, String number) {
    double s;
    try {
      s = Double.parseDouble(number);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("parameter filter: '" + whole + "': '" + number
          + "' is not a number; expected a selectivity in (0, 1] such as 0.01 or corr:0.01");
    }
    if (!(s > 0 && s <= 1)) {
      throw new IllegalArgumentException("parameter filter: '" + whole + "': selectivity " + number
          + " is outside (0, 1]; it is the fraction of base vectors the filter accepts");
    }
    return s;
  }

  /** Accepted ordinals out of {@code n} for a selectivity filter: {@code round(s·n)}, at least one. */
  public int acceptedOf(int n) {
    if (kind == Kind.EXPRESSION) throw new IllegalStateException("an expression filter has no preset size");
    long m = Math.round(selectivity * n);
    if (m < 1) {
      throw new IllegalArgumentException("parameter filter: '" + text + "' accepts round(" + selectivity + " x " + n
          + ") = 0 of the " + n + " base vectors; use a selectivity of at least " + (0.5 / n));
    }
    return (int) m;
  }

  /** Text safe in a file name, e.g. {@code corr_0.01}. */
  String fileKey() {
    return text.replaceAll("[^A-Za-z0-9.]+", "_");
  }
}
