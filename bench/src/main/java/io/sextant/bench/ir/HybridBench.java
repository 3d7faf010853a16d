package io.sextant.bench.ir;

import io.sextant.bench.run.HeapMeter;
import io.sextant.bench.run.ResultRow;
import io.sextant.bench.run.ThreadCpuClock;
import io.sextant.core.collection.SearchRequest;
import io.sextant.core.eval.QueryRunner;
import io.sextant.core.fusion.Fusion;
import io.sextant.core.vector.Kernels;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * {@code sextant-bench run --text [--fusion F]} on the WordNet definitions collection: text-only
 * (BM25) or hybrid (vector + text, fused) requests through the {@link
 * io.sextant.core.collection.Collection}, timed like any {@code run} (warm-up, then the queries on
 * {@code threads} threads), and scored against WordNet's judgements: {@code recall} is recall@k
 * of the timed results, {@code ndcg10} and {@code recall100} come from the same requests asked
 * for 100 hits, untimed (the figures of {@code ir}'s test split for the same queries).
 */
public final class HybridBench {
  private HybridBench() {}

  /**
   * @param fusions one row each, in one process over one loaded collection: "none" (BM25 only),
   *     "vector" (the vector side alone, a baseline), rrf[:K], weighted[:ALPHA], combined[:ALPHA]
   * @param queries the first N queries of the set (seed 7: the test split of {@code ir})
   */
  public record Setup(String querySet, List<String> fusions, String index, Map<String, Object> searchParams, int k,
      int queries, int threads, int warmup, boolean cpuClock) {
    public Setup {
      DefinitionQuerySet.parse(querySet);
      if (fusions.isEmpty()) throw new IllegalArgumentException("no fusion given");
      for (String f : fusions) if (!f.equals("none") && !f.equals("vector")) parseFusion(f);
      fusions = List.copyOf(fusions);
      if (k < 1 || k > SearchRequest.MAX_K) throw new IllegalArgumentException("k must be in [1, " + SearchRequest.MAX_K + "], got " + k);
      if (queries < 1) throw new IllegalArgumentException("queries must be >= 1, got " + queries);
      searchParams = Map.copyOf(searchParams);
    }
  }

  /** "rrf", "rrf:20", "weighted", "weighted:0.4", "combined", "combined:0.5". */
  public static Fusion parseFusion(String spec) {
    String[] p = spec.split(":", 2);
    try {
      return switch (p[0]) {
        case "rrf" -> p.length == 1 ? Fusion.rrf() : Fusion.rrf(Integer.parseInt(p[1]));
        case "weighted" -> Fusion.weighted(p.length == 1 ? 0.5 : Double.parseDouble(p[1]));
        case "combined" -> Fusion.combined(p.length == 1 ? 0.5 : Double.parseDouble(p[1]));
        default -> throw new IllegalArgumentException("--fusion must be rrf[:K], weighted[:ALPHA] or combined[:ALPHA], got '" + spec + "'");
      };
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--fusion " + spec + ": '" + p[1] + "' is not a number");
    }
  }

  /** One row per fusion, each emitted as soon as it is measured. */
  public static List<ResultRow> run(Path wordnet, Path cacheDir, Setup s, PrintWriter log,
      java.util.function.Consumer<ResultRow> emit) throws IOException {
    DefinitionQuerySet set = DefinitionQuerySet.parse(s.querySet());
    List<ResultRow> rows = new java.util.ArrayList<>();
    try (SentenceEmbedder embedder = new SentenceEmbedder(Math.max(1, s.threads()))) {
      long heap0 = HeapMeter.retainedHeap();
      long t0 = System.nanoTime();
      try (DefinitionsCollection dc = DefinitionsCollection.open(wordnet, cacheDir, s.index(), () -> embedder)) {
        double buildS = (System.nanoTime() - t0) / 1e9;
        long heap = Math.max(0, HeapMeter.retainedHeap() - heap0);
        log.printf(Locale.ROOT, "collection of %d documents loaded in %.1f s, %.1f MiB on disk%n", dc.size(), buildS,
            dc.bytesOnDisk() / 1048576.0);
        List<DefinitionQuerySet.JudgedQuery> queries = set.draw(dc.synsets, dc.ordOf, dc.relations, 7, s.queries());
        float[][] qv = s.fusions().equals(List.of("none")) ? new float[queries.size()][1]
            : WordNetIrEvaluation.embedAll(embedder, queries.stream().map(DefinitionQuerySet.JudgedQuery::text).toList());
        DefinitionsIrEvaluation.Requests r = new DefinitionsIrEvaluation.Requests(queries, qv, s.searchParams());
        for (String spec : s.fusions()) {
          Fusion fusion = spec.equals("none") || spec.equals("vector") ? null : parseFusion(spec);
          IntFunction<SearchRequest> request = spec.equals("vector") ? r::vector : fusion == null ? r::text : j -> r.hybrid(j, fusion);

          QueryRunner.Builder rb = QueryRunner.builder().threads(s.threads()).warmupQueries(s.warmup());
          if (s.cpuClock()) rb.clock(ThreadCpuClock.create());
          QueryRunner.Result res = rb.build().run(queries.size(),
              j -> DefinitionsIrEvaluation.ords(dc.collection.search(request.apply(j).k(s.k()))));
          double recallK = 0;
          double ndcg = 0;
          double recall100 = 0;
          for (int j = 0; j < queries.size(); j++) {
            recallK += IrMetrics.recall(res.results()[j], queries.get(j).relevant(), s.k());
            double[] m = DefinitionsIrEvaluation.metrics(DefinitionsIrEvaluation.ords(dc.collection.search(request.apply(j))),
                queries.get(j).relevant());
            ndcg += m[0];
            recall100 += m[1];
          }
          int n = queries.size();
          Map<String, String> params = new LinkedHashMap<>();
          params.put("text", Boolean.toString(!spec.equals("vector")));
          params.put("query_set", set.label());
          params.put("fusion", spec);
          if (fusion != null) params.put("candidates", Integer.toString(Math.max(s.k(), DefinitionsIrEvaluation.DEPTH)));
          params.put("storage", "collection");
          s.searchParams().forEach((key, v) -> params.put(key, String.valueOf(v)));
          ResultRow row = new ResultRow("sextant", s.index(), params, "wordnet-definitions", dc.size(), dc.dimension,
              "COSINE", s.k(), recallK / n, res.qps(), res.latency().p50Ms(), res.latency().p95Ms(), res.latency().p99Ms(),
              buildS, dc.bytesOnDisk(), heap, s.threads(), Runtime.version().toString(), Kernels.get().name(),
              s.cpuClock() ? "cpu" : "wall", Double.NaN, ndcg / n, recall100 / n);
          log.printf(Locale.ROOT, "  %s: %.1f QPS, p50 %.3f ms, p99 %.3f ms, ndcg10 %.4f, recall100 %.4f (%d queries)%n",
              params.get("fusion"), res.qps(), res.latency().p50Ms(), res.latency().p99Ms(), ndcg / n, recall100 / n, n);
          log.flush();
          rows.add(row);
          emit.accept(row);
        }
        return rows;
      }
    }
  }
}
