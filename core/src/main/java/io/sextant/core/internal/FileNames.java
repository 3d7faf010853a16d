package io.sextant.core.internal;

/**
 * The fixed-width numbers in file names ({@code manifest-00000000000000000007}). Hand-written
 * rather than {@code String.format} and streams: they run on every open, and in a fresh JVM the
 * formatter alone loads locale data and regular expressions (some 60 classes).
 */
public final class FileNames {
  /** Digits of a number in a file name: enough for any non-negative long. */
  public static final int WIDTH = 20;

  private FileNames() {}

  /** {@code n} (non-negative) in {@value #WIDTH} decimal digits, zero-padded. */
  public static String digits(long n) {
    if (n < 0) throw new IllegalArgumentException("file name number must be non-negative, got " + n);
    String s = Long.toString(n);
    StringBuilder sb = new StringBuilder(WIDTH);
    for (int i = s.length(); i < WIDTH; i++) sb.append('0');
    return sb.append(s).toString();
  }

  /** Whether {@code s} is non-empty and only ASCII digits. */
  public static boolean isDigits(String s) {
    if (s.isEmpty()) return false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') return false;
    }
    return true;
  }
}
