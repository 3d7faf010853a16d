package io.sextant.ivf;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a loop over {@code [0, count)} in fixed-size chunks on a small pool of platform threads.
 * Chunk boundaries depend only on {@code count} and the chunk size, never on the thread count, so
 * a body that writes each index's result to its own slot gives the same output with 1 or 64
 * threads; reductions are then done by the caller in index order.
 */
final class ParallelChunks implements AutoCloseable {

  /** Work on {@code [from, to)}. */
  @FunctionalInterface
  interface RangeBody {
    void run(int from, int to);
  }

  private final int threads;
  private final ExecutorService pool;

  ParallelChunks(int threads) {
    if (threads <= 0) throw new IllegalArgumentException("threads must be positive, got " + threads);
    this.threads = threads;
    this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
      Thread t = new Thread(r, "sextant-ivf-worker");
      t.setDaemon(true);
      return t;
    });
  }

  int threads() {
    return threads;
  }

  void forEach(int count, int chunk, RangeBody body) {
    if (count <= 0) return;
    int chunks = (count + chunk - 1) / chunk;
    if (pool == null || chunks == 1) {
      body.run(0, count);
      return;
    }
    AtomicInteger next = new AtomicInteger();
    Runnable worker = () -> {
      for (int c; (c = next.getAndIncrement()) < chunks; ) {
        int from = c * chunk;
        body.run(from, Math.min(count, from + chunk));
      }
    };
    int helpers = Math.min(threads - 1, chunks - 1);
    List<Future<?>> futures = new ArrayList<>(helpers);
    for (int i = 0; i < helpers; i++) futures.add(pool.submit(worker));
    Throwable failure = null;
    try {
      worker.run();
    } catch (RuntimeException | Error e) {
      failure = e;
      next.set(chunks); // let the helpers stop early
    }
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (ExecutionException e) {
        if (failure == null) failure = e.getCause();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        if (failure == null) failure = e;
      }
    }
    if (failure instanceof RuntimeException re) throw re;
    if (failure instanceof Error err) throw err;
    if (failure != null) throw new IllegalStateException("parallel work failed", failure);
  }

  @Override
  public void close() {
    if (pool != null) pool.shutdownNow();
  }
}
