package io.sextant.core.vector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link Kernels} chooses once per JVM, so each choice is observed in a child JVM running
 * {@link KernelProbe}, which also re-checks accuracy with the kernels it got.
 */
class KernelSelectionTest {

  @Test
  void panamaWithTheIncubatorModule() throws Exception {
    String out = probe(true);
    assertThat(out).contains("kernels=panama", "accuracy=ok");
  }

  @Test
  void simdFalseForcesScalar() throws Exception {
    String out = probe(true, "-Dsextant.simd=false");
    assertThat(out).contains("kernels=scalar", "accuracy=ok");
  }

  @Test
  void scalarWithoutTheIncubatorModule() throws Exception {
    String out = probe(false);
    assertThat(out).contains("kernels=scalar", "accuracy=ok");
  }

  @Test
  void fmaCanBeSwitchedOffAndOnAndStaysAccurate() throws Exception {
    assertThat(probe(true, "-Dsextant.fma=false")).contains("kernels=panama fma=false", "mul+add", "accuracy=ok");
    assertThat(probe(true, "-Dsextant.fma=true")).contains("kernels=panama fma=true", "accuracy=ok");
  }

  @Test
  void fmaRule() {
    Optional<String> none = Optional.empty();
    // VM says no FMA: never (the Vector API would emulate it lane by lane)
    assertThat(FmaPolicy.decide(Optional.of("false"), Optional.of("false"), Optional.of("3"), true)).isFalse();
    // Intel (no AMD marker): yes
    assertThat(FmaPolicy.decide(Optional.of("true"), Optional.of("false"), Optional.of("2"), true)).isTrue();
    // AMD Zen 1-3 (AVX2 only): no; Zen 4+ (AVX-512): yes
    assertThat(FmaPolicy.decide(Optional.of("true"), Optional.of("true"), Optional.of("2"), true)).isFalse();
    assertThat(FmaPolicy.decide(Optional.of("true"), Optional.of("true"), Optional.of("3"), true)).isTrue();
    // AArch64, or flags unreadable: yes
    assertThat(FmaPolicy.decide(Optional.of("true"), none, none, false)).isTrue();
    assertThat(FmaPolicy.decide(none, none, none, true)).isTrue();
  }

  private static String probe(boolean vectorModule, String... props) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (vectorModule) cmd.addAll(List.of("--add-modules", "jdk.incubator.vector"));
    cmd.addAll(List.of(props));
    cmd.add("-cp");
    cmd.add(location(Kernels.class) + File.pathSeparator + location(KernelProbe.class));
    cmd.add(KernelProbe.class.getName());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] bytes = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("probe finished").isTrue();
    String out = new String(bytes, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("probe exit status; output:%n%s", out).isZero();
    return out;
  }

  private static String location(Class<?> c) {
    try {
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
