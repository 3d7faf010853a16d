package io.sextant.bench.ir;

import io.sextant.bench.data.Synset;
import io.sextant.bench.data.WordNetParser;
import io.sextant.core.search.TopK;
import io.sextant.core.text.Bm25Params;
import io.sextant.core.text.Bm25Scorer;
import io.sextant.core.text.Bm25Searcher;
import io.sextant.core.text.CorpusStats;
import io.sextant.core.text.TextAnalyzer;
import io.sextant.core.text.TextIndex;
import io.sextant.core.text.TextIndexWriter;
import io.sextant.core.text.TextQuery;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.SmallFloat;
import org.roaringbitmap.RoaringBitmap;

/**
 * Checks that Sextant's BM25 gives Lucene's scores: both index the same texts (Sextant with
 * {@link TextAnalyzer#standard()}, Lucene with StandardTokenizer + LowerCaseFilter +
 * ASCIIFoldingFilter, same k1 and b), then for every query both top-k lists are compared, and
 * every document in either list is scored by both engines. Also reports where the analyzers
 * disagree and where document lengths differ after the one-byte encoding. No picocli here: the
 * CLI calls {@link #compare} and prints {@link Report#toJson()}.
 */
public final class Bm25Agreement {
  /** Relative score difference that counts as a disagreement. */
  public static final double TOLERANCE = 1e-4;

  private Bm25Agreement() {}

  /**
   * What was compared and how well the engines agree.
   *
   * @param comparedScores documents scored by both engines (each query's union of the two top-k)
   * @param maxRelativeError largest |sextant − lucene| / max(|sextant|, |lucene|) over them
   * @param scoresOverTolerance how many of them differ by more than {@link #TOLERANCE}
   * @param meanTopKOverlap mean over queries of |ours ∩ lucene's| / the longer list's length
   * @param identicalTopKOrder queries whose top-k lists are equal, order included
   * @param analysisDiffDocs documents whose terms differ between the two analyzers
   * @param lengthDiffDocs documents whose encoded length differs
   * @param sextantUnprunedMeanQueryMs the same queries scored without pruning
   */
  public record Report(String corpus, int docs, int queries, int k, float k1, float b,
      long comparedScores, double maxRelativeError, long scoresOverTolerance,
      double meanTopKOverlap, int identicalTopKOrder, int analysisDiffDocs,
      List<String> analysisExamples, int lengthDiffDocs, double sextantBuildSeconds,
      double luceneBuildSeconds, double sextantMeanQueryMs, double luceneMeanQueryMs,
      double sextantUnprunedMeanQueryMs) {

    public String toJson() {
      StringBuilder ex = new StringBuilder("[");
      for (String e : analysisExamples) {
        if (ex.length() > 1) ex.append(',');
        ex.append(Json.quote(e));
      }
      ex.append(']');
      return String.format(java.util.Locale.ROOT,
          "{\"check\":\"bm25-lucene\",\"corpus\":%s,\"docs\":%d,\"queries\":%d,\"k\":%d,\"k1\":%s,"
              + "\"b\":%s,\"compared_scores\":%d,\"max_relative_error\":%.3e,"
              + "\"scores_over_1e-4\":%d,\"mean_topk_overlap\":%.4f,\"identical_topk_order\":%d,"
              + "\"analysis_diff_docs\":%d,\"analysis_examples\":%s,\"length_diff_docs\":%d,"
              + "\"sextant_build_s\":%.2f,\"lucene_build_s\":%.2f,\"sextant_query_ms\":%.3f,"
              + "\"lucene_query_ms\":%.3f,\"sextant_unpruned_query_ms\":%.3f}",
          Json.quote(corpus), docs, queries, k, k1, b, comparedScores, maxRelativeError,
          scoresOverTolerance, meanTopKOverlap, identicalTopKOrder, analysisDiffDocs, ex,
          lengthDiffDocs, sextantBuildSeconds, luceneBuildSeconds, sextantMeanQueryMs,
          luceneMeanQueryMs, sextantUnprunedMeanQueryMs);
    }
  }

  /**
   * The check on WordNet 3.0: every synset's "words: gloss" is a document; the queries are the
   * first example sentence (or the definition) of {@code queries} synsets drawn with {@code seed}.
   *
   * @param wordnet folder with data.noun/verb/adj/adv ({@link WordNetFiles#ensure()})
   */
  public static Report wordNet(Path wordnet, int queries, long seed, Bm25Params params, int k)
      throws IOException {
    List<Synset> synsets = WordNetParser.readAll(wordnet);
    List<String> docs = synsets.stream().map(Synset::text).toList();
    return compare("wordnet-3.0 synsets", docs, WordNetQueries.sample(synsets, queries, seed),
        params, k);
  }

