package io.sextant.bench.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code sextant-bench jmh [JMH options]}: the JMH suite of this module with JMH's own command
 * line ({@code -h} lists it). {@code Main} hands the arguments over before picocli parses them;
 * this class exists so the command shows in {@code --help}.
 */
@Command(name = "jmh", description = {
    "Runs the JMH benchmarks of this module (JMH's own command line), e.g.",
    "  sextant-bench jmh -f 1 -wi 2 -i 3 KernelBenchmark -p dim=768",
    "  sextant-bench jmh -l        (list benchmarks)",
    "  sextant-bench jmh -h        (JMH's options)"})
public final class JmhCommand implements java.util.concurrent.Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "JMH_ARGS", description = "passed to org.openjdk.jmh.Main") String[] args = {};

  @Override public Integer call() throws Exception {
    return runJmh(args, spec.commandLine().getErr());
  }

  /** Runs JMH in this JVM (it forks its own benchmark JVMs); returns 0 when JMH returns normally. */
  public static int runJmh(String[] args, PrintWriter err) {
    try {
      org.openjdk.jmh.Main.main(args);
      return 0;
    } catch (Exception e) {
      err.println("sextant-bench jmh failed: " + e);
      return 1;
    }
  }
}
