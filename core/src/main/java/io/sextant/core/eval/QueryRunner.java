package io.sextant.core.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * Measures a search function over a query set: a warm-up (so the JIT has compiled the hot paths
 * and caches are warm), then a timed phase in which {@code threads} threads take queries from a
 * shared counter until every query has run {@code passes} times. Each query's latency goes to a
 * {@link LatencyRecorder}; QPS is timed queries divided by the wall time of the timed phase, from
 * the moment all threads start together to the moment the last one finishes.
 *
 * <pre>{@code
 * QueryRunner.Result r = QueryRunner.builder().threads(4).warmupQueries(1000).build()
 *     .run(queries.size(), q -> index.search(queries.get(q), 10).ords());
 * }</pre>
 */
public final class QueryRunner {
  private final int threads;
  private final int warmupQueries;
  private final int passes;
  private final LongSupplier clock;

  private QueryRunner(Builder b) {
    this.threads = b.threads;
    this.warmupQueries = b.warmupQueries;
    this.passes = b.passes;
    this.clock = b.clock;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The search under test: the result ids of query {@code queryIndex}, best first. */
  @FunctionalInterface
  public interface Search {
    int[] search(int queryIndex) throws Exception;
  }

  /**
   * What a run measured.
   *
   * @param results  result ids per query (from the last pass)
   * @param qps      timed queries per second of wall time, all threads together
   * @param latency  per-query latency percentiles of the timed phase
   * @param threads  threads that ran queries
   * @param queries  timed queries ({@code queryCount × passes})
   * @param seconds  wall time of the timed phase
   */
  public record Result(int[][] results, double qps, LatencyRecorder.Summary latency, int threads, long queries,
      double seconds) {}

  /** Runs queries {@code 0..queryCount-1}: warm-up, then the timed passes. */
  public Result run(int queryCount, Search search) {
    if (queryCount <= 0) throw new IllegalArgumentException("queryCount must be positive, got " + queryCount);
    int[][] results = new int[queryCount][];
    if (warmupQueries > 0) phase(queryCount, warmupQueries, search, null, results);
    LatencyRecorder latency = new LatencyRecorder();
    long total = (long) queryCount * passes;
    long nanos = phase(queryCount, total, search, latency, results);
    double seconds = nanos / 1e9;
    return new Result(results, seconds > 0 ? total / seconds : Double.POSITIVE_INFINITY, latency.summary(), threads,
        total, seconds);
  }

  /** Runs {@code total} queries (cycling over the set) on all threads; returns the wall nanos. */
  private long phase(int queryCount, long total, Search search, LatencyRecorder latency, int[][] results) {
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    long[] startEnd = new long[2];
    // The barrier action runs once, in the last thread to arrive: it stamps the start and, at the
    // second barrier, the end of the phase.
    CyclicBarrier start = new CyclicBarrier(threads, () -> startEnd[0] = clock.getAsLong());
    CyclicBarrier end = new CyclicBarrier(threads, () -> startEnd[1] = clock.getAsLong());
    Runnable worker = () -> {
      try {
        start.await();
        for (long i; (i = next.getAndIncrement()) < total && failure.get() == null; ) {
          int q = (int) (i % queryCount);
          long t0 = clock.getAsLong();
          int[] r = search.search(q);
          long t1 = clock.getAsLong();
          if (latency != null) latency.recordNanos(t1 - t0);
          results[q] = r;
        }
      } catch (Throwable t) {
        failure.compareAndSet(null, t);
      } finally {
        try {
          end.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (BrokenBarrierException e) {
          failure.compareAndSet(null, e);
        }
      }
    };
    if (threads == 1) {
      worker.run();
    } else {
      List<Thread> ts = new ArrayList<>();
      for (int t = 0; t < threads; t++) ts.add(Thread.ofPlatform().name("sextant-query-" + t).daemon().start(worker));
      for (Thread t : ts) {
        try {
          t.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while running queries", e);
        }
      }
    }
    Throwable f = failure.get();
    if (f != null) {
      if (f instanceof RuntimeException re) throw re;
      if (f instanceof Error err) throw err;
      throw new IllegalStateException("search failed: " + f, f);
    }
    return startEnd[1] - startEnd[0];
  }

  /** Options; defaults: 1 thread, 1,000 warm-up queries, 1 pass. */
  public static final class Builder {
    private int threads = 1;
    private int warmupQueries = 1000;
    private int passes = 1;
    private LongSupplier clock = System::nanoTime;

    private Builder() {}

    /** Threads running queries concurrently. */
    public Builder threads(int threads) {
      if (threads <= 0) throw new IllegalArgumentException("threads must be positive, got " + threads);
      this.threads = threads;
      return this;
    }

    /** Untimed queries run first (cycling over the set); 0 for none. */
    public Builder warmupQueries(int warmupQueries) {
      if (warmupQueries < 0) throw new IllegalArgumentException("warmupQueries must be >= 0, got " + warmupQueries);
      this.warmupQueries = warmupQueries;
      return this;
    }

    /** How many times each query runs in the timed phase (more passes, steadier figures). */
    public Builder passes(int passes) {
      if (passes <= 0) throw new IllegalArgumentException("passes must be positive, got " + passes);
      this.passes = passes;
      return this;
    }

    /**
     * The nanosecond clock for latencies and QPS; {@code System::nanoTime} (wall time) by default.
     * A clock of the calling thread's CPU time makes a one-thread run blind to the time its thread
     * spends descheduled on a loaded machine; it is only meaningful with one thread, because every
     * stamp, the phase's start and end included, must come from the same thread. Tests substitute
     * a fake clock.
     */
    public Builder clock(LongSupplier clock) {
      if (clock == null) throw new IllegalArgumentException("clock must not be null");
      this.clock = clock;
      return this;
    }

    public QueryRunner build() {
      return new QueryRunner(this);
    }
  }
}
