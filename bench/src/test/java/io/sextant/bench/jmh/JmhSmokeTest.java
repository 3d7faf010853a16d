package io.sextant.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every JMH benchmark class for real (one fork, one 100 ms warm-up and measurement
 * iteration, smallest parameters) so the suite cannot rot: each benchmark must produce a
 * positive score. The figures themselves mean nothing here.
 */
class JmhSmokeTest {

  private static Collection<RunResult> run(Class<?> benchmark, String... params) throws RunnerException {
    OptionsBuilder b = new OptionsBuilder();
    b.include("^" + benchmark.getName().replace(".", "\\.") + "\\.")
        .forks(1)
        .warmupIterations(1)
        .warmupTime(TimeValue.milliseconds(100))
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(100))
        .shouldFailOnError(true);
    for (int i = 0; i < params.length; i += 2) b.param(params[i], params[i + 1]);
    Options options = b.build();
    return new Runner(options).run();
  }

  @Test
  void kernelBenchmarkRunsEveryKernelForEveryImplementation() throws RunnerException {
    Collection<RunResult> results = run(KernelBenchmark.class, "dim", "128");
    // 5 kernels × 3 implementations
    assertThat(results).hasSize(15);
    for (RunResult r : results) {
      assertThat(r.getPrimaryResult().getScore()).as(label(r)).isPositive();
    }
    assertThat(results).extracting(r -> r.getParams().getParam("impl")).containsOnly("panama", "scalar", "lucene");
  }

  @Test
  void flatScanBenchmarkReportsBandwidthForScanAndBaselines() throws RunnerException {
    Collection<RunResult> results = run(FlatScanBenchmark.class, "mib", "4", "dim", "128");
    assertThat(results).hasSize(3);
    for (RunResult r : results) {
      assertThat(r.getPrimaryResult().getScore()).as(label(r)).isPositive();
      Result<?> gb = r.getSecondaryResults().get("gbPerSecond");
      assertThat(gb).as("gbPerSecond counter of " + label(r)).isNotNull();
      assertThat(gb.getScore()).as(label(r)).isPositive();
    }
    assertThat(results).extracting(r -> r.getParams().getBenchmark().replaceAll(".*\\.", ""))
        .containsExactlyInAnyOrderElementsOf(List.of("scan", "memoryReadVector", "memoryReadScalar"));
  }

  private static String label(RunResult r) {
    return r.getParams().getBenchmark() + " " + r.getParams();
  }
}
