package io.sextant.bench.run;

import io.sextant.bench.json.JsonReader;
import io.sextant.bench.json.JsonWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of {@code sextant-bench run} output: the JSON contract of DESIGN.md, field for field
 * and in that order. {@code params} holds every parameter in effect (defaults included), numbers
 * as JSON numbers. Latencies are milliseconds per query, {@code build_s} seconds.
 *
 * <p>A filtered row (harness parameter {@code filter}) has one more field, last:
 * {@code selectivity}, the fraction of the base the accept-set holds; its {@code recall} is then
 * against the exact filtered ground truth. Unfiltered rows leave it out ({@code selectivity} NaN).
 *
 * <p>A text or hybrid row ({@code run --text}) has two more: {@code ndcg10} and {@code recall100}
 * against the collection's relevance judgements, and its {@code recall} is recall@k against
 * those judgements too (there is no vector ground truth for a fused ranking). Other rows leave
 * them out (NaN).
 */
public record ResultRow(
    String engine, String index, Map<String, String> params, String dataset, int n, int dim, String metric,
    int k, double recall, double qps, double p50Ms, double p95Ms, double p99Ms, double buildS, long indexBytes,
    long heapBytes, int threads, String jvm, String simd, String clock, double selectivity, double ndcg10,
    double recall100) {

  /** The contract's field names, in output order. */
  public static final List<String> FIELDS = List.of(
      "engine", "index", "params", "dataset", "n", "dim", "metric", "k", "recall", "qps", "p50_ms", "p95_ms",
      "p99_ms", "build_s", "index_bytes", "heap_bytes", "threads", "jvm", "simd", "clock");

  /** {@code clock} may be absent from files written before it existed; they were timed on the wall clock. */
  private static final String OPTIONAL_FIELD = "clock";

  /** The optional field of filtered rows. */
  public static final String SELECTIVITY = "selectivity";
  /** The optional fields of text and hybrid rows. */
  public static final String NDCG10 = "ndcg10";
  public static final String RECALL100 = "recall100";

  public ResultRow {
    params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    if (!clock.equals("wall") && !clock.equals("cpu")) {
      throw new IllegalArgumentException("clock must be wall or cpu, got " + clock);
    }
  }

  /** A row without relevance figures (a vector search, filtered or not). */
  public ResultRow(String engine, String index, Map<String, String> params, String dataset, int n, int dim,
      String metric, int k, double recall, double qps, double p50Ms, double p95Ms, double p99Ms, double buildS,
      long indexBytes, long heapBytes, int threads, String jvm, String simd, String clock, double selectivity) {
    this(engine, index, params, dataset, n, dim, metric, k, recall, qps, p50Ms, p95Ms, p99Ms, buildS, indexBytes,
        heapBytes, threads, jvm, simd, clock, selectivity, Double.NaN, Double.NaN);
  }

  /** A row timed on the wall clock. */
  public ResultRow(String engine, String index, Map<String, String> params, String dataset, int n, int dim,
      String metric, int k, double recall, double qps, double p50Ms, double p95Ms, double p99Ms, double buildS,
      long indexBytes, long heapBytes, int threads, String jvm, String simd) {
    this(engine, index, params, dataset, n, dim, metric, k, recall, qps, p50Ms, p95Ms, p99Ms, buildS, indexBytes,
        heapBytes, threads, jvm, simd, "wall", Double.NaN);
  }

  /** An unfiltered row timed on {@code clock}. */
  public ResultRow(String engine, String index, Map<String, String> params, String dataset, int n, int dim,
      String metric, int k, double recall, double qps, double p50Ms, double p95Ms, double p99Ms, double buildS,
      long indexBytes, long heapBytes, int threads, String jvm, String simd, String clock) {
    this(engine, index, params, dataset, n, dim, metric, k, recall, qps, p50Ms, p95Ms, p99Ms, buildS, indexBytes,
        heapBytes, threads, jvm, simd, clock, Double.NaN);
  }

  /** The row as one line of JSON (no line terminator). */
  public String toJson() {
    JsonWriter w = new JsonWriter()
        .field("engine", engine).field("index", index).field("params", params).field("dataset", dataset)
        .field("n", n).field("dim", dim).field("metric", metric).field("k", k)
        .field("recall", round(recall, 4)).field("qps", round(qps, 1))
        .field("p50_ms", round(p50Ms, 4)).field("p95_ms", round(p95Ms, 4)).field("p99_ms", round(p99Ms, 4))
        .field("build_s", round(buildS, 3)).field("index_bytes", indexBytes).field("heap_bytes", heapBytes)
        .field("threads", threads).field("jvm", jvm).field("simd", simd).field("clock", clock);
    if (!Double.isNaN(selectivity)) w.field(SELECTIVITY, round(selectivity, 6));
    if (!Double.isNaN(ndcg10)) w.field(NDCG10, round(ndcg10, 4));
    if (!Double.isNaN(recall100)) w.field(RECALL100, round(recall100, 4));
    return w.finish();
  }

  /** Parses a line written by {@link #toJson()}; {@code where} (file:line) prefixes any error. */
  public static ResultRow parse(String line, String where) {
    Map<String, Object> o = JsonReader.parseObject(line, where);
    for (String f : FIELDS) {
      if (!o.containsKey(f) && !f.equals(OPTIONAL_FIELD)) throw new IllegalArgumentException(where + ": missing field \"" + f + "\"");
    }
    for (String f : o.keySet()) {
      if (!FIELDS.contains(f) && !f.equals(SELECTIVITY) && !f.equals(NDCG10) && !f.equals(RECALL100)) throw new IllegalArgumentException(where + ": unknown field \"" + f + "\"");
    }
    Object p = o.get("params");
    if (!(p instanceof Map<?, ?> pm)) throw new IllegalArgumentException(where + ": field \"params\" must be an object");
    Map<String, String> params = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : pm.entrySet()) params.put((String) e.getKey(), scalarText(e.getValue()));
    return new ResultRow(
        str(o, "engine", where), str(o, "index", where), params, str(o, "dataset", where),
        (int) num(o, "n", where), (int) num(o, "dim", where), str(o, "metric", where), (int) num(o, "k", where),
        num(o, "recall", where), num(o, "qps", where), num(o, "p50_ms", where), num(o, "p95_ms", where),
        num(o, "p99_ms", where), num(o, "build_s", where), (long) num(o, "index_bytes", where),
        (long) num(o, "heap_bytes", where), (int) num(o, "threads", where), str(o, "jvm", where),
        str(o, "simd", where), o.containsKey("clock") ? str(o, "clock", where) : "wall",
        o.containsKey(SELECTIVITY) ? num(o, SELECTIVITY, where) : Double.NaN,
        o.containsKey(NDCG10) ? num(o, NDCG10, where) : Double.NaN,
        o.containsKey(RECALL100) ? num(o, RECALL100, where) : Double.NaN);
  }

  private static String scalarText(Object v) {
    if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString(d.longValue());
    return String.valueOf(v);
  }

  private static String str(Map<String, Object> o, String f, String where) {
    if (o.get(f) instanceof String s) return s;
    throw new IllegalArgumentException(where + ": field \"" + f + "\" must be a string, found " + o.get(f));
  }

  private static double num(Map<String, Object> o, String f, String where) {
    if (o.get(f) instanceof Double d) return d;
    throw new IllegalArgumentException(where + ": field \"" + f + "\" must be a number, found " + o.get(f));
  }

  static double round(double v, int decimals) {
    if (!Double.isFinite(v)) return v;
    double scale = Math.pow(10, decimals);
    return Math.round(v * scale) / scale;
  }
}
