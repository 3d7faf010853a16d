package io.sextant.bench.cli;

import io.sextant.bench.run.ResultRow;
import io.sextant.bench.run.SummaryTable;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code run --engine a,b,c}: runs each engine in its own fresh child JVM, one after the other, with
 * the same JVM flags (heap included), class path and command line except {@code --engine}. Engines
 * never share a heap, JIT profile or core: a JVector build cannot leave garbage or compiled code that
 * the next engine pays for, and sequential runs keep them from competing for the CPU. The children's
 * JSON rows are streamed to stdout in engine order as they arrive; their stderr (progress) is
 * forwarded with an {@code [engine]} prefix; one summary table over all engines ends the run.
 */
final class MultiEngineRun {
  private static final String MAIN = "io.sextant.bench.Main";

  private MultiEngineRun() {}

  /** The engines of a comma list, trimmed; rejects empty entries and repeats. */
  static List<String> engines(String list) {
    List<String> names = new ArrayList<>();
    for (String part : list.split(",", -1)) {
      String name = part.trim();
      if (name.isEmpty()) throw new IllegalArgumentException("--engine " + list + ": empty engine name in the list");
      if (names.contains(name)) throw new IllegalArgumentException("--engine " + list + ": " + name + " given twice");
      names.add(name);
    }
    return names;
  }

  /**
   * The command line of a child: {@code runArgs} (everything after {@code run}) with the value of
   * {@code --engine} replaced by {@code engine}. Options the parent does not know (added later)
   * pass through unchanged.
   */
  static List<String> childArgs(List<String> runArgs, String engine) {
    List<String> args = new ArrayList<>();
    args.add("run");
    for (int i = 0; i < runArgs.size(); i++) {
      String a = runArgs.get(i);
      if (a.equals("--engine")) {
        args.add(a);
        args.add(engine);
        i++; // skip the list
      } else if (a.startsWith("--engine=")) {
        args.add("--engine=" + engine);
      } else {
        args.add(a);
      }
    }
    return args;
  }

  /** The java command that starts a child like this JVM: same binary, flags and class path. */
  static List<String> javaCommand() {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      // A debugger agent would make the child wait on the same port; nothing else is dropped.
      if (!flag.startsWith("-agentlib:jdwp")) cmd.add(flag);
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(MAIN);
    return cmd;
  }

  /**
   * Runs the engines in turn. Returns 0, or the exit code of the first child that failed (the
   * remaining engines are not run: a comparison with a hole in it is not one).
   */
  static int run(List<String> engines, List<String> runArgs, PrintWriter out, PrintWriter err)
      throws IOException, InterruptedException {
    List<ResultRow> all = new ArrayList<>();
    for (String engine : engines) {
      List<String> cmd = javaCommand();
      cmd.addAll(childArgs(runArgs, engine));
      err.printf(Locale.ROOT, "[%s] child JVM: %s%n", engine, String.join(" ", childArgs(runArgs, engine)));
      err.flush();
      Process p = new ProcessBuilder(cmd).start();
      // A parent stopped by a signal takes its running child with it instead of leaving it orphaned.
      Thread reaper = new Thread(p::destroy, "destroy-" + engine);
      Runtime.getRuntime().addShutdownHook(reaper);
      p.getOutputStream().close();
      Thread progress = Thread.ofPlatform().name("stderr-" + engine).start(() -> forward(p, engine, err));
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        int lineNo = 0;
        for (String line; (line = r.readLine()) != null; ) {
          lineNo++;
          if (line.isBlank()) continue;
          // Each row is checked against the contract before it is passed on.
          ResultRow row = ResultRow.parse(line, engine + " child stdout:" + lineNo);
          synchronized (out) {
            out.println(line);
            out.flush();
          }
          all.add(row);
        }
      } catch (RuntimeException | IOException e) {
        p.destroyForcibly();
        throw e;
      }
      int code = p.waitFor();
      progress.join();
      Runtime.getRuntime().removeShutdownHook(reaper);
      if (code != 0) {
        err.printf(Locale.ROOT, "sextant-bench run: engine %s failed (child JVM exit code %d); engines after it were "
            + "not run%n", engine, code);
        err.flush();
        return code;
      }
    }
    SummaryTable.print(all, err);
    return 0;
  }

  private static void forward(Process p, String engine, PrintWriter err) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        synchronized (err) {
          err.println("[" + engine + "] " + line);
          err.flush();
        }
      }
    } catch (IOException e) {
      synchronized (err) {
        err.println("[" + engine + "] (stderr lost: " + e + ")");
      }
    }
  }
}