  /** Indexes {@code docs} in both engines and compares the top {@code k} of every query. */
  public static Report compare(String corpus, List<String> docs, List<String> queries,
      Bm25Params params, int k) throws IOException {
    TextAnalyzer analyzer = TextAnalyzer.standard();
    long t0 = System.nanoTime();
    TextIndexWriter w = new TextIndexWriter(analyzer);
    for (String d : docs) w.add(d);
    TextIndex index = TextIndex.open(w.toByteArray());
    double sextantBuild = (System.nanoTime() - t0) / 1e9;

    t0 = System.nanoTime();
    try (LuceneBm25 lucene = new LuceneBm25(docs, params.k1(), params.b())) {
      double luceneBuild = (System.nanoTime() - t0) / 1e9;

      int analysisDiff = 0;
      int lengthDiff = 0;
      List<String> examples = new ArrayList<>();
      for (int d = 0; d < docs.size(); d++) {
        List<String> ours = analyzer.analyze(docs.get(d));
        List<String> theirs = lucene.analyze(docs.get(d));
        if (!ours.equals(theirs)) {
          analysisDiff++;
          if (examples.size() < 5) examples.add(firstDifference(docs.get(d), ours, theirs));
        }
        int luceneLength = SmallFloat.byte4ToInt(SmallFloat.intToByte4(theirs.size()));
        if (index.length(d) != luceneLength) lengthDiff++;
      }

      long compared = 0;
      long over = 0;
      double maxErr = 0;
      double overlapSum = 0;
      int identical = 0;
      for (String qt : queries) {
        TextQuery q = TextQuery.of(analyzer, qt);
        Bm25Scorer scorer = new Bm25Scorer(params, q, CorpusStats.of(q, List.of(index)));
        TopK.ScoredOrds ours = Bm25Searcher.search(index, scorer, k, null);
        Query lq = lucene.query(qt);
        TopDocs theirs = lucene.search(lq, k);

        Set<Integer> union = new HashSet<>();
        Set<Integer> luceneTop = new HashSet<>();
        for (int o : ours.ords()) union.add(o);
        for (ScoreDoc sd : theirs.scoreDocs) {
          union.add(sd.doc);
          luceneTop.add(sd.doc);
        }
        int common = 0;
        for (int o : ours.ords()) if (luceneTop.contains(o)) common++;
        int larger = Math.max(ours.size(), theirs.scoreDocs.length);
        overlapSum += larger == 0 ? 1.0 : (double) common / larger;
        if (sameOrder(ours, theirs)) identical++;

        // Score every document of the union in both engines: ours through an accept-bitmap
        // holding just those documents, Lucene's through explain().
        RoaringBitmap only = new RoaringBitmap();
        union.forEach(only::add);
        TopK.ScoredOrds oursOnUnion = Bm25Searcher.search(index, scorer, union.size(), only);
        Map<Integer, Float> ourScores = new HashMap<>();
        for (int i = 0; i < oursOnUnion.size(); i++) {
          ourScores.put(oursOnUnion.ords()[i], oursOnUnion.scores()[i]);
        }
        for (int doc : union) {
          float a = ourScores.getOrDefault(doc, 0f);
          float l = lucene.score(lq, doc);
          double err = a == l ? 0 : Math.abs(a - l) / Math.max(Math.abs(a), Math.abs(l));
          compared++;
          if (err > TOLERANCE) over++;
          maxErr = Math.max(maxErr, err);
        }
      }
      // Latency: two warm-up passes, then one timed pass per engine, single-threaded; each
      // query analyzed, its statistics gathered and its top k found.
      double sextantMs = 0;
      double luceneMs = 0;
      double unprunedMs = 0;
      for (int pass = 0; pass < 3; pass++) {
        long t = System.nanoTime();
        for (String qt : queries) {
          TextQuery q = TextQuery.of(analyzer, qt);
          Bm25Searcher.search(index, new Bm25Scorer(params, q, CorpusStats.of(q, List.of(index))), k, null);
        }
        sextantMs = (System.nanoTime() - t) / 1e6;
        t = System.nanoTime();
        for (String qt : queries) lucene.search(lucene.query(qt), k);
        luceneMs = (System.nanoTime() - t) / 1e6;
        // Every posting of every query term decoded and scored: the ratio to the timed pass
        // above is what block-max MaxScore saves.
        t = System.nanoTime();
        for (String qt : queries) {
          TextQuery q = TextQuery.of(analyzer, qt);
          Bm25Searcher.searchExhaustive(index,
              new Bm25Scorer(params, q, CorpusStats.of(q, List.of(index))), k, null);
        }
        unprunedMs = (System.nanoTime() - t) / 1e6;
      }
      int nq = Math.max(1, queries.size());
      return new Report(corpus, docs.size(), queries.size(), k, params.k1(), params.b(), compared,
          maxErr, over, overlapSum / nq, identical, analysisDiff, examples, lengthDiff,
          sextantBuild, luceneBuild, sextantMs / nq, luceneMs / nq, unprunedMs / nq);
    }
  }

  private static boolean sameOrder(TopK.ScoredOrds ours, TopDocs theirs) {
    if (ours.size() != theirs.scoreDocs.length) return false;
    for (int i = 0; i < ours.size(); i++) {
      if (ours.ords()[i] != theirs.scoreDocs[i].doc) return false;
    }
    return true;
  }

  private static String firstDifference(String text, List<String> ours, List<String> theirs) {
    int i = 0;
    while (i < ours.size() && i < theirs.size() && ours.get(i).equals(theirs.get(i))) i++;
    String o = i < ours.size() ? ours.get(i) : "(end)";
    String t = i < theirs.size() ? theirs.get(i) : "(end)";
    String shortText = text.length() > 80 ? text.substring(0, 80) + "…" : text;
    return "term " + i + ": sextant '" + o + "' vs lucene '" + t + "' in \"" + shortText + "\"";
  }
}
