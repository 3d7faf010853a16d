package io.sextant.bench.cli;

import io.sextant.bench.data.DatasetRegistry;
import io.sextant.bench.engine.Engine;
import io.sextant.bench.engine.Engines;
import io.sextant.bench.engine.IndexDescriptor;
import io.sextant.bench.engine.ParamSpec;
import io.sextant.bench.filter.FilterCases;
import io.sextant.bench.filter.FilterParam;
import io.sextant.bench.run.BenchRun;
import io.sextant.bench.run.InterleavedRun;
import io.sextant.bench.run.ParamGrid;
import io.sextant.bench.run.ResultRow;
import io.sextant.bench.run.SummaryTable;
import io.sextant.core.data.Dataset;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sextant-bench run}: the JSON-lines contract of DESIGN.md. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Builds an index once per build setting, then for every search setting runs the queries and prints "
            + "one JSON object per line on stdout: engine, index, params, dataset, n, dim, metric, k, recall, qps, "
            + "p50_ms, p95_ms, p99_ms, build_s, index_bytes, heap_bytes, threads, jvm, simd. Progress and a summary "
            + "table go to stderr.",
        "",
        "recall: recall@k against exact ground truth (a vector tied with the k-th true neighbour counts). "
            + "qps: timed queries / wall time on all threads. p50/p95/p99: per-query latency. heap_bytes: heap the "
            + "built index retains (used heap after full GCs, after minus before the build; off-heap and mapped "
            + "memory not included). index_bytes: the index as the engine stores it, vectors included when it "
            + "keeps its own copy. simd: Sextant's kernels (panama or scalar)."})
