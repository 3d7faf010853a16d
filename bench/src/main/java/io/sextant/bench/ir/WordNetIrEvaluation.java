package io.sextant.bench.ir;

import io.sextant.bench.data.Synset;
import io.sextant.bench.data.WordNetParser;
import io.sextant.core.data.Dataset;
import io.sextant.core.data.VectorBlock;
import io.sextant.core.flat.FlatIndex;
import io.sextant.core.fusion.FusedHit;
import io.sextant.core.fusion.Fusion;
import io.sextant.core.fusion.RankedHit;
import io.sextant.core.search.TopK.ScoredOrds;
import io.sextant.core.text.Bm25Params;
import io.sextant.core.text.Bm25Scorer;
import io.sextant.core.text.Bm25Searcher;
import io.sextant.core.text.CorpusStats;
import io.sextant.core.text.TextAnalyzer;
import io.sextant.core.text.TextIndex;
import io.sextant.core.text.TextIndexWriter;
import io.sextant.core.text.TextQuery;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * An IR test collection nobody here judged: WordNet. Documents are the base synsets of a
 * {@code wordnet-minilm} dataset ("words: gloss", embedded by all-MiniLM-L6-v2); queries are its
 * held-out synsets (their own "words: gloss" text and embedding, so a query never finds itself,
 * or their first example sentence, embedded here with the same model);
 * the relevant documents of a query are its direct hypernyms and hyponyms that are in the base
 * (WordNet's {@code @ @i ~ ~i} pointers). Queries with no relevant document in the base (most
 * adjectives and adverbs) are left out and counted.
 *
 * <p>Four rankings per query, each {@link Options#depth()} deep: exact vector search (cosine),
 * BM25 over the texts, and both fused by RRF and by weighted min-max fusion over those two
 * candidate lists. Reported: NDCG@10 and recall@100, averaged over queries. No picocli here:
 * the CLI's {@code ir} command calls {@link #run} and prints each {@link ModeResult#toJson()}.
 */
public final class WordNetIrEvaluation {
  private WordNetIrEvaluation() {}

  /**
   * @param analyzer "english" (stop words) or "standard"
   * @param queryText "synset": a held-out synset's own "words: gloss" and its cached embedding;
   *     "example": its first example sentence, embedded here (synsets without one are skipped)
   * @param maxQueries 0 for every query of the dataset
   */
  public record Options(int depth, int rrfK, double alpha, String analyzer, String queryText,
      int maxQueries, int threads) {
    public static final Options DEFAULT = new Options(100, 60, 0.5, "english", "synset", 0,
        Runtime.getRuntime().availableProcessors());

    public Options {
      if (depth < 100) throw new IllegalArgumentException("depth must be >= 100 for recall@100, got " + depth);
      if (!analyzer.equals("english") && !analyzer.equals("standard")) {
        throw new IllegalArgumentException("analyzer must be english or standard, got " + analyzer);
      }
      if (!queryText.equals("synset") && !queryText.equals("example")) {
        throw new IllegalArgumentException("queryText must be synset or example, got " + queryText);
      }
    }

    TextAnalyzer textAnalyzer() {
      return analyzer.equals("english") ? TextAnalyzer.english() : TextAnalyzer.standard();
    }

    public Options withAlpha(double a) {
      return new Options(depth, rrfK, a, analyzer, queryText, maxQueries, threads);
    }

    public Options withAnalyzer(String a) {
      return new Options(depth, rrfK, alpha, a, queryText, maxQueries, threads);
    }

    public Options withQueryText(String q) {
      return new Options(depth, rrfK, alpha, analyzer, q, maxQueries, threads);
    }

    public Options withMaxQueries(int n) {
      return new Options(depth, rrfK, alpha, analyzer, queryText, n, threads);
    }
  }

  /** One mode's averages over the judged queries. */
  public record ModeResult(String mode, String dataset, int docs, int queries, int skippedQueries,
      double meanRelevant, double ndcg10, double recall100, String params) {
    public String toJson() {
      return String.format(Locale.ROOT,
          "{\"mode\":%s,\"dataset\":%s,\"docs\":%d,\"queries\":%d,\"skipped_queries\":%d,"
              + "\"mean_relevant\":%.2f,\"ndcg10\":%.4f,\"recall100\":%.4f,\"params\":%s}",
          Json.quote(mode), Json.quote(dataset), docs, queries, skippedQueries, meanRelevant,
          ndcg10, recall100, params);
    }
  }

  /** Runs the four modes on the dataset folder, with WordNet's data files for the judgements. */
  public static List<ModeResult> run(Path datasetFolder, Path wordnet, Options o) throws IOException {
    if (o.queryText().equals("synset")) return run(datasetFolder, wordnet, o, null);
    try (SentenceEmbedder embedder = new SentenceEmbedder(o.threads())) {
      return run(datasetFolder, wordnet, o, embedder);
    }
  }

  /** As {@link #run(Path, Path, Options)}, with the embedder for example-sentence queries. */
  static List<ModeResult> run(Path datasetFolder, Path wordnet, Options o,
      Function<List<String>, float[][]> embedder) throws IOException {
    List<String> baseIds = lines(datasetFolder.resolve("base-ids.txt"));
    List<String> baseTexts = lines(datasetFolder.resolve("base-texts.txt"));
    List<String> queryIds = lines(datasetFolder.resolve("query-ids.txt"));
    List<String> queryTexts = lines(datasetFolder.resolve("query-texts.txt"));
    WordNetRelations relations = WordNetRelations.read(wordnet);
    try (Dataset ds = Dataset.open(datasetFolder)) {
      checkSize(datasetFolder, "base", ds.base().size(), baseIds.size(), baseTexts.size());
      checkSize(datasetFolder, "query", ds.queries().size(), queryIds.size(), queryTexts.size());
      Map<String, Integer> ordOf = new HashMap<>();
      for (int i = 0; i < baseIds.size(); i++) ordOf.put(baseIds.get(i), i);

      int limit = o.maxQueries() > 0 ? Math.min(o.maxQueries(), queryIds.size()) : queryIds.size();
      boolean examples = o.queryText().equals("example");
      List<Integer> judged = new ArrayList<>();
      List<Set<Integer>> qrels = new ArrayList<>();
      List<String> texts = new ArrayList<>();
      for (int q = 0; q < limit; q++) {
        Set<Integer> rel = new HashSet<>();
        for (String id : relations.related(queryIds.get(q))) {
          Integer ord = ordOf.get(id);
          if (ord != null) rel.add(ord);
        }
        String text = queryTexts.get(q);
        if (examples) {
          List<String> ex = WordNetQueries.examples(text);
          text = ex.isEmpty() ? null : ex.getFirst();
        }
        if (!rel.isEmpty() && text != null) {
          judged.add(q);
          qrels.add(rel);
          texts.add(text);
        }
      }
      int n = judged.size();
      float[][] qv = new float[n][];
      if (examples) {
        qv = embedAll(embedder, texts);
      } else {
        for (int i = 0; i < n; i++) qv[i] = ds.queries().get(judged.get(i));
      }
      return evaluate(datasetFolder.getFileName().toString(), ds.base(), ds.similarity(), baseTexts,
          qv, texts, qrels, limit - n, o);
    }
  }

  /**
   * The collection the issue describes: every synset is a document "words: definition" (examples
   * removed, see {@link WordNetDefinitionCorpus}), the queries are the first example sentences of
   * {@code queries} synsets drawn with {@code seed} among those that have one, and the relevant
   * documents of a query are its own synset and that synset's direct hypernyms and hyponyms.
   * Document embeddings are computed once and cached in {@code cacheDir}.
   */
  public static List<ModeResult> runDefinitions(Path wordnet, Path cacheDir, int queries, long seed,
      Options o) throws IOException {
    try (SentenceEmbedder embedder = new SentenceEmbedder(o.threads())) {
      return runDefinitions(wordnet, cacheDir, queries, seed, o, embedder);
    }
  }

  /** As above, with the embedder for documents and queries. */
  static List<ModeResult> runDefinitions(Path wordnet, Path cacheDir, int queries, long seed,
      Options o, Function<List<String>, float[][]> embedder) throws IOException {
    List<Synset> synsets = WordNetParser.readAll(wordnet);
    WordNetDefinitionCorpus corpus = WordNetDefinitionCorpus.prepare(cacheDir, synsets);
    corpus.ensureEmbedded(() -> embedder);
    Map<String, Integer> ordOf = new HashMap<>();
    for (int i = 0; i < corpus.ids().size(); i++) ordOf.put(corpus.ids().get(i), i);
    WordNetRelations relations = WordNetRelations.of(synsets);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < synsets.size(); i++) order.add(i);
    Collections.shuffle(order, new Random(seed));
    List<String> texts = new ArrayList<>();
    List<Set<Integer>> qrels = new ArrayList<>();
    for (int i : order) {
      if (texts.size() == queries) break;
      List<String> ex = WordNetQueries.examples(synsets.get(i).gloss());
      if (ex.isEmpty()) continue;
      Set<Integer> rel = new HashSet<>();
      rel.add(i);
      for (String id : relations.related(synsets.get(i).id())) {
        Integer ord = ordOf.get(id);
        if (ord != null) rel.add(ord);
      }
      texts.add(ex.getFirst());
      qrels.add(rel);
    }
    float[][] qv = embedAll(embedder, texts);
    try (VectorBlock docs = corpus.vectors()) {
      return evaluate("wordnet-definitions", docs.vectors(), Similarity.COSINE, corpus.texts(), qv,
          texts, qrels, 0, o.withQueryText("example"));
    }
  }

  static float[][] embedAll(Function<List<String>, float[][]> embedder, List<String> texts) {
    float[][] qv = new float[texts.size()][];
    for (int from = 0; from < texts.size(); from += 500) {
      float[][] e = embedder.apply(texts.subList(from, Math.min(texts.size(), from + 500)));
      System.arraycopy(e, 0, qv, from, e.length);
    }
    return qv;
  }

  /** Ranks every query four ways and averages NDCG@10 and recall@100 over them. */
  private static List<ModeResult> evaluate(String name, FloatVectors docs, Similarity similarity,
      List<String> docTexts, float[][] qv, List<String> queryTexts, List<Set<Integer>> qrels,
      int skipped, Options o) {
    int n = qv.length;
    ScoredOrds[] vector = new FlatIndex(docs, similarity).search(qv, o.depth(), null, Math.max(1, o.threads()));

    TextAnalyzer analyzer = o.textAnalyzer();
    TextIndexWriter w = new TextIndexWriter(analyzer);
    for (String t : docTexts) w.add(t);
    TextIndex text = TextIndex.open(w.toByteArray());
    Bm25Params bm25 = Bm25Params.DEFAULT;
    ScoredOrds[] lexical = new ScoredOrds[n];
    for (int i = 0; i < n; i++) {
      TextQuery tq = TextQuery.of(analyzer, queryTexts.get(i));
      lexical[i] = Bm25Searcher.search(text, new Bm25Scorer(bm25, tq, CorpusStats.of(tq, List.of(text))),
          o.depth(), null);
    }

    Fusion rrf = Fusion.rrf(o.rrfK());
    Fusion weighted = Fusion.weighted(o.alpha());
    double[][] sums = new double[4][2];
    double relevantSum = 0;
    for (int i = 0; i < n; i++) {
      Set<Integer> rel = qrels.get(i);
      relevantSum += rel.size();
      List<RankedHit<Integer>> v = hits(vector[i]);
      List<RankedHit<Integer>> t = hits(lexical[i]);
      int[][] rankings = {
          vector[i].ords(),
          lexical[i].ords(),
          keys(rrf.fuse(v, t, o.depth())),
          keys(weighted.fuse(v, t, o.depth()))};
      for (int m = 0; m < 4; m++) {
        sums[m][0] += IrMetrics.ndcg(rankings[m], rel, 10);
        sums[m][1] += IrMetrics.recall(rankings[m], rel, 100);
      }
    }
    double meanRel = n == 0 ? 0 : relevantSum / n;
    String common = String.format(Locale.ROOT, "\"query_text\":\"%s\",\"depth\":%d,\"analyzer\":\"%s\"",
        o.queryText(), o.depth(), o.analyzer());
    String[] modes = {"vector", "bm25", "rrf", "weighted"};
    String[] params = {
        "{" + common + ",\"similarity\":\"" + similarity + "\",\"search\":\"exact\"}",
        String.format(Locale.ROOT, "{%s,\"k1\":%s,\"b\":%s}", common, bm25.k1(), bm25.b()),
        String.format(Locale.ROOT, "{%s,\"rrf_k\":%d}", common, o.rrfK()),
        String.format(Locale.ROOT, "{%s,\"alpha\":%s}", common, o.alpha())};
    List<ModeResult> out = new ArrayList<>();
    for (int m = 0; m < 4; m++) {
      out.add(new ModeResult(modes[m], name, docTexts.size(), n, skipped, meanRel,
          n == 0 ? 0 : sums[m][0] / n, n == 0 ? 0 : sums[m][1] / n, params[m]));
    }
    return out;
  }

  private static List<RankedHit<Integer>> hits(ScoredOrds s) {
    List<RankedHit<Integer>> out = new ArrayList<>(s.size());
    for (int i = 0; i < s.size(); i++) out.add(new RankedHit<>(s.ords()[i], s.scores()[i]));
    return out;
  }

  private static int[] keys(List<FusedHit<Integer>> hits) {
    int[] out = new int[hits.size()];
    for (int i = 0; i < out.length; i++) out[i] = hits.get(i).key();
    return out;
  }

  private static List<String> lines(Path p) throws IOException {
    if (!Files.isRegularFile(p)) {
      throw new IOException(p + " is missing: the IR evaluation needs a wordnet-minilm dataset folder"
          + " (base-ids.txt, base-texts.txt, query-ids.txt, query-texts.txt beside the vectors)");
    }
    return Files.readAllLines(p, StandardCharsets.UTF_8);
  }

  private static void checkSize(Path folder, String what, int vectors, int ids, int texts)
      throws IOException {
    if (vectors != ids || vectors != texts) {
      throw new IOException(folder + ": " + vectors + " " + what + " vectors but " + ids
          + " lines in " + what + "-ids.txt and " + texts + " in " + what + "-texts.txt");
    }
  }
}
