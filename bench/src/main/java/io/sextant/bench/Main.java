package io.sextant.bench;

/** Entry point of bin/sextant-bench (placeholder until the CLI lands). */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.err.println("sextant-bench: not implemented yet");
    System.exit(2);
  }
}
