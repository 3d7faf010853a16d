package io.sextant.bench.run;

import io.sextant.bench.engine.BuiltIndex;
import io.sextant.bench.engine.Engine;
import io.sextant.bench.engine.Params;
import io.sextant.bench.filter.FilterCase;
import io.sextant.core.eval.QueryRunner;
import io.sextant.core.eval.Recall;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One {@code sextant-bench run}: for every build setting, build the index once (timed, heap
 * measured), then for every search setting run the queries (warm-up, then timed on
 * {@code threads} threads), score recall@k against the exact ground truth and emit a
 * {@link ResultRow}.
 *
 * <p>Recall is tie-aware ({@link Recall#withTies}): a returned vector exactly as close as the
 * k-th true neighbour counts as a hit in its place.
 */
public final class BenchRun {

  /**
   * What to run; {@code queries} and {@code groundTruth} rows correspond. With {@code filters},
   * every search setting runs once per filter (and not unfiltered), scored against that filter's
   * ground truth.
   */
  public record Setup(Engine engine, String index, ParamGrid grid, String dataset, FloatVectors base,
      FloatVectors queries, int[][] groundTruth, Similarity similarity, int k, int threads, int warmupQueries,
      boolean cpuClock, List<FilterCase> filters) {
    public Setup {
      if (cpuClock && threads != 1) {
        throw new IllegalArgumentException("--clock cpu needs --threads 1 (one thread's CPU time), got " + threads);
      }
      filters = List.copyOf(filters);
    }

    /** Unfiltered, timed on the wall clock. */
    public Setup(Engine engine, String index, ParamGrid grid, String dataset, FloatVectors base, FloatVectors queries,
        int[][] groundTruth, Similarity similarity, int k, int threads, int warmupQueries) {
      this(engine, index, grid, dataset, base, queries, groundTruth, similarity, k, threads, warmupQueries, false, List.of());
    }

    /** Unfiltered. */
    public Setup(Engine engine, String index, ParamGrid grid, String dataset, FloatVectors base, FloatVectors queries,
        int[][] groundTruth, Similarity similarity, int k, int threads, int warmupQueries, boolean cpuClock) {
      this(engine, index, grid, dataset, base, queries, groundTruth, similarity, k, threads, warmupQueries, cpuClock, List.of());
    }
  }

  private BenchRun() {}

  /** Runs every setting; each row goes to {@code emit} as soon as it is measured. */
  public static List<ResultRow> run(Setup s, Consumer<ResultRow> emit, PrintWriter progress) throws Exception {
    float[][] queries = new float[s.queries().size()][];
    for (int i = 0; i < queries.length; i++) queries[i] = s.queries().get(i);
    Recall recall = Recall.withTies(s.base(), s.queries(), s.similarity());
    QueryRunner.Builder rb = QueryRunner.builder().threads(s.threads()).warmupQueries(s.warmupQueries());
    if (s.cpuClock()) rb.clock(ThreadCpuClock.create());
    QueryRunner runner = rb.build();
    List<ResultRow> rows = new ArrayList<>();

    for (Params build : s.grid().builds()) {
      progress.printf(Locale.ROOT, "%s %s %s: building over %d x %d (%s, %d thread%s)...%n", s.engine().name(),
          s.index(), build, s.base().size(), s.base().dimension(), s.similarity(), s.threads(),
          s.threads() == 1 ? "" : "s");
      long heapBefore = HeapMeter.retainedHeap();
      long cpu0 = processCpuNanos();
      long t0 = System.nanoTime();
      try (BuiltIndex index = s.engine().build(s.index(), s.base(), s.similarity(), build, s.threads())) {
        double buildSeconds = (System.nanoTime() - t0) / 1e9;
        // CPU time of the whole process (all build threads, JIT and GC too): on a shared machine the
        // wall time above mostly measures the other jobs, this one the work the build did.
        double buildCpuSeconds = (processCpuNanos() - cpu0) / 1e9;
        long heapBytes = Math.max(0, HeapMeter.retainedHeap() - heapBefore);
        progress.printf(Locale.ROOT, "  built in %.2f s (process CPU %.2f s); index %.1f MiB, heap %.1f MiB%n",
            buildSeconds, buildCpuSeconds, index.indexBytes() / 1048576.0, heapBytes / 1048576.0);

        for (FilterCase filter : MeasuredRow.filterSettings(s.filters()))
        for (Params search : s.grid().searches()) {
          QueryRunner.Result r;
          try (SearcherPool pool = new SearcherPool(index, s.k(), search, s.threads(),
              filter == null ? null : filter.accept())) {
            r = runner.run(queries.length, q -> pool.search(queries[q]));
          }
          double rec = recall.mean(s.k(), MeasuredRow.truth(filter, s.groundTruth()), r.results());
          ResultRow row = MeasuredRow.of(s.engine().name(), s.index(), build, search, filter, s.dataset(), s.base(),
              s.similarity(), s.k(), rec, r.qps(), r.latency(), buildSeconds, index.indexBytes(), heapBytes, s.threads(),
              s.cpuClock());
          progress.printf(Locale.ROOT, "  %s%s: recall@%d %.4f, %.1f QPS, p50 %.3f ms, p99 %.3f ms (%d queries)%n",
              search.values().isEmpty() ? "search" : search, filter == null ? "" : " filter=" + filter.label(), s.k(),
              rec, r.qps(), r.latency().p50Ms(), r.latency().p99Ms(), r.queries());
          progress.flush();
          rows.add(row);
          emit.accept(row);
        }
      }
    }
    return rows;
  }

  private static long processCpuNanos() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
  }
}
