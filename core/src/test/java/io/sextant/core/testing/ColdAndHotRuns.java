package io.sextant.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs a probe's {@code main} in two child JVMs: one interpreted ({@code -Xint}: every Vector API
 * call takes its Java fallback, as the first calls of any JVM do) and one with only C2
 * ({@code -XX:-TieredCompilation -Xbatch}: the probe repeats its work until the kernels are
 * compiled with intrinsics before it prints). A probe prints one result per line; the two outputs
 * must match line for line. For Panama kernel tests of any module (the test classpath is passed on).
 */
public final class ColdAndHotRuns {
  private ColdAndHotRuns() {}

  /** Asserts that {@code probe} prints the same lines interpreted and compiled; returns the line count. */
  public static int assertSameOutput(Class<?> probe) throws IOException, InterruptedException {
    List<String> cold = run(probe, "-Xint", "1");
    List<String> hot = run(probe, "-XX:-TieredCompilation", "-Xbatch", "-XX:CompileThreshold=1000", "40");
    assertThat(cold).as("the probe printed results").hasSizeGreaterThan(10);
    assertThat(hot).as("same number of results compiled").hasSize(cold.size());
    List<String> differing = new ArrayList<>();
    for (int i = 0; i < cold.size(); i++) {
      if (!cold.get(i).equals(hot.get(i))) differing.add("interpreted " + cold.get(i) + " / compiled " + hot.get(i));
    }
    assertThat(differing).as("results that changed once the JIT compiled the kernels (of %d)", cold.size()).isEmpty();
    return cold.size();
  }

  private static List<String> run(Class<?> probe, String... jvmAndRounds) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"));
    cmd.addAll(List.of(jvmAndRounds).subList(0, jvmAndRounds.length - 1));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), probe.getName(), jvmAndRounds[jvmAndRounds.length - 1]));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("probe %s finished", String.join(" ", cmd)).isTrue();
    assertThat(p.exitValue()).as("probe exit status (%s); output:%n%s", String.join(" ", cmd), out).isZero();
    return out.lines().toList();
  }

  /** A probe's main: computes its results {@code args[0]} times (the compiled run needs the repeats) and prints the last. */
  public static void printAfterRounds(String[] args, Supplier<List<String>> results) {
    int rounds = Integer.parseInt(args[0]);
    List<String> lines = List.of();
    for (int r = 0; r < rounds; r++) lines = results.get();
    lines.forEach(System.out::println);
  }

  /** One result line: a label and the raw bits of each value in hex. */
  public static String line(String label, float... values) {
    StringBuilder sb = new StringBuilder(label);
    for (float f : values) sb.append(' ').append(Integer.toHexString(Float.floatToRawIntBits(f)));
    return sb.toString();
  }
}
