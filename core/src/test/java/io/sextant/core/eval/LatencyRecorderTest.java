package io.sextant.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

  @Test
  void percentilesOfKnownLatenciesAreWithinHdrPrecision() {
    LatencyRecorder r = new LatencyRecorder();
    for (int ms = 1; ms <= 100; ms++) r.recordNanos(ms * 1_000_000L);
    LatencyRecorder.Summary s = r.summary();
    assertThat(s.count()).isEqualTo(100);
    assertThat(s.p50Ms()).isCloseTo(50, offset(50 * 1e-3));
    assertThat(s.p95Ms()).isCloseTo(95, offset(95 * 1e-3));
    assertThat(s.p99Ms()).isCloseTo(99, offset(99 * 1e-3));
    assertThat(s.meanMs()).isCloseTo(50.5, offset(0.1));
    assertThat(s.maxMs()).isCloseTo(100, offset(0.1));
    assertThat(r.percentileMs(100)).isCloseTo(100, offset(0.1));
    r.reset();
    assertThat(r.summary().count()).isZero();
    assertThat(r.summary().p99Ms()).isZero();
  }

  @Test
  void recordsFromManyThreadsWithoutLosingAny() throws InterruptedException {
    LatencyRecorder r = new LatencyRecorder();
    List<Thread> ts = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int id = t;
      ts.add(Thread.ofPlatform().start(() -> {
        for (int i = 0; i < 25_000; i++) r.recordNanos(1_000 + id);
      }));
    }
    for (Thread t : ts) t.join();
    assertThat(r.count()).isEqualTo(100_000);
    assertThat(r.summary().p99Ms()).isCloseTo(0.001, offset(0.00001));
  }
}
