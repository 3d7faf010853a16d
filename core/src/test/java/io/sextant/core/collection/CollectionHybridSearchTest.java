package io.sextant.core.collection;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.core.fusion.FusedHit;
import io.sextant.core.fusion.Fusion;
import io.sextant.core.fusion.RankedHit;
import io.sextant.core.search.TopK;
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
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text-only and hybrid search through the Collection, against references built outside it. */
class CollectionHybridSearchTest {
  private static final int DIM = 8;
  private static final String[] WORDS = {"river", "bank", "money", "water", "élève", "école", "Eleve", "loan", "stream",
      "fish", "the", "a", "of", "crédit"};
  @TempDir Path dir;

  private static CollectionOptions options() {
    return CollectionOptions.builder().dimension(DIM).similarity(Similarity.DOT_PRODUCT).index("flat")
        .maxBufferedDocs(70).backgroundMerges(false).build();
  }

  private static String randomText(Random rnd) {
    StringBuilder sb = new StringBuilder();
    int n = 2 + rnd.nextInt(12);
    for (int i = 0; i < n; i++) sb.append(i > 0 ? " " : "").append(WORDS[rnd.nextInt(WORDS.length)]);
    return sb.toString();
  }

  private static float[] randomVector(Random rnd) {
    float[] v = new float[DIM];
    for (int i = 0; i < DIM; i++) v[i] = (float) rnd.nextGaussian();
    return v;
  }

  @Test
  void accentsFoldThroughTheCollectionInBufferAndSegment() throws IOException {
    try (Collection c = Collection.open(dir, options())) {
      c.upsert("fr", new float[DIM], Map.of("lang", "fr"), "Un Élève studieux");
      c.upsert("en", new float[DIM], Map.of("lang", "en"), "A student");
      for (int round = 0; round < 2; round++) {
        List<Hit> hits = c.search(SearchRequest.ofText("eleve"));
        assertThat(hits).extracting(Hit::id).containsExactly("fr");
        assertThat(hits.getFirst().foundByText()).isTrue();
        assertThat(hits.getFirst().foundByVector()).isFalse();
        assertThat(hits.getFirst().textRank()).isEqualTo(1);
        assertThat(c.search(SearchRequest.ofText("ÉLÈVE").filter("lang = \"fr\""))).extracting(Hit::id).containsExactly("fr");
        assertThat(c.search(SearchRequest.ofText("élève").filter("lang = \"en\""))).isEmpty();
        c.flush();
      }
    }
  }

  @Test
  void textScoresEqualOneIndexOverAllDocumentsWhateverTheSegments() throws IOException {
    Random rnd = new Random(7);
    int n = 200;
    TextIndexWriter w = new TextIndexWriter(TextAnalyzer.standard());
    try (Collection c = Collection.open(dir, options())) {
      for (int i = 0; i < n; i++) {
        String t = randomText(rnd);
        w.add(t);
        c.upsert("d" + i, randomVector(rnd), null, t);
      }
      // 200 docs with 70 per buffer: two segments and a buffer of 60 (and a frozen one maybe).
      TextIndex reference = TextIndex.open(w.toByteArray());
      for (String query : List.of("river bank", "élève école", "money loan loan", "fish of the stream", "crédit")) {
        TextQuery q = TextQuery.of(TextAnalyzer.standard(), query);
        Bm25Scorer scorer = new Bm25Scorer(Bm25Params.DEFAULT, q, CorpusStats.of(q, List.of(reference)));
        TopK.ScoredOrds expected = Bm25Searcher.searchExhaustive(reference, scorer, 20, null);
        List<Hit> got = c.search(SearchRequest.ofText(query).k(20).includeFields(false));
        assertThat(got).hasSize(expected.size());
        for (int i = 0; i < got.size(); i++) {
          assertThat(got.get(i).score()).as("%s rank %d", query, i).isEqualTo(expected.scores()[i]);
          // Ties may order differently across segments; the score at each rank must not. Untied: same document.
          boolean tied = (i > 0 && expected.scores()[i - 1] == expected.scores()[i])
              || (i + 1 < expected.size() && expected.scores()[i + 1] == expected.scores()[i]);
          if (!tied) assertThat(got.get(i).id()).isEqualTo("d" + expected.ords()[i]);
        }
      }
    }
  }