public final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--engine", defaultValue = "sextant", paramLabel = "E",
      description = "sextant, lucene or jvector, or a comma list (e.g. sextant,lucene,jvector): each engine then runs "
          + "in its own fresh JVM with the same flags, one after the other, rows streamed in order "
          + "(default: ${DEFAULT-VALUE})")
  String engine;

  @Option(names = "--index", defaultValue = "flat", paramLabel = "I",
      description = "index type of the engine, see below (default: ${DEFAULT-VALUE})")
  String index;

  @Option(names = "--dataset", defaultValue = "wordnet-minilm", paramLabel = "D",
      description = "a named dataset (`datasets list`) or a dataset folder (base.*, query.*, optional groundtruth.*, "
          + "dataset.properties) (default: ${DEFAULT-VALUE})")
  String dataset;

  @Option(names = "--param", paramLabel = "NAME=V1,V2,...",
      description = "index parameter, repeatable; several values sweep it (search parameters over one built index, "
          + "build parameters build once per value); ENGINE:NAME=... gives it to that engine only (e.g. "
          + "sextant:order=locality next to lucene). Engines that support it also take filter=S (search a seeded "
          + "random accept-set of round(S*n) vectors; recall is then against exact filtered ground truth), "
          + "filter=corr:S (a cluster-aligned accept-set of that size) and filterSeed=N (default 42)")
  List<String> params = new ArrayList<>();

  @Option(names = "--k", defaultValue = "10", description = "neighbours per query (default: ${DEFAULT-VALUE})")
  int k;

  @Option(names = "--queries", paramLabel = "N",
      description = "use the first N queries of the dataset (default: all)")
  Integer queries;

  @Option(names = "--threads", defaultValue = "1", paramLabel = "T",
      description = "query threads; builds use as many where the engine can (default: ${DEFAULT-VALUE})")
  int threads;

  @Option(names = "--warmup", defaultValue = "1000", paramLabel = "W",
      description = "untimed queries before each timed setting, cycling over the query set (default: ${DEFAULT-VALUE})")
  int warmup;

  @Option(names = "--clock", defaultValue = "wall", paramLabel = "C",
      description = "wall: QPS and latencies in wall time; cpu: in the query thread's CPU time (needs --threads 1), "
          + "so time the thread spends descheduled on a loaded machine does not count (default: ${DEFAULT-VALUE})")
  String clock;

  @Option(names = "--interleave",
      description = "build every engine (comma list) at every build setting in this JVM and run each search setting "
          + "over all of them in alternating blocks of queries (see --block), so machine noise lands on each alike; the "
          + "honest way to compare QPS on a shared machine. Needs --threads 1; build times are then from a shared JVM. Takes filter= like the default mode")
  boolean interleave;

  @Option(names = "--block", defaultValue = "" + InterleavedRun.DEFAULT_BLOCK, paramLabel = "N",
      description = "with --interleave: queries per engine before the next engine's turn (default: ${DEFAULT-VALUE})")
  int block;

  @Option(names = "--text",
      description = "text search through a Collection on a dataset with query texts and judgements (wordnet-definitions): "
          + "BM25 only, or hybrid with --fusion. The row then has ndcg10 and recall100 against WordNet's judgements and "
          + "recall@k against them too (see `ir`)")
  boolean text;

  @Option(names = "--fusion", paramLabel = "F",
      description = "with --text: vector + text requests fused by rrf[:K] (K default 60), weighted[:ALPHA] or "
          + "combined[:ALPHA] (every candidate scored on both sides; ALPHA default 0.5); none: BM25 only (the default); "
          + "vector: the vector side alone, as a baseline. "
          + "A comma list runs each in turn over one loaded collection, one row each")
  String fusion;

  @Option(names = "--query-set", defaultValue = "examples", paramLabel = "SET",
      description = "with --text: examples or glosses (see `ir`) (default: ${DEFAULT-VALUE})")
  String querySet;

  /** Help text listing every engine's index types and their parameters, from the engines themselves. */
  public static String parameterHelp() {
    StringBuilder sb = new StringBuilder("%nIndexes and parameters (--param; shared names across engines):%n");
    for (Engine e : Engines.all()) {
      for (IndexDescriptor d : e.indexes()) {
        sb.append(String.format(Locale.ROOT, "  --engine %s --index %s%n      %s%n", e.name(), d.name(), d.description()));
        if (d.params().isEmpty()) sb.append("      no parameters%n");
        for (ParamSpec p : d.params()) {
          sb.append(String.format(Locale.ROOT, "      %-15s %-7s %s%n", p.name(), p.phase().name().toLowerCase(Locale.ROOT),
              p.help()));
        }
      }
    }
    return sb.toString().replace("%n", System.lineSeparator());
  }

  @Override public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (k <= 0) throw new IllegalArgumentException("--k must be positive, got " + k);
    if (threads <= 0) throw new IllegalArgumentException("--threads must be positive, got " + threads);
    if (warmup < 0) throw new IllegalArgumentException("--warmup must be >= 0, got " + warmup);
    if (queries != null && queries <= 0) throw new IllegalArgumentException("--queries must be positive, got " + queries);
    if (!clock.equals("wall") && !clock.equals("cpu")) throw new IllegalArgumentException("--clock must be wall or cpu, got " + clock);
    if (clock.equals("cpu") && threads != 1) throw new IllegalArgumentException("--clock cpu needs --threads 1, got " + threads);

    if (fusion != null && !text) throw new IllegalArgumentException("--fusion needs --text (a hybrid run sends vector and text)");
    if (text) return runText(out, err);

    if (interleave) return runInterleaved(out, err);
    // Everything about the command line is checked before any data is fetched or loaded.
    if (engine.contains(",")) {
      List<String> names = MultiEngineRun.engines(engine);
      for (String name : names) {
        Engine each = Engines.byName(name);
        ParamGrid.resolve(name, each.index(index), ParamGrid.parseFlags(params), k);
      }
      DatasetRegistry.fromEnvironment().folderOf(dataset); // rejects unknown names
      List<String> all = spec.commandLine().getParseResult().originalArgs();
      return MultiEngineRun.run(names, all.subList(all.indexOf("run") + 1, all.size()), out, err);
    }
    Engine e = Engines.byName(engine);
    IndexDescriptor d = e.index(index);
    Map<String, List<String>> flags = ParamGrid.parseFlags(params);
    FilterParam filter = FilterParam.take(flags); // harness-level: every engine, not an index parameter
    requireFilterSupport(e, engine, filter);
    ParamGrid grid = ParamGrid.resolve(engine, d, flags, k);
    DatasetRegistry registry = DatasetRegistry.fromEnvironment();
    String datasetName = registry.folderOf(dataset).getFileName().toString(); // rejects unknown names

    try (Dataset data = registry.open(dataset, Integer.MAX_VALUE, queries == null ? Integer.MAX_VALUE : queries)) {
      err.printf(Locale.ROOT, "dataset %s: %d base, %d queries, dim %d, %s%n", datasetName, data.base().size(),
          data.queries().size(), data.base().dimension(), data.similarity());
      int[][] truth = data.groundTruth(k, done -> { });
      BenchRun.Setup setup = new BenchRun.Setup(e, index, grid, datasetName, data.base(), data.queries(), truth,
          data.similarity(), k, threads, warmup, clock.equals("cpu"),
          FilterCases.prepare(filter, data, k, threads, truth, err));
      List<ResultRow> rows = BenchRun.run(setup, jsonLines(out), err);
      SummaryTable.print(rows, err);
    }
    return 0;
  }

  /** Each row as one JSON line on {@code out}, flushed at once (the contract's stdout). */
  private static Consumer<ResultRow> jsonLines(PrintWriter out) {
    return row -> {
      out.println(row.toJson());
      out.flush();
    };
  }

  /** Refuses {@code filter=} for an engine that cannot filter {@code index}, before anything is built. */
  private void requireFilterSupport(Engine e, String name, FilterParam filter) {
    if (!filter.isEmpty() && !e.supportsFilter(index)) {
      throw new IllegalArgumentException("unsupported param filter for engine " + name + " index " + index);
    }
  }

  /** {@code --interleave}: every engine in this JVM, search settings in alternating blocks ({@link InterleavedRun}). */
  private int runInterleaved(PrintWriter out, PrintWriter err) throws Exception {
    if (threads != 1) throw new IllegalArgumentException("--interleave runs one query thread: --threads 1, got " + threads);
    Map<String, List<String>> flags = ParamGrid.parseFlags(params);
    FilterParam filter = FilterParam.take(flags);
    List<Engine> es = new ArrayList<>();
    List<ParamGrid> grids = new ArrayList<>();
    for (String name : MultiEngineRun.engines(engine)) {
      Engine e = Engines.byName(name);
      requireFilterSupport(e, name, filter);
      es.add(e);
      grids.add(ParamGrid.resolve(name, e.index(index), flags, k));
    }
    InterleavedRun.checkPairable(es, grids, block); // before any data is loaded
    DatasetRegistry registry = DatasetRegistry.fromEnvironment();
    String datasetName = registry.folderOf(dataset).getFileName().toString();
    try (Dataset data = registry.open(dataset, Integer.MAX_VALUE, queries == null ? Integer.MAX_VALUE : queries)) {
      err.printf(Locale.ROOT, "dataset %s: %d base, %d queries, dim %d, %s; engines %s interleaved in blocks of %d%n",
          datasetName, data.base().size(), data.queries().size(), data.base().dimension(), data.similarity(), engine, block);
      int[][] truth = data.groundTruth(k, done -> { });
      InterleavedRun.Setup setup = new InterleavedRun.Setup(es, grids, index, datasetName, data.base(), data.queries(),
          truth, data.similarity(), k, warmup, clock.equals("cpu"), block,
          FilterCases.prepare(filter, data, k, threads, truth, err));
      List<ResultRow> rows = InterleavedRun.run(setup, jsonLines(out), err);
      SummaryTable.print(rows, err);
    }
    return 0;
  }

  /** {@code --text}: BM25 or hybrid requests through a Collection, scored against the judgements. */
  private int runText(PrintWriter out, PrintWriter err) throws Exception {
    if (!dataset.equals("wordnet-definitions")) {
      throw new IllegalArgumentException("--text needs a dataset with query texts and judgements: --dataset "
          + "wordnet-definitions, got '" + dataset + "'");
    }
    if (engine.contains(",") || !engine.equals("sextant")) {
      throw new IllegalArgumentException("--text runs through Sextant's Collection: --engine sextant, got " + engine);
    }
    if (!FilterParam.take(ParamGrid.parseFlags(params)).isEmpty()) {
      throw new IllegalArgumentException("--text does not take filter= (the glosses set filters out each query's own synset)");
    }
    Map<String, Object> search = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, List<String>> f : ParamGrid.parseFlags(params).entrySet()) {
      if (f.getValue().size() != 1) throw new IllegalArgumentException("--text takes one value per --param, got " + f);
      String v = f.getValue().getFirst();
      search.put(f.getKey(), v.matches("-?\\d+") ? (Object) Integer.parseInt(v) : v);
    }
    List<String> fusions = fusion == null ? List.of("none") : List.of(fusion.split(","));
    io.sextant.bench.ir.HybridBench.Setup s = new io.sextant.bench.ir.HybridBench.Setup(querySet, fusions, index, search, k,
        queries == null ? 2000 : queries, threads, warmup, clock.equals("cpu"));
    err.printf(Locale.ROOT, "wordnet-definitions through a Collection (%s): %s queries, %s%n", index, querySet,
        "fusion " + fusions);
    List<ResultRow> rows = io.sextant.bench.ir.HybridBench.run(io.sextant.bench.ir.WordNetFiles.ensure(),
        DatasetRegistry.defaultCache().resolve("wordnet-definitions"), s, err, jsonLines(out));
    SummaryTable.print(rows, err);
    return 0;
  }
}
