package io.sextant.hnsw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sextant.core.vector.Kernels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Panama batch kernels must compile at C1's profiling tier. When C1 gives up on a kernel
 * ("out of virtual registers") after the kernel was compiled at tier 2 (what the JIT picks while
 * C2 is busy), the kernel never reaches C2 and runs the Vector API's Java fallback for the rest of
 * the JVM's life: that made HNSW through a Collection 30 to 50 times slower than the same graph in
 * memory. This runs {@link KernelCompileProbe} in a child JVM (compiling in the foreground), after masked Vector API
 * paths are resolved, and checks the JIT's log for a kernel it skipped.
 */
class BatchKernelCompileTest {

  @Test
  void everyPanamaKernelCompilesAtTheProfilingTier() throws IOException, InterruptedException {
    assumeTrue(Kernels.get().name().equals("panama"), "Panama kernels not in use on this JVM");
    String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector",
        "--enable-native-access=ALL-UNNAMED", "-Xbatch", "-XX:+PrintCompilation",
        "-cp", System.getProperty("java.class.path"), KernelCompileProbe.class.getName(), "3000"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("probe finished").isTrue();
    assertThat(p.exitValue()).as("probe exit status; output:\n" + tail(log)).isZero();
    List<String> kernelLines = log.lines().filter(l -> l.contains("io.sextant.hnsw.Panama")).toList();
    assertThat(kernelLines).as("the JIT log names the kernels (else this test checks nothing)")
        .anyMatch(l -> l.contains("PanamaSegmentKernel::l28")).anyMatch(l -> l.contains("PanamaArrayKernel::cos8"));
    if (jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length() == 16) {
      assertThat(kernelLines).as("16 float lanes: the 16-wide kernels are exercised too")
          .anyMatch(l -> l.contains("PanamaSegmentKernel::l216")).anyMatch(l -> l.contains("PanamaArrayKernel::dot16"))
          .anyMatch(l -> l.contains("PanamaSegmentKernel::cos16"));
    }
    assertThat(kernelLines).as("kernel compilations C1 skipped").noneMatch(l -> l.contains("COMPILE SKIPPED"));
  }

  private static String tail(String log) {
    return log.length() <= 4000 ? log : log.substring(log.length() - 4000);
  }
}