  @Test
  void hybridHitsAreTheFusionOfBothSidesWithTheirRanksAndScores() throws IOException {
    Random rnd = new Random(11);
    try (Collection c = Collection.open(dir, options())) {
      for (int i = 0; i < 300; i++) {
        c.upsert("d" + i, randomVector(rnd), Map.of("group", (long) (i % 3)), randomText(rnd));
        if (i % 17 == 0) c.delete("d" + (i / 2));
      }
      for (Fusion fusion : List.of(Fusion.rrf(), Fusion.weighted(0.3))) {
        for (int q = 0; q < 10; q++) {
          float[] v = randomVector(rnd);
          String text = randomText(rnd);
          String filter = q % 2 == 0 ? null : "group != 1";
          SearchRequest vectorOnly = SearchRequest.of(v).k(40).includeFields(false);
          SearchRequest textOnly = SearchRequest.ofText(text).k(40).includeFields(false);
          SearchRequest hybrid = SearchRequest.of(v).text(text).fusion(fusion).candidates(40).k(10);
          if (filter != null) {
            vectorOnly = vectorOnly.filter(filter);
            textOnly = textOnly.filter(filter);
            hybrid = hybrid.filter(filter);
          }
          List<Hit> vs = c.search(vectorOnly);
          List<Hit> ts = c.search(textOnly);
          List<FusedHit<String>> expected = fusion.fuse(ranked(vs), ranked(ts), 10);
          List<Hit> got = c.search(hybrid);
          assertThat(got).extracting(Hit::id).containsExactlyElementsOf(expected.stream().map(FusedHit::key).toList());
          for (int i = 0; i < got.size(); i++) {
            Hit h = got.get(i);
            FusedHit<String> e = expected.get(i);
            // The vector kernels may differ by an ulp between JIT tiers (interpreted vs compiled Vector API),
            // so two identical vector searches agree on ranks but scores only to within float rounding.
            assertThat(h.score()).isCloseTo((float) e.score(), org.assertj.core.data.Percentage.withPercentage(1e-4));
            assertThat(h.vectorRank()).isEqualTo(e.vectorRank());
            assertThat(h.textRank()).isEqualTo(e.textRank());
            assertSameScore(h.vectorScore(), e.vectorScore());
            assertSameScore(h.textScore(), e.textScore());
            assertThat(h.sources()).isEqualTo(Set.copyOf(e.sources()));
            if (filter != null) assertThat(h.attributes().get("group")).isNotEqualTo(1L);
          }
          if (fusion instanceof io.sextant.core.fusion.ReciprocalRankFusion) { // alternates the two sides
            assertThat(got).anyMatch(Hit::foundByText);
            assertThat(got).anyMatch(Hit::foundByVector);
          }
        }
        c.flush();
      }
    }
  }

