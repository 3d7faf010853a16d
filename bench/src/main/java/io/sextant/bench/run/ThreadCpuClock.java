package io.sextant.bench.run;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.LongSupplier;

/**
 * CPU time of the calling thread, in nanoseconds, as a clock for {@code --clock cpu}. On a machine
 * shared with other jobs a query thread is descheduled for milliseconds at a time, and wall-clock
 * QPS then measures the scheduler more than the engine; the thread's own CPU time does not move
 * while it waits. What it still includes: caches and memory bandwidth shared with the other jobs,
 * and the cost of reading the clock (one {@code clock_gettime(CLOCK_THREAD_CPUTIME_ID)}, well under
 * a microsecond, twice per query, the same for every engine).
 */
public final class ThreadCpuClock {
  private ThreadCpuClock() {}

  /** The clock; fails when this JVM cannot measure thread CPU time. */
  public static LongSupplier create() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    if (!threads.isCurrentThreadCpuTimeSupported()) {
      throw new IllegalStateException("--clock cpu: this JVM cannot measure thread CPU time");
    }
    if (!threads.isThreadCpuTimeEnabled()) threads.setThreadCpuTimeEnabled(true);
    return threads::getCurrentThreadCpuTime;
  }
}
