package io.sextant.bench.ir;

import io.sextant.core.collection.Collection;
import io.sextant.core.collection.Hit;
import io.sextant.core.collection.SearchRequest;
import io.sextant.core.fusion.Fusion;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * NDCG@10 and recall@100 on the WordNet definitions collection ({@link DefinitionsCollection},
 * 117,659 documents) with either query set of {@link DefinitionQuerySet}, every ranking done by
 * {@link Collection#search}: vector only, BM25 only, RRF (k fixed in advance), weighted min-max
 * fusion (alpha fixed in advance) and {@link Fusion#combined} with its alpha chosen on a
 * development split. The queries are drawn from one seeded shuffle: the first
 * {@link Options#testQueries()} are the reported (test) split, the next
 * {@link Options#devQueries()} the development split where alpha is chosen (0.1 .. 0.9, best
 * mean NDCG@10); the two never share a query. With seed 7 and the examples set the test split
 * is the 2,000 queries of the earlier figures and the dev split that of FusionSweepTest.
 */
public final class DefinitionsIrEvaluation {
  static final int DEPTH = 100;
  private static final double[] ALPHAS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};

  private DefinitionsIrEvaluation() {}

  /**
   * @param querySet "examples" or "glosses"
   * @param index "flat" (exact, the default), "hnsw" or "ivf"
   */
  public record Options(String querySet, int testQueries, int devQueries, long seed, String index,
      Map<String, Object> searchParams, int rrfK, double alpha, int threads) {
    public Options {
      DefinitionQuerySet.parse(querySet);
      if (testQueries < 1 || devQueries < 1) {
        throw new IllegalArgumentException("test and dev queries must be >= 1, got " + testQueries + " and " + devQueries);
      }
      searchParams = Map.copyOf(searchParams);
    }
  }

  /** The figures on the test split, one per mode; progress and the dev sweep go to {@code log}. */
  public static List<WordNetIrEvaluation.ModeResult> run(Path wordnet, Path cacheDir, Options o, PrintWriter log)
      throws IOException {
    return run(wordnet, cacheDir, o, log, "minilm");
  }

  /**
   * As above with a named embedding model ({@link SentenceEmbedder#MODELS}) for documents and queries,
   * queries prefixed with the model's documented retrieval instruction ({@link SentenceEmbedder#queryInstruction}).
   */
  public static List<WordNetIrEvaluation.ModeResult> run(Path wordnet, Path cacheDir, Options o, PrintWriter log,
      String model) throws IOException {
    return run(wordnet, cacheDir, o, log, model, SentenceEmbedder.queryInstruction(model));
  }

  /** The query prefix {@code model}'s documentation recommends for retrieval ("" for none). */
  public static String defaultQueryInstruction(String model) {
    return SentenceEmbedder.queryInstruction(model);
  }

  /** As above with an explicit query prefix ("" for none). */
  public static List<WordNetIrEvaluation.ModeResult> run(Path wordnet, Path cacheDir, Options o, PrintWriter log,
      String model, String queryPrefix) throws IOException {
    try (SentenceEmbedder embedder = new SentenceEmbedder(o.threads(), model)) {
      return run(wordnet, cacheDir.resolveSibling(cacheDir.getFileName() + SentenceEmbedder.cacheSuffix(model)), o, log, embedder,
          queryPrefix);
    }
  }

  /** As above, with the embedder for documents (when not cached) and queries, queries taken as they are. */
  static List<WordNetIrEvaluation.ModeResult> run(Path wordnet, Path cacheDir, Options o, PrintWriter log,
      java.util.function.Function<List<String>, float[][]> embedder) throws IOException {
    return run(wordnet, cacheDir, o, log, embedder, "");
  }

  /** As above; {@code queryPrefix} goes in front of each query text for the embedder only (BM25 sees the query itself). */
  static List<WordNetIrEvaluation.ModeResult> run(Path wordnet, Path cacheDir, Options o, PrintWriter log,
      java.util.function.Function<List<String>, float[][]> embedder, String queryPrefix) throws IOException {
    DefinitionQuerySet set = DefinitionQuerySet.parse(o.querySet());
    try (DefinitionsCollection dc = timed(log, "loading the collection", () -> DefinitionsCollection.open(wordnet, cacheDir, o.index(), () -> embedder))) {
      List<DefinitionQuerySet.JudgedQuery> queries = set.draw(dc.synsets, dc.ordOf, dc.relations, o.seed(),
          o.testQueries() + o.devQueries());
      float[][] qv = timed(log, "embedding " + queries.size() + " queries",
          () -> WordNetIrEvaluation.embedAll(embedder, queries.stream().map(q -> queryPrefix + q.text()).toList()));
      Requests r = new Requests(queries, qv, o.searchParams());
      Ranker ranker = new Ranker(o.threads());
      int test = o.testQueries();
      int all = queries.size();

      // Dev: alpha chosen by re-fusing each query's complete candidate lists (see DevLists) with the
      // core's Fusion.combined for every alpha: one vector scan per query instead of one per alpha.
      double[] dev = timed(log, "dev sweep on " + (all - test) + " queries",
          () -> ranker.mean(test, all, j -> DevLists.of(dc.collection, r, j).metricsPerAlpha(ALPHAS, queries.get(j).relevant())));
      double bestDev = -1;
      double bestAlpha = Double.NaN;
      StringBuilder devJson = new StringBuilder("{");
      for (int a = 0; a < ALPHAS.length; a++) {
        log.printf(Locale.ROOT, "dev: combined alpha=%.1f ndcg10 %.4f recall100 %.4f%n", ALPHAS[a], dev[2 * a], dev[2 * a + 1]);
        devJson.append(a > 0 ? "," : "").append(String.format(Locale.ROOT, "\"%.1f\":%.4f", ALPHAS[a], dev[2 * a]));
        if (dev[2 * a] > bestDev) {
          bestDev = dev[2 * a];
          bestAlpha = ALPHAS[a];
        }
      }
      devJson.append('}');
      double chosen = bestAlpha;

      String common = String.format(Locale.ROOT, "\"path\":\"collection\",\"index\":\"%s\",\"query_set\":\"%s\","
          + "\"split\":\"test\",\"seed\":%d,\"depth\":%d,\"analyzer\":\"english\",\"own_doc\":\"%s\"", o.index(), set.label(),
          o.seed(), DEPTH, set == DefinitionQuerySet.GLOSSES ? "excluded by filter" : "relevant")
          + (queryPrefix.isEmpty() ? "" : ",\"query_instruction\":" + Json.quote(queryPrefix));
      String[] modes = {"vector", "bm25", "rrf", "weighted", "combined"};
      String[] params = {
          "{" + common + ",\"similarity\":\"COSINE\",\"search\":\"" + o.searchParams() + "\"}",
          "{" + common + ",\"k1\":1.2,\"b\":0.75}",
          String.format(Locale.ROOT, "{%s,\"rrf_k\":%d}", common, o.rrfK()),
          String.format(Locale.ROOT, "{%s,\"alpha\":%s}", common, o.alpha()),
          String.format(Locale.ROOT, "{%s,\"alpha\":%.1f,\"alpha_chosen_on\":\"dev\",\"dev_queries\":%d,\"dev_ndcg10\":%s}",
              common, chosen, all - test, devJson)};
      List<IntFunction<SearchRequest>> requests = List.of(
          r::vector, r::text, j -> r.hybrid(j, Fusion.rrf(o.rrfK())), j -> r.hybrid(j, Fusion.weighted(o.alpha())),
          j -> r.hybrid(j, Fusion.combined(chosen)));
      double meanRel = queries.subList(0, test).stream().mapToInt(q -> q.relevant().size()).average().orElse(0);
      List<WordNetIrEvaluation.ModeResult> out = new ArrayList<>();
      for (int m = 0; m < modes.length; m++) {
        IntFunction<SearchRequest> req = requests.get(m);
        double[] s = timed(log, "test: " + modes[m], () -> ranker.mean(0, test,
            j -> metrics(ords(dc.collection.search(req.apply(j))), queries.get(j).relevant())));
        log.printf(Locale.ROOT, "test: %s ndcg10 %.4f recall100 %.4f%n", modes[m], s[0], s[1]);
        log.flush();
        out.add(new WordNetIrEvaluation.ModeResult(modes[m], "wordnet-definitions", dc.size(), test, 0, meanRel,
            s[0], s[1], params[m]));
      }
      return out;
    }
  }

  /** The search requests of each mode for query j. */
  record Requests(List<DefinitionQuerySet.JudgedQuery> queries, float[][] qv, Map<String, Object> search) {
    SearchRequest vector(int j) {
      return filtered(j, SearchRequest.of(qv[j]).k(DEPTH).includeFields(false).params(search));
    }

    SearchRequest text(int j) {
      return filtered(j, SearchRequest.ofText(queries.get(j).text()).k(DEPTH).includeFields(false));
    }

    SearchRequest hybrid(int j, Fusion fusion) {
      return vector(j).text(queries.get(j).text()).candidates(DEPTH).fusion(fusion);
    }

    private SearchRequest filtered(int j, SearchRequest r) {
      DefinitionQuerySet.JudgedQuery q = queries.get(j);
      return q.excludeOwn() ? r.filter(DefinitionsCollection.without(q.own())) : r;
    }
  }

  /** {NDCG@10, recall@100} of a ranking. */
  static double[] metrics(int[] ranked, java.util.Set<Integer> relevant) {
    return new double[] {IrMetrics.ndcg(ranked, relevant, 10), IrMetrics.recall(ranked, relevant, 100)};
  }

  /** Per-query metric vectors for a range of queries, computed on a pool of threads, averaged. */
  record Ranker(int threads) {
    interface QueryMetrics {
      double[] of(int query) throws IOException;
    }

    double[] mean(int from, int to, QueryMetrics metrics) {
      double[][] per = new double[to - from][];
      ForkJoinPool pool = new ForkJoinPool(Math.max(1, threads));
      try {
        pool.submit(() -> IntStream.range(from, to).parallel().forEach(j -> {
          try {
            per[j - from] = metrics.of(j);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        })).get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
      } finally {
        pool.shutdown();
      }
      double[] sum = new double[per[0].length];
      for (double[] p : per) for (int i = 0; i < sum.length; i++) sum[i] += p[i];
      for (int i = 0; i < sum.length; i++) sum[i] /= per.length;
      return sum;
    }
  }

  static int[] ords(List<Hit> hits) {
    int[] out = new int[hits.size()];
    for (int i = 0; i < out.length; i++) out[i] = Integer.parseInt(hits.get(i).id());
    return out;
  }

  private interface IoSupplier<T> {
    T get() throws IOException;
  }

  private static <T> T timed(PrintWriter log, String what, IoSupplier<T> step) throws IOException {
    long t0 = System.nanoTime();
    log.printf("%s ...%n", what);
    log.flush();
    T t = step.get();
    log.printf(Locale.ROOT, "%s: %.1f s%n", what, (System.nanoTime() - t0) / 1e9);
    log.flush();
    return t;
  }
}
