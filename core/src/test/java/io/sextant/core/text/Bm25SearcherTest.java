package io.sextant.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.core.search.TopK;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

/**
 * BM25 against a reference written from the formula in double precision, and the pruned
 * (block-max MaxScore) top-k against scoring every posting.
 */
class Bm25SearcherTest {
  private static final int DOCS = 6000;
  private static List<List<String>> corpus;
  private static TextIndex index;
  private static String[] vocabulary;
  private static List<Map<String, Integer>> termFreqs;
  private static Map<String, Integer> docFreqs;

  @BeforeAll
  static void buildCorpus() {
    // Zipf-like vocabulary so that some terms fill many 128-posting blocks and others few;
    // lengths from 0 to ~400 so that the one-byte length encoding is exercised.
    Random rnd = new Random(1234);
    vocabulary = new String[2000];
    for (int i = 0; i < vocabulary.length; i++) vocabulary[i] = "w" + i;
    corpus = new ArrayList<>();
    TextIndexWriter w = new TextIndexWriter(TextAnalyzer.standard());
    for (int d = 0; d < DOCS; d++) {
      int len = rnd.nextInt(20) == 0 ? 0 : (int) Math.min(400, Math.exp(rnd.nextDouble() * 6));
      List<String> doc = new ArrayList<>();
      for (int i = 0; i < len; i++) doc.add(zipf(rnd));
      corpus.add(doc);
      assertThat(w.addTerms(doc)).isEqualTo(d);
    }
    index = TextIndex.open(w.toByteArray());
    termFreqs = new ArrayList<>();
    docFreqs = new HashMap<>();
    for (List<String> doc : corpus) {
      Map<String, Integer> tf = new HashMap<>();
      for (String t : doc) tf.merge(t, 1, Integer::sum);
      termFreqs.add(tf);
      for (String t : tf.keySet()) docFreqs.merge(t, 1, Integer::sum);
    }
  }

  private static String zipf(Random rnd) {
    double u = rnd.nextDouble();
    int rank = (int) Math.floor(Math.pow(vocabulary.length + 1, u)) - 1;
    return vocabulary[Math.min(rank, vocabulary.length - 1)];
  }

  @Test
  void statisticsMatchTheCorpus() {
    long withText = corpus.stream().filter(d -> !d.isEmpty()).count();
    long total = corpus.stream().mapToLong(List::size).sum();
    assertThat(index.docCount()).isEqualTo(DOCS);
    assertThat(index.docsWithText()).isEqualTo(withText);
    assertThat(index.sumTotalTermFreq()).isEqualTo(total);
    for (String t : List.of("w0", "w1", "w17", "w1999", "nope")) {
      long df = corpus.stream().filter(d -> d.contains(t)).count();
      assertThat(index.docFreq(t)).as(t).isEqualTo(df);
    }
    for (int d = 0; d < DOCS; d += 37) {
      assertThat(index.length(d)).isEqualTo(LengthNorm.decode(LengthNorm.encode(corpus.get(d).size())));
    }
  }

  @Test
  void scoresMatchTheDoublePrecisionReference() {
    Random rnd = new Random(5);
    for (int q = 0; q < 120; q++) {
      TextQuery query = randomQuery(rnd);
      Bm25Params params = q % 3 == 0 ? Bm25Params.DEFAULT
          : new Bm25Params(rnd.nextFloat() * 2, rnd.nextFloat());
      Bm25Scorer scorer = new Bm25Scorer(params, query, CorpusStats.of(query, List.of(index)));
      TopK.ScoredOrds hits = Bm25Searcher.search(index, scorer, 50, null);
      double[] ref = referenceScores(query, params);
      for (int i = 0; i < hits.size(); i++) {
        double expected = ref[hits.ords()[i]];
        assertThat((double) hits.scores()[i]).as("query %s doc %d", query, hits.ords()[i])
            .isCloseTo(expected, org.assertj.core.data.Offset.offset(Math.abs(expected) * 1e-5));
      }
      // Nothing the reference ranks strictly above the k-th hit is missing.
      if (hits.size() == 50) {
        float kth = hits.scores()[49];
        long above = Arrays.stream(ref).filter(s -> s > kth * (1 + 1e-5)).count();
        assertThat(above).isLessThanOrEqualTo(50);
      } else {
        long matching = Arrays.stream(ref).filter(s -> s > 0).count();
        assertThat(hits.size()).isEqualTo(matching);
      }
    }
  }

