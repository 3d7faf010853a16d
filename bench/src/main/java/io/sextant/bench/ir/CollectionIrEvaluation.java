package io.sextant.bench.ir;

import io.sextant.core.collection.Collection;
import io.sextant.core.collection.CollectionOptions;
import io.sextant.core.collection.Hit;
import io.sextant.core.collection.SearchRequest;
import io.sextant.core.data.Dataset;
import io.sextant.core.fusion.Fusion;
import io.sextant.core.text.TextAnalyzer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The held-out-synsets IR collection of {@link WordNetIrEvaluation} (same documents, queries and
 * judgements), ranked <em>through a {@link Collection}</em>: documents are upserted with their
 * vector and text, and each query runs as four {@link SearchRequest}s (vector only, text only,
 * hybrid with RRF, hybrid with weighted fusion). With the flat index this must reproduce the
 * figures computed outside the Collection, which is what the {@code ir} command's
 * {@code --compare} checks.
 */
public final class CollectionIrEvaluation {
  private CollectionIrEvaluation() {}

  /**
   * @param index "flat", "hnsw" or "ivf" (index build parameters left at their defaults)
   * @param searchParams search-time index parameters (e.g. efSearch), may be empty
   */
  public static List<WordNetIrEvaluation.ModeResult> run(Path datasetFolder, Path wordnet, WordNetIrEvaluation.Options o,
      String index, Map<String, Object> searchParams) throws IOException {
    if (!o.queryText().equals("synset")) throw new IllegalArgumentException("through the Collection only synset queries are supported");
    List<String> baseIds = lines(datasetFolder.resolve("base-ids.txt"));
    List<String> baseTexts = lines(datasetFolder.resolve("base-texts.txt"));
    List<String> queryIds = lines(datasetFolder.resolve("query-ids.txt"));
    List<String> queryTexts = lines(datasetFolder.resolve("query-texts.txt"));
    WordNetRelations relations = WordNetRelations.read(wordnet);
    Path dir = Files.createTempDirectory("sextant-ir-");
    try (Dataset ds = Dataset.open(datasetFolder)) {
      Map<String, Integer> ordOf = new HashMap<>();
      for (int i = 0; i < baseIds.size(); i++) ordOf.put(baseIds.get(i), i);
      int limit = o.maxQueries() > 0 ? Math.min(o.maxQueries(), queryIds.size()) : queryIds.size();
      List<Integer> judged = new ArrayList<>();
      List<Set<Integer>> qrels = new ArrayList<>();
      for (int q = 0; q < limit; q++) {
        Set<Integer> rel = new HashSet<>();
        for (String id : relations.related(queryIds.get(q))) {
          Integer ord = ordOf.get(id);
          if (ord != null) rel.add(ord);
        }
        if (!rel.isEmpty()) {
          judged.add(q);
          qrels.add(rel);
        }
      }
      TextAnalyzer analyzer = o.analyzer().equals("english") ? TextAnalyzer.english() : TextAnalyzer.standard();
      CollectionOptions options = CollectionOptions.builder().dimension(ds.base().dimension()).similarity(ds.similarity())
          .index(index).textAnalyzer(analyzer).maxBufferedDocs(Math.max(1, ds.base().size())).build();
      double[][] sums = new double[4][2];
      double relevantSum = 0;
      try (Collection c = Collection.open(dir, options)) {
        for (int i = 0; i < ds.base().size(); i++) c.upsert(Integer.toString(i), ds.base().get(i), null, baseTexts.get(i));
        c.forceMerge(1);
        for (int j = 0; j < judged.size(); j++) {
          int q = judged.get(j);
          float[] v = ds.queries().get(q);
          String text = queryTexts.get(q);
          SearchRequest base = SearchRequest.of(v).k(o.depth()).includeFields(false).params(searchParams);
          int[][] rankings = {
              ords(c.search(base)),
              ords(c.search(SearchRequest.ofText(text).k(o.depth()).includeFields(false))),
              ords(c.search(base.text(text).candidates(o.depth()).fusion(Fusion.rrf(o.rrfK())))),
              ords(c.search(base.text(text).candidates(o.depth()).fusion(Fusion.weighted(o.alpha()))))};
          Set<Integer> rel = qrels.get(j);
          relevantSum += rel.size();
          for (int m = 0; m < 4; m++) {
            sums[m][0] += IrMetrics.ndcg(rankings[m], rel, 10);
            sums[m][1] += IrMetrics.recall(rankings[m], rel, 100);
          }
        }
      }
      int n = judged.size();
      String common = String.format(Locale.ROOT, "\"path\":\"collection\",\"index\":\"%s\",\"query_text\":\"synset\","
          + "\"depth\":%d,\"analyzer\":\"%s\"", index, o.depth(), o.analyzer());
      String[] modes = {"vector", "bm25", "rrf", "weighted"};
      String[] params = {
          "{" + common + ",\"similarity\":\"" + ds.similarity() + "\",\"search\":\"" + searchParams + "\"}",
          "{" + common + ",\"k1\":1.2,\"b\":0.75}",
          String.format(Locale.ROOT, "{%s,\"rrf_k\":%d}", common, o.rrfK()),
          String.format(Locale.ROOT, "{%s,\"alpha\":%s}", common, o.alpha())};
      List<WordNetIrEvaluation.ModeResult> out = new ArrayList<>();
      for (int m = 0; m < 4; m++) {
        out.add(new WordNetIrEvaluation.ModeResult(modes[m], datasetFolder.getFileName().toString(), baseTexts.size(), n,
            limit - n, n == 0 ? 0 : relevantSum / n, n == 0 ? 0 : sums[m][0] / n, n == 0 ? 0 : sums[m][1] / n, params[m]));
      }
      return out;
    } finally {
      try (var s = Files.list(dir)) {
        for (Path p : s.toList()) Files.deleteIfExists(p);
      }
      Files.deleteIfExists(dir);
    }
  }

  private static int[] ords(List<Hit> hits) {
    int[] out = new int[hits.size()];
    for (int i = 0; i < out.length; i++) out[i] = Integer.parseInt(hits.get(i).id());
    return out;
  }

  private static List<String> lines(Path p) throws IOException {
    if (!Files.isRegularFile(p)) {
      throw new IOException(p + " is missing: the IR evaluation needs a wordnet-minilm dataset folder"
          + " (base-ids.txt, base-texts.txt, query-ids.txt, query-texts.txt beside the vectors)");
    }
    return Files.readAllLines(p, StandardCharsets.UTF_8);
  }
}