  /**
   * Combined fusion against a naive reference: every live document's vector score in double
   * precision and its BM25 score from a text search deep enough to score every document; the
   * union of the two sides' candidates, each side min-max normalized over it. Documents sit in
   * segments and in the write buffer, some deleted, half the queries filtered.
   */
  @Test
  void combinedFusionScoresEveryCandidateOnBothSidesAsOverAllDocuments() throws IOException {
    Random rnd = new Random(23);
    Map<String, float[]> vectors = new java.util.HashMap<>();
    int cand = 25;
    int textOnlyHits = 0;
    int vectorOnlyHitsWithText = 0;
    try (Collection c = Collection.open(dir, options())) {
      for (int i = 0; i < 260; i++) {
        float[] v = randomVector(rnd);
        c.upsert("d" + i, v, Map.of("group", (long) (i % 3)), rnd.nextInt(10) == 0 ? "" : randomText(rnd));
        vectors.put("d" + i, v);
        if (i % 13 == 0) c.delete("d" + (i / 2));
      }
      for (int round = 0; round < 2; round++) { // buffer + segments, then after a flush
        for (int q = 0; q < 12; q++) {
          float[] v = randomVector(rnd);
          String text = q == 11 ? "zebra quux" : randomText(rnd); // q 11: no document has a query term
          double alpha = rnd.nextDouble();
          String filter = q % 2 == 0 ? null : "group != 1";
          SearchRequest vectorOnly = SearchRequest.of(v).k(cand).includeFields(false);
          SearchRequest textAll = SearchRequest.ofText(text).k(SearchRequest.MAX_K).includeFields(false);
          // k = candidates: the best 25 of a union of up to 50
          SearchRequest hybrid = SearchRequest.of(v).text(text).fusion(Fusion.combined(alpha)).candidates(cand)
              .k(cand).includeFields(false);
          if (filter != null) {
            vectorOnly = vectorOnly.filter(filter);
            textAll = textAll.filter(filter);
            hybrid = hybrid.filter(filter);
          }
          List<Hit> vs = c.search(vectorOnly);
          List<Hit> ts = c.search(textAll);
          Map<String, Float> bm25 = new java.util.HashMap<>();
          for (Hit h : ts) bm25.put(h.id(), h.score());
          List<String> union = new ArrayList<>();
          for (Hit h : vs) union.add(h.id());
          for (Hit h : ts.subList(0, Math.min(cand, ts.size()))) if (!union.contains(h.id())) union.add(h.id());
          double vMin = Double.MAX_VALUE, vMax = -Double.MAX_VALUE, tMin = Double.MAX_VALUE, tMax = -Double.MAX_VALUE;
          for (String id : union) {
            double vs1 = referenceScore(vectors.get(id), v);
            double ts1 = bm25.getOrDefault(id, 0f);
            vMin = Math.min(vMin, vs1);
            vMax = Math.max(vMax, vs1);
            tMin = Math.min(tMin, ts1);
            tMax = Math.max(tMax, ts1);
          }
          List<Hit> got = c.search(hybrid);
          assertThat(got).hasSize(Math.min(cand, union.size()));
          assertThat(union).as("query %d round %d", q, round).containsAll(got.stream().map(Hit::id).toList());
          for (int i = 0; i < got.size(); i++) {
            Hit h = got.get(i);
            double ev = referenceScore(vectors.get(h.id()), v);
            double et = bm25.getOrDefault(h.id(), 0f);
            assertThat((double) h.vectorScore()).as("vector score of %s", h.id()).isCloseTo(ev, within(1e-5));
            assertThat(h.textScore()).as("text score of %s", h.id()).isEqualTo((float) et);
            double expected = alpha * (vMax == vMin ? 1 : (ev - vMin) / (vMax - vMin))
                + (1 - alpha) * (tMax == tMin ? 1 : (et - tMin) / (tMax - tMin));
            assertThat((double) h.score()).as("fused score of %s", h.id()).isCloseTo(expected, within(1e-4));
            if (i > 0) assertThat(h.score()).isLessThanOrEqualTo(got.get(i - 1).score());
            if (!h.foundByVector()) textOnlyHits++;
            if (!h.foundByText() && h.textScore() > 0) vectorOnlyHitsWithText++;
            int vr = vs.stream().map(Hit::id).toList().indexOf(h.id()) + 1;
            assertThat(h.vectorRank()).isEqualTo(vr);
            assertThat(h.foundByText()).isEqualTo(ts.subList(0, Math.min(cand, ts.size())).stream().anyMatch(x -> x.id().equals(h.id())));
            if (filter != null) assertThat(Long.parseLong(h.id().substring(1)) % 3).isNotEqualTo(1L);
          }
          // Nothing left out of the top k scores above the k-th hit.
          float kth = got.getLast().score();
          for (String id : union) {
            if (got.stream().anyMatch(h -> h.id().equals(id))) continue;
            double ev = referenceScore(vectors.get(id), v);
            double et = bm25.getOrDefault(id, 0f);
            double expected = alpha * (vMax == vMin ? 1 : (ev - vMin) / (vMax - vMin))
                + (1 - alpha) * (tMax == tMin ? 1 : (et - tMin) / (tMax - tMin));
            assertThat(expected).as("left-out %s", id).isLessThanOrEqualTo(kth + 1e-4);
          }
          if (q == 11) assertThat(got).hasSize(cand).allMatch(h -> h.textScore() == 0f && !h.foundByText());
        }
        c.flush();
      }
    }
    // The cases the fusion exists for did occur: scored on the side that had not found them.
    assertThat(textOnlyHits).isGreaterThan(20);
    assertThat(vectorOnlyHitsWithText).isGreaterThan(20);
  }

