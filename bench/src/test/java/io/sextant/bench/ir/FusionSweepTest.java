package io.sextant.bench.ir;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.bench.data.DatasetRegistry;
import io.sextant.bench.data.Synset;
import io.sextant.bench.data.WordNetParser;
import io.sextant.core.data.VectorBlock;
import io.sextant.core.flat.FlatIndex;
import io.sextant.core.search.TopK.ScoredOrds;
import io.sextant.core.text.Bm25Params;
import io.sextant.core.text.Bm25Scorer;
import io.sextant.core.text.Bm25Searcher;
import io.sextant.core.text.CorpusStats;
import io.sextant.core.text.TextAnalyzer;
import io.sextant.core.text.TextIndex;
import io.sextant.core.text.TextIndexWriter;
import io.sextant.core.text.TextQuery;
import io.sextant.core.vector.Similarity;
import java.io.IOException;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

/**
 * How much fusion can gain on the WordNet definitions collection, with the fusion's knobs chosen
 * on a development split and reported on the test split (the 2,000 queries of
 * {@link WordNetIrEvaluationTest}, seed 7; the next 2,000 of the same shuffle are the dev split,
 * so the two never share a query). Families: RRF (k, text weight), and a convex combination
 * (alpha) of scores normalised by min-max, z-score or the theoretical minimum (score / max, the
 * "TM2C2" of Bruch et al. 2023), each either over the two top-100 lists as they come (a document
 * missing from one list gets 0 from it) or after scoring every candidate of the union on both
 * sides ("full": its real cosine and its real BM25 score). Prints one line per setting; asserts
 * only that the pipeline ranks far above chance.
 * {@code ./mvnw -pl bench -am test -Dtest=FusionSweepTest -Dsextant.test.excludedGroups= -Dsurefire.failIfNoSpecifiedTests=false}
 * (needs the definitions corpus embedded, see WordNetIrEvaluationTest; the 4,000 query
 * sentences are embedded each run, about a minute).
 */
@Tag("longrun")
class FusionSweepTest {
  private static final int TEST = 2000;
  private static final int DEV = 2000;
  private static final int DEPTH = 100;

  private enum Norm { MINMAX, ZSCORE, THEORETICAL_MIN }

  private interface Ranker {
    int[] rank(int query);
  }

  @Test
  void sweep() throws IOException {
    Path wordnet = WordNetFiles.ensure();
    List<Synset> synsets = WordNetParser.readAll(wordnet);
    WordNetDefinitionCorpus corpus = WordNetDefinitionCorpus.prepare(
        DatasetRegistry.defaultCache().resolve("wordnet-definitions"), synsets);
    float[][] qv;
    List<String> texts = new ArrayList<>();
    List<Set<Integer>> qrels = new ArrayList<>();
    try (SentenceEmbedder embedder = new SentenceEmbedder(Runtime.getRuntime().availableProcessors())) {
      corpus.ensureEmbedded(() -> embedder);
      judged(synsets, corpus, texts, qrels);
      qv = new float[texts.size()][];
      for (int from = 0; from < texts.size(); from += 500) {
        float[][] e = embedder.apply(texts.subList(from, Math.min(texts.size(), from + 500)));
        System.arraycopy(e, 0, qv, from, e.length);
      }
    }
    int n = qv.length;
    try (VectorBlock docs = corpus.vectors()) {
      FlatIndex flat = new FlatIndex(docs.vectors(), Similarity.COSINE);
      TextAnalyzer analyzer = TextAnalyzer.english();
      TextIndexWriter w = new TextIndexWriter(analyzer);
      for (String t : corpus.texts()) w.add(t);
      TextIndex text = TextIndex.open(w.toByteArray());
      ScoredOrds[] vec = flat.search(qv, DEPTH, null, 2);
      ScoredOrds[] lex = new ScoredOrds[n];
      ScoredOrds[] vecFull = new ScoredOrds[n];
      ScoredOrds[] lexFull = new ScoredOrds[n];
      for (int i = 0; i < n; i++) {
        TextQuery tq = TextQuery.of(analyzer, texts.get(i));
        Bm25Scorer scorer = new Bm25Scorer(Bm25Params.DEFAULT, tq, CorpusStats.of(tq, List.of(text)));
        lex[i] = Bm25Searcher.search(text, scorer, DEPTH, null);
        RoaringBitmap union = RoaringBitmap.bitmapOf(vec[i].ords());
        union.add(lex[i].ords());
        int c = union.getCardinality();
        vecFull[i] = flat.search(qv[i], c, union);
        lexFull[i] = Bm25Searcher.search(text, scorer, c, union);
      }
      double vector = report("vector", qrels, q -> vec[q].ords())[0];
      double bm25 = report("bm25", qrels, q -> lex[q].ords())[0];
      double bestDev = -1;
      String bestName = null;
      double bestTest = 0;
      List<Object[]> settings = new ArrayList<>();
      for (int k : new int[] {5, 10, 20, 60}) {
        for (double wText : new double[] {0.5, 0.6, 0.7}) {
          settings.add(new Object[] {String.format(Locale.ROOT, "rrf k=%d text_weight=%.1f", k, wText),
              (Ranker) q -> rrf(vec[q], lex[q], k, wText)});
        }
      }
      for (Norm norm : Norm.values()) {
        for (int a = 1; a <= 9; a++) {
          double alpha = a / 10.0;
          settings.add(new Object[] {String.format(Locale.ROOT, "%s alpha=%.1f", norm, alpha),
              (Ranker) q -> convex(vec[q], lex[q], alpha, norm)});
          settings.add(new Object[] {String.format(Locale.ROOT, "full %s alpha=%.1f", norm, alpha),
              (Ranker) q -> convex(vecFull[q], lexFull[q], alpha, norm)});
        }
      }
      for (Object[] s : settings) {
        double[] r = report((String) s[0], qrels, (Ranker) s[1]);
        if (r[1] > bestDev) {
          bestDev = r[1];
          bestName = (String) s[0];
          bestTest = r[0];
        }
      }
      System.out.printf(Locale.ROOT, "chosen on dev: %s -> test NDCG@10 %.4f, %+.4f over the better side (goal +0.03)%n",
          bestName, bestTest, bestTest - Math.max(vector, bm25));
      assertThat(vector).isGreaterThan(0.1);
      assertThat(bm25).isGreaterThan(0.1);
    }
  }

