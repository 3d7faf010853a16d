package io.sextant.bench.run;

import io.sextant.bench.engine.BuiltIndex;
import io.sextant.bench.engine.Engine;
import io.sextant.bench.engine.Params;
import io.sextant.bench.filter.FilterCase;
import io.sextant.core.eval.LatencyRecorder;
import io.sextant.core.eval.Recall;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * {@code run --engine a,b --interleave}: every engine's index is built in this one JVM, then each
 * search setting runs the engines (or build settings) in alternating blocks of queries, so that whatever the machine
 * does meanwhile (another tenant's memory traffic, a frequency change) lands on all engines alike.
 *
 * <p>Why: on a shared 2-core machine one engine's QPS varies by ±25 % from one JVM to the next with
 * the same graph, and engines run one after the other in separate JVMs (the default) see different
 * slices of that noise, so a ratio from one such run says little. Here block {@code b} runs engine
 * {@code (b + i) mod E} in position {@code i}: every engine goes first equally often, so none gains
 * from the caches the other leaves warm. Each engine's QPS is its queries over the summed time of
 * its own queries; latencies are per query as in {@link BenchRun}.
 *
 * <p>Several build settings of one engine (e.g. {@code quantization=none,int8}) are interleaved the
 * same way: each engine × build setting is one arm, and every arm takes part in every search setting.
 *
 * <p>The price: the arms share a heap and a JIT, and builds run one after another in the same
 * JVM, so build times here are not the clean figures of separate JVMs (use the default mode for
 * build-time comparisons). Search settings are paired by position: the engines' search grids must
 * have the same length, which holds when every swept search parameter is one all engines share.
 *
 * <p>With filters ({@code filter=…}), every search setting runs once per filter, all arms interleaved
 * on the same accept-set and scored against its exact filtered ground truth, as in {@link BenchRun}.
 */
public final class InterleavedRun {
  /** Queries per block unless the command line says otherwise. */
  public static final int DEFAULT_BLOCK = 100;

  /**
   * What to run; {@code grids.get(i)} belongs to {@code engines.get(i)}. With {@code filters}, each
   * search setting runs once per filter (and not unfiltered).
   */
  public record Setup(List<Engine> engines, List<ParamGrid> grids, String index, String dataset, FloatVectors base,
      FloatVectors queries, int[][] groundTruth, Similarity similarity, int k, int warmupQueries, boolean cpuClock,
      int block, List<FilterCase> filters) {
    public Setup {
      engines = List.copyOf(engines);
      grids = List.copyOf(grids);
      filters = List.copyOf(filters);
      checkPairable(engines, grids, block);
    }
  }

  /**
   * Rejects what cannot be interleaved — fewer than two arms, search grids of different lengths, a
   * block size below 1 — with a message naming the option; cheap, so callers run it before loading data.
   */
  public static void checkPairable(List<Engine> engines, List<ParamGrid> grids, int block) {
    if (grids.size() != engines.size()) {
      throw new IllegalArgumentException(grids.size() + " parameter grids for " + engines.size() + " engines");
    }
    if (block <= 0) throw new IllegalArgumentException("--block must be positive, got " + block);
    int arms = 0;
    for (ParamGrid g : grids) arms += g.builds().size();
    if (arms < 2) {
      throw new IllegalArgumentException("--interleave needs two or more engines or build settings to alternate, got "
          + engines.size() + " engine(s) with " + arms + " build setting(s)");
    }
    ParamGrid first = grids.getFirst();
    for (int e = 1; e < grids.size(); e++) {
      ParamGrid g = grids.get(e);
      if (g.searches().size() != first.searches().size()) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "--interleave pairs search settings by position, but engine %s has %d and %s has %d: sweep only "
                + "search parameters every engine has",
            engines.getFirst().name(), first.searches().size(), engines.get(e).name(), g.searches().size()));
      }
    }
  }

  /** One built index taking part: an engine with one of its build settings. */
  private record Arm(Engine engine, ParamGrid grid, Params build, BuiltIndex index, double buildSeconds, long heapBytes) {}

  private InterleavedRun() {}

  /**
   * Builds every engine at every build setting (an "arm" each), then runs each search setting over
   * all arms in alternating blocks; rows go to {@code emit} in arm order after each setting.
   */
  public static List<ResultRow> run(Setup s, Consumer<ResultRow> emit, PrintWriter progress) throws Exception {
    int nq = s.queries().size();
    float[][] queries = new float[nq][];
    for (int i = 0; i < nq; i++) queries[i] = s.queries().get(i);
    Recall recall = Recall.withTies(s.base(), s.queries(), s.similarity());
    LongSupplier clock = s.cpuClock() ? ThreadCpuClock.create() : System::nanoTime;
    List<ResultRow> rows = new ArrayList<>();
    List<Arm> arms = new ArrayList<>();
    try {
      for (int e = 0; e < s.engines().size(); e++) {
        Engine engine = s.engines().get(e);
        ParamGrid grid = s.grids().get(e);
        for (Params build : grid.builds()) {
          progress.printf(Locale.ROOT, "%s %s %s: building over %d x %d (%s)...%n", engine.name(), s.index(), build,
              s.base().size(), s.base().dimension(), s.similarity());
          progress.flush();
          long heapBefore = HeapMeter.retainedHeap();
          long t0 = System.nanoTime();
          BuiltIndex index = engine.build(s.index(), s.base(), s.similarity(), build, 1);
          double seconds = (System.nanoTime() - t0) / 1e9;
          arms.add(new Arm(engine, grid, build, index, seconds, Math.max(0, HeapMeter.retainedHeap() - heapBefore)));
          progress.printf(Locale.ROOT, "  built in %.2f s (shared JVM); index %.1f MiB%n", seconds,
              index.indexBytes() / 1048576.0);
        }
      }
      for (FilterCase filter : MeasuredRow.filterSettings(s.filters())) {
        for (int j = 0; j < s.grids().getFirst().searches().size(); j++) {
          rows.addAll(runSetting(s, j, filter, arms, queries, recall, clock, emit, progress));
        }
      }
    } finally {
      for (Arm arm : arms) arm.index().close();
    }
    return rows;
  }

  /** Search setting {@code j} (under {@code filter}, null for none) over all arms in alternating blocks. */
  private static List<ResultRow> runSetting(Setup s, int j, FilterCase filter, List<Arm> arms, float[][] queries,
      Recall recall, LongSupplier clock, Consumer<ResultRow> emit, PrintWriter progress) throws Exception {
    int armCount = arms.size();
    int nq = queries.length;
    List<SearcherPool> pools = new ArrayList<>();
    try {
      for (int e = 0; e < armCount; e++) {
        pools.add(new SearcherPool(arms.get(e).index(), s.k(), arms.get(e).grid().searches().get(j), 1,
            filter == null ? null : filter.accept()));
      }
      for (int w = 0; w < s.warmupQueries(); w += s.block()) {
        for (int e = 0; e < armCount; e++) {
          for (int q = w; q < Math.min(w + s.block(), s.warmupQueries()); q++) pools.get(e).search(queries[q % nq]);
        }
      }
      int[][][] results = new int[armCount][nq][];
      long[] nanos = new long[armCount];
      LatencyRecorder[] latency = new LatencyRecorder[armCount];
      for (int e = 0; e < armCount; e++) latency[e] = new LatencyRecorder();
      for (int from = 0, blockNo = 0; from < nq; from += s.block(), blockNo++) {
        int to = Math.min(nq, from + s.block());
        for (int i = 0; i < armCount; i++) {
          int e = (blockNo + i) % armCount;
          SearcherPool pool = pools.get(e);
          for (int q = from; q < to; q++) {
            long t0 = clock.getAsLong();
            int[] r = pool.search(queries[q]);
            long t = clock.getAsLong() - t0;
            latency[e].recordNanos(t);
            nanos[e] += t;
            results[e][q] = r;
          }
        }
      }
      List<ResultRow> rows = new ArrayList<>();
      for (int e = 0; e < armCount; e++) {
        Arm arm = arms.get(e);
        Engine engine = arm.engine();
        Params build = arm.build();
        Params search = arm.grid().searches().get(j);
        double rec = recall.mean(s.k(), MeasuredRow.truth(filter, s.groundTruth()), results[e]);
        double qps = nanos[e] > 0 ? nq / (nanos[e] / 1e9) : Double.POSITIVE_INFINITY;
        LatencyRecorder.Summary l = latency[e].summary();
        ResultRow row = MeasuredRow.of(engine.name(), s.index(), build, search, filter, s.dataset(), s.base(),
            s.similarity(), s.k(), rec, qps, l, arm.buildSeconds(), arm.index().indexBytes(), arm.heapBytes(), 1,
            s.cpuClock());
        progress.printf(Locale.ROOT, "  %s %s %s%s (interleaved, blocks of %d): recall@%d %.4f, %.1f QPS, p50 %.3f ms%n",
            engine.name(), build, search, filter == null ? "" : " filter=" + filter.label(), s.block(), s.k(), rec, qps,
            l.p50Ms());
        rows.add(row);
      }
      progress.flush();
      for (ResultRow row : rows) emit.accept(row);
      return rows;
    } finally {
      for (SearcherPool pool : pools) pool.close();
    }
  }
}