  /**
   * The same against a reference that shares no code with the Collection's search: one BM25
   * index over all documents scored exhaustively, and double-precision dot products. No
   * deletes, so the Collection's BM25 statistics are exactly those of the single index.
   */
  @Test
  void combinedFusionScoresEqualOneIndexOverAllDocuments() throws IOException {
    Random rnd = new Random(41);
    int n = 200;
    int cand = 30;
    TextIndexWriter w = new TextIndexWriter(TextAnalyzer.standard());
    float[][] vectors = new float[n][];
    try (Collection c = Collection.open(dir, options())) {
      for (int i = 0; i < n; i++) {
        String t = randomText(rnd);
        w.add(t);
        vectors[i] = randomVector(rnd);
        c.upsert("d" + i, vectors[i], null, t); // 70 per buffer: two segments and a buffer
      }
      TextIndex reference = TextIndex.open(w.toByteArray());
      int checked = 0;
      for (int q = 0; q < 15; q++) {
        float[] v = randomVector(rnd);
        String text = randomText(rnd);
        TextQuery tq = TextQuery.of(TextAnalyzer.standard(), text);
        Bm25Scorer scorer = new Bm25Scorer(Bm25Params.DEFAULT, tq, CorpusStats.of(tq, List.of(reference)));
        TopK.ScoredOrds all = Bm25Searcher.searchExhaustive(reference, scorer, n, null);
        float[] bm25 = new float[n];
        for (int i = 0; i < all.size(); i++) bm25[all.ords()[i]] = all.scores()[i];
        List<Hit> got = c.search(SearchRequest.of(v).text(text).fusion(Fusion.combined(0.5)).candidates(cand).k(cand)
            .includeFields(false));
        for (Hit h : got) {
          int d = Integer.parseInt(h.id().substring(1));
          assertThat(h.textScore()).as("query %d doc %d", q, d).isEqualTo(bm25[d]);
          assertThat((double) h.vectorScore()).isCloseTo(referenceScore(vectors[d], v), within(1e-5));
          checked += h.foundByVector() && h.foundByText() ? 0 : 1;
        }
      }
      assertThat(checked).isGreaterThan(50); // hits scored on a side that had not found them
    }
  }

  /** The DOT_PRODUCT score of the options, from a double-precision dot product. */
  private static double referenceScore(float[] doc, float[] query) {
    double dot = 0;
    for (int i = 0; i < doc.length; i++) dot += (double) doc[i] * query[i];
    return Math.max(0, (1 + dot) / 2);
  }

  private static void assertSameScore(float got, float expected) {
    if (Float.isNaN(expected)) assertThat(got).isNaN();
    else assertThat(got).isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(1e-4));
  }

  private static List<RankedHit<String>> ranked(List<Hit> hits) {
    List<RankedHit<String>> out = new ArrayList<>();
    for (Hit h : hits) out.add(new RankedHit<>(h.id(), h.score()));
    return out;
  }
}
