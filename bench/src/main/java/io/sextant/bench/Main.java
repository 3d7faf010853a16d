package io.sextant.bench;

import io.sextant.bench.cli.DatasetsCommand;
import io.sextant.bench.cli.JmhCommand;
import io.sextant.bench.cli.OpenProbeCommand;
import io.sextant.bench.cli.ReportCommand;
import io.sextant.bench.cli.RunCommand;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code bin/sextant-bench}. Results go to stdout (JSON lines for {@code run},
 * markdown for {@code report}); progress, tables meant for people and errors go to stderr.
 * Exit codes: 0 success, 1 failure while running, 2 bad command line or bad input.
 */
@Command(name = "sextant-bench", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Benchmarks Sextant's indexes side by side with Lucene and JVector on real and synthetic datasets.",
    subcommands = {RunCommand.class, DatasetsCommand.class, ReportCommand.class, JmhCommand.class, OpenProbeCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  /** Exit code for a bad command line or bad input (picocli's own usage-error code). */
  public static final int EXIT_USAGE = 2;
  public static final int EXIT_FAILURE = 1;

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int code = execute(args, out, err);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs one command line with the given streams and returns the exit code (never calls System.exit). */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    if (args.length > 0 && args[0].equals("jmh")) {
      // JMH's command line is passed through untouched, so picocli must not parse its options.
      return JmhCommand.runJmh(Arrays.copyOfRange(args, 1, args.length), err);
    }
    CommandLine cmd = new CommandLine(new Main());
    cmd.addSubcommand("ir", new io.sextant.bench.cli.IrCommand()); // hybrid search evaluation through a Collection
    cmd.getSubcommands().get("run").getCommandSpec().usageMessage().footer(RunCommand.parameterHelp());
    cmd.setUsageHelpWidth(110);
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (isBadInput(e)) {
        // Bad input (unknown engine, malformed or missing file, ...): the message says what and where.
        String what = e instanceof java.nio.file.NoSuchFileException ? "no such file or folder: " + e.getMessage() : e.getMessage();
        commandLine.getErr().println("sextant-bench " + commandLine.getCommandName() + ": " + what);
        return EXIT_USAGE;
      }
      commandLine.getErr().println("sextant-bench " + commandLine.getCommandName() + " failed: " + e);
      e.printStackTrace(commandLine.getErr());
      return EXIT_FAILURE;
    });
    int code = cmd.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  private static boolean isBadInput(Exception e) {
    return e instanceof IllegalArgumentException || e instanceof io.sextant.core.data.DatasetFormatException
        || e instanceof java.nio.file.NoSuchFileException;
  }

  @Override public void run() {
    // No subcommand: picocli prints this message and the usage.
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command (run, datasets, report, jmh, open-probe)");
  }

  /** Version from the jar manifest when packaged, else "dev". */
  static final class Version implements CommandLine.IVersionProvider {
    @Override public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"sextant-bench " + (v == null ? "dev" : v) + " (Java " + Runtime.version() + ")"};
    }
  }
}
