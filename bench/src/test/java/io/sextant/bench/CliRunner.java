package io.sextant.bench;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs {@link Main} in-process and captures what it printed. */
public record CliRunner(int exitCode, String out, String err) {

  public static CliRunner run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new CliRunner(code, out.toString(), err.toString());
  }
}