  /** Test queries first (the same 2,000 as the evaluation), dev queries after, one shuffle. */
  private static void judged(List<Synset> synsets, WordNetDefinitionCorpus corpus, List<String> texts,
      List<Set<Integer>> qrels) {
    Map<String, Integer> ordOf = new HashMap<>();
    for (int i = 0; i < corpus.ids().size(); i++) ordOf.put(corpus.ids().get(i), i);
    WordNetRelations relations = WordNetRelations.of(synsets);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < synsets.size(); i++) order.add(i);
    Collections.shuffle(order, new Random(7));
    for (int i : order) {
      if (texts.size() == TEST + DEV) break;
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
  }

  /** {test, dev} mean NDCG@10. */
  private static double[] report(String name, List<Set<Integer>> qrels, Ranker r) {
    double test = 0;
    double dev = 0;
    for (int q = 0; q < qrels.size(); q++) {
      double s = IrMetrics.ndcg(r.rank(q), qrels.get(q), 10);
      if (q < TEST) test += s; else dev += s;
    }
    double[] out = {test / TEST, dev / Math.max(1, qrels.size() - TEST)};
    System.out.printf(Locale.ROOT, "%-34s test %.4f  dev %.4f%n", name, out[0], out[1]);
    return out;
  }

  private static int[] rrf(ScoredOrds v, ScoredOrds t, int k, double textWeight) {
    Map<Integer, Double> s = new HashMap<>();
    for (int i = 0; i < v.size(); i++) s.merge(v.ords()[i], (1 - textWeight) / (k + i + 1), Double::sum);
    for (int i = 0; i < t.size(); i++) s.merge(t.ords()[i], textWeight / (k + i + 1), Double::sum);
    return best(s);
  }

  private static int[] convex(ScoredOrds v, ScoredOrds t, double alpha, Norm norm) {
    Map<Integer, Double> s = new HashMap<>();
    add(s, v, alpha, norm);
    add(s, t, 1 - alpha, norm);
    return best(s);
  }

  /** Adds weight × normalised score; the list's lowest maps to 0, as a missing document does. */
  private static void add(Map<Integer, Double> s, ScoredOrds x, double weight, Norm norm) {
    int n = x.size();
    if (n == 0) return;
    float[] sc = x.scores();
    double max = sc[0];
    double min = sc[n - 1];
    double mean = 0;
    for (int i = 0; i < n; i++) mean += sc[i];
    mean /= n;
    double var = 0;
    for (int i = 0; i < n; i++) var += (sc[i] - mean) * (sc[i] - mean);
    double sd = Math.sqrt(var / n);
    for (int i = 0; i < n; i++) {
      double v = switch (norm) {
        case MINMAX -> max == min ? 1 : (sc[i] - min) / (max - min);
        case ZSCORE -> sd == 0 ? 1 : (sc[i] - min) / sd;
        case THEORETICAL_MIN -> max == 0 ? 0 : sc[i] / max; // both scores are >= 0 with 0 their floor
      };
      s.merge(x.ords()[i], weight * v, Double::sum);
    }
  }

  private static int[] best(Map<Integer, Double> s) {
    return s.entrySet().stream()
        .sorted((a, b) -> {
          int c = Double.compare(b.getValue(), a.getValue());
          return c != 0 ? c : Integer.compare(a.getKey(), b.getKey());
        })
        .limit(DEPTH).mapToInt(Map.Entry::getKey).toArray();
  }
}
