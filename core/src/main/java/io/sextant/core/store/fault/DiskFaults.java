package io.sextant.core.store.fault;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Simulated disk-full for tests: every byte the storage layer hands to the file system first
 * passes through {@link #reserve(long)}. Production code never sets a budget, so the cost is one
 * atomic read per buffer flush. Not exported from the module.
 */
public final class DiskFaults {
  private static final AtomicLong BUDGET = new AtomicLong(Long.MAX_VALUE);

  private DiskFaults() {}

  /** Makes writes fail once {@code bytes} more bytes have been written (Long.MAX_VALUE: never). */
  public static void limitWrites(long bytes) {
    BUDGET.set(bytes);
  }

  /** Removes any limit. */
  public static void reset() {
    BUDGET.set(Long.MAX_VALUE);
  }

  /** Throws like a full disk would when the budget cannot cover {@code bytes}. */
  public static void reserve(long bytes) throws IOException {
    if (BUDGET.get() == Long.MAX_VALUE) return;
    long left = BUDGET.addAndGet(-bytes);
    if (left < 0) {
      BUDGET.set(0);
      throw new IOException("No space left on device (simulated by DiskFaults)");
    }
  }
}
