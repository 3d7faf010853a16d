package io.sextant.bench.run;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Retained heap, measured the portable way: request full collections until the used heap
 * ({@link MemoryMXBean#getHeapMemoryUsage()}) stops shrinking, then read it. The harness reads it
 * once before a build and once after (with the built index still reachable); the difference is
 * {@code heap_bytes}: the heap the index holds beyond the dataset the harness already has loaded.
 * Off-heap memory (mmapped files, native buffers) is not counted; {@code index_bytes} covers it.
 * {@code System.gc()} is a request, so the figure is approximate (within a few MB on G1 and
 * Parallel; meaningless with {@code -XX:+DisableExplicitGC} or Epsilon).
 */
public final class HeapMeter {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
  private static final long STABLE_BYTES = 256 * 1024;

  private HeapMeter() {}

  /** Used heap after collections settle. */
  public static long retainedHeap() {
    long last = Long.MAX_VALUE;
    long used = usedAfterGc();
    for (int i = 0; i < 8 && last - used > STABLE_BYTES; i++) {
      last = used;
      used = usedAfterGc();
    }
    return used;
  }

  private static long usedAfterGc() {
    System.gc();
    return MEMORY.getHeapMemoryUsage().getUsed();
  }
}