  /** BM25 straight from its definition, in double, with the lengths BM25 is defined to use here. */
  private static double[] referenceScores(TextQuery query, Bm25Params p) {
    long n = corpus.stream().filter(d -> !d.isEmpty()).count();
    double avg = corpus.stream().mapToLong(List::size).sum() / (double) n;
    double[] scores = new double[DOCS];
    for (int i = 0; i < query.size(); i++) {
      String t = query.terms().get(i);
      long df = docFreqs.getOrDefault(t, 0);
      double idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      for (int d = 0; d < DOCS; d++) {
        int f = termFreqs.get(d).getOrDefault(t, 0);
        if (f == 0) continue;
        double len = LengthNorm.decode(LengthNorm.encode(corpus.get(d).size()));
        scores[d] += query.count(i) * idf * f / (f + p.k1() * (1 - p.b() + p.b() * len / avg));
      }
    }
    return scores;
  }

  @Test
  void prunedTopKEqualsExhaustiveTopK() {
    Random rnd = new Random(77);
    Map<String, int[][]> postings = invert();
    int[] ks = {1, 3, 10, 100, 1000};
    for (int q = 0; q < 300; q++) {
      TextQuery query = randomQuery(rnd);
      Bm25Scorer scorer = new Bm25Scorer(Bm25Params.DEFAULT, query, CorpusStats.of(query, List.of(index)));
      int k = ks[rnd.nextInt(ks.length)];
      RoaringBitmap accept = null;
      if (rnd.nextInt(3) == 0) {
        accept = new RoaringBitmap();
        double density = Math.pow(10, -rnd.nextInt(4));
        for (int d = 0; d < DOCS; d++) if (rnd.nextDouble() < density) accept.add(d);
      }
      TopK.ScoredOrds pruned = Bm25Searcher.search(index, scorer, k, accept);
      TopK.ScoredOrds exhaustive = exhaustive(query, scorer, postings, k, accept);
      assertThat(pruned.ords()).as("query %s k=%d accept=%s", query, k,
          accept == null ? "all" : accept.getCardinality()).containsExactly(exhaustive.ords());
      assertThat(pruned.scores()).containsExactly(exhaustive.scores());
      TopK.ScoredOrds unpruned = Bm25Searcher.searchExhaustive(index, scorer, k, accept);
      assertThat(unpruned.ords()).containsExactly(exhaustive.ords());
      assertThat(unpruned.scores()).containsExactly(exhaustive.scores());
    }
  }

  /** Scores every posting of every query term, then keeps the best k. */
  private static TopK.ScoredOrds exhaustive(TextQuery query, Bm25Scorer scorer,
      Map<String, int[][]> postings, int k, RoaringBitmap accept) {
    double[][] partial = new double[DOCS][];
    for (int i = 0; i < query.size(); i++) {
      int[][] p = postings.get(query.terms().get(i));
      if (p == null) continue;
      for (int j = 0; j < p[0].length; j++) {
        int d = p[0][j];
        if (partial[d] == null) partial[d] = new double[query.size()];
        partial[d][i] = scorer.termScore(i, p[1][j], LengthNorm.encode(corpus.get(d).size()));
      }
    }
    TopK top = new TopK(k);
    for (int d = 0; d < DOCS; d++) {
      if (partial[d] == null || (accept != null && !accept.contains(d))) continue;
      double sum = 0;
      for (double s : partial[d]) sum += s;
      top.offer(d, (float) sum);
    }
    return top.drainBestFirst();
  }

  private static Map<String, int[][]> invert() {
    Map<String, List<int[]>> tmp = new HashMap<>();
    for (int d = 0; d < DOCS; d++) {
      Map<String, Integer> tf = new HashMap<>();
      for (String t : corpus.get(d)) tf.merge(t, 1, Integer::sum);
      int doc = d;
      tf.forEach((t, f) -> tmp.computeIfAbsent(t, x -> new ArrayList<>()).add(new int[] {doc, f}));
    }
    Map<String, int[][]> out = new HashMap<>();
    tmp.forEach((t, list) -> {
      int[][] p = new int[2][list.size()];
      for (int i = 0; i < list.size(); i++) {
        p[0][i] = list.get(i)[0];
        p[1][i] = list.get(i)[1];
      }
      out.put(t, p);
    });
    return out;
  }

