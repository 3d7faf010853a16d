package io.sextant.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** The CPU clock stands still while the thread sleeps and runs while it computes. */
class ThreadCpuClockTest {

  @Test
  void ignoresSleepAndCountsWork() throws Exception {
    LongSupplier cpu = ThreadCpuClock.create();
    long c0 = cpu.getAsLong();
    long w0 = System.nanoTime();
    Thread.sleep(200);
    long sleptCpu = cpu.getAsLong() - c0;
    assertThat(System.nanoTime() - w0).isGreaterThanOrEqualTo(200_000_000L);
    assertThat(sleptCpu).isLessThan(50_000_000L);

    long c1 = cpu.getAsLong();
    long w1 = System.nanoTime();
    double x = 0;
    while (System.nanoTime() - w1 < 100_000_000L) x += Math.sqrt(x + 1);
    long busyCpu = cpu.getAsLong() - c1;
    assertThat(x).isPositive();
    // Busy for 100 ms of wall time: on a loaded machine the thread may get less than all of it.
    assertThat(busyCpu).isGreaterThan(5_000_000L).isLessThanOrEqualTo(System.nanoTime() - w1 + 1_000_000L);
  }
}