  private static TextQuery randomQuery(Random rnd) {
    int n = 1 + rnd.nextInt(6);
    List<String> terms = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      terms.add(rnd.nextInt(12) == 0 ? "absent" + i : zipf(rnd));
      if (rnd.nextInt(8) == 0) terms.add(terms.getLast()); // repeated term
    }
    return TextQuery.ofTerms(terms);
  }

  @Test
  void scoringChosenDocumentsGivesTheSearchScoresToTheBit() {
    Random rnd = new Random(31);
    for (int q = 0; q < 100; q++) {
      TextQuery query = randomQuery(rnd);
      Bm25Scorer scorer = new Bm25Scorer(Bm25Params.DEFAULT, query, CorpusStats.of(query, List.of(index)));
      // Every document's score from an exhaustive search; documents it does not return score 0.
      TopK.ScoredOrds all = Bm25Searcher.searchExhaustive(index, scorer, DOCS, null);
      float[] expected = new float[DOCS];
      for (int i = 0; i < all.size(); i++) expected[all.ords()[i]] = all.scores()[i];
      RoaringBitmap chosen = new RoaringBitmap();
      int n = 1 + rnd.nextInt(300);
      for (int i = 0; i < n; i++) chosen.add(rnd.nextInt(DOCS));
      if (all.size() > 0) chosen.add(all.ords()[rnd.nextInt(all.size())]);
      int[] ords = chosen.toArray();
      float[] got = Bm25Searcher.score(index, scorer, ords);
      for (int i = 0; i < ords.length; i++) {
        assertThat(got[i]).as("query %s doc %d", query, ords[i]).isEqualTo(expected[ords[i]]);
      }
    }
    TextQuery query = TextQuery.ofTerms(List.of("w1"));
    Bm25Scorer scorer = new Bm25Scorer(Bm25Params.DEFAULT, query, CorpusStats.of(query, List.of(index)));
    assertThatThrownBy(() -> Bm25Searcher.score(index, scorer, new int[] {5, 5}))
        .hasMessageContaining("strictly increasing").hasMessageContaining("got 5 at index 1 after 5");
    assertThatThrownBy(() -> Bm25Searcher.score(index, scorer, new int[] {DOCS}))
        .hasMessageContaining("[0, " + DOCS + ")");
  }

  @Test
  void emptyQueriesAndEmptySegmentsGiveNoHits() {
    TextQuery none = TextQuery.ofTerms(List.of());
    assertThat(Bm25Searcher.search(index, new Bm25Scorer(Bm25Params.DEFAULT, none,
        CorpusStats.of(none, List.of(index))), 10, null).size()).isZero();
    TextIndex empty = TextIndex.open(new TextIndexWriter(TextAnalyzer.standard()).toByteArray());
    TextQuery q = TextQuery.ofTerms(List.of("w1"));
    assertThat(Bm25Searcher.search(empty, new Bm25Scorer(Bm25Params.DEFAULT, q,
        CorpusStats.of(q, List.of(empty))), 10, null).size()).isZero();
  }

  @Test
  void corruptBytesAreReportedNeverCrash() {
    TextIndexWriter w = new TextIndexWriter(TextAnalyzer.standard());
    for (int d = 0; d < 400; d++) w.addTerms(corpus.get(d));
    byte[] good = w.toByteArray();
    assertThatThrownBy(() -> TextIndex.open(Arrays.copyOf(good, 20)))
        .hasMessageContaining("shorter than its 32-byte header");
    for (int len = 32; len < good.length; len += 97) {
      byte[] cut = Arrays.copyOf(good, len);
      assertThatThrownBy(() -> TextIndex.open(cut)).as("truncated to %d", len)
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("text index is corrupt at byte");
    }
    // Flipped bytes anywhere: either a checked IllegalStateException or a result, never
    // another exception (checksums in the segment catch silent changes; this is about crashes).
    Random rnd = new Random(3);
    TextQuery q = TextQuery.ofTerms(List.of("w0", "w1", "w2", "w5", "w30"));
    for (int trial = 0; trial < 300; trial++) {
      byte[] bad = good.clone();
      for (int f = 0; f < 3; f++) bad[32 + rnd.nextInt(bad.length - 32)] ^= (byte) (1 << rnd.nextInt(8));
      try {
        TextIndex idx = TextIndex.open(bad);
        Bm25Searcher.search(idx, new Bm25Scorer(Bm25Params.DEFAULT, q, CorpusStats.of(q, List.of(idx))), 20, null);
      } catch (IllegalStateException expected) {
        assertThat(expected.getMessage()).contains("corrupt at byte");
      }
    }
  }
}
