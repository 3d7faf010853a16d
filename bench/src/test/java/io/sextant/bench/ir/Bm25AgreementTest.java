package io.sextant.bench.ir;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.core.text.Bm25Params;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Sextant's BM25 against Lucene's on small corpora that need no download. */
class Bm25AgreementTest {
  private static final String[] WORDS = ("the élève cahier forêt naïve coöperate e-mail well-being "
      + "x86-64 3.14 1,000 don't U.S.A. Œuvre Straße Łódź café résumé über smörgåsbord "
      + "a an of to in on for with river bank money loan water fish boat stream").split(" ");

  @Test
  void scoresAndRankingsMatchLuceneOnAMixedLanguageCorpus() throws IOException {
    Random rnd = new Random(11);
    List<String> docs = new ArrayList<>();
    for (int d = 0; d < 1500; d++) {
      // Lengths up to ~2,000 terms so that the one-byte length encoding is exercised well
      // past its exact range.
      int len = d % 50 == 0 ? 0 : (int) Math.exp(rnd.nextDouble() * 7.6);
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < len; i++) {
        sb.append(WORDS[(int) (Math.pow(rnd.nextDouble(), 2) * WORDS.length)]);
        sb.append(rnd.nextInt(10) == 0 ? ", " : " ");
      }
      docs.add(sb.toString());
    }
    List<String> queries = new ArrayList<>();
    for (int q = 0; q < 150; q++) {
      StringBuilder sb = new StringBuilder();
      int n = 1 + rnd.nextInt(5);
      for (int i = 0; i < n; i++) sb.append(WORDS[rnd.nextInt(WORDS.length)]).append(' ');
      queries.add(sb.toString());
    }
    for (Bm25Params p : List.of(Bm25Params.DEFAULT, new Bm25Params(0.9f, 0.4f))) {
      Bm25Agreement.Report r = Bm25Agreement.compare("synthetic", docs, queries, p, 10);
      System.out.println(r.toJson());
      assertThat(r.analysisDiffDocs()).as(r.analysisExamples().toString()).isZero();
      assertThat(r.lengthDiffDocs()).isZero();
      assertThat(r.comparedScores()).isGreaterThanOrEqualTo(150 * 10);
      assertThat(r.maxRelativeError()).isLessThanOrEqualTo(Bm25Agreement.TOLERANCE);
      assertThat(r.scoresOverTolerance()).isZero();
      // Scores this close can still swap near-ties; all but a few lists must be identical.
      assertThat(r.meanTopKOverlap()).isGreaterThan(0.99);
      assertThat(r.identicalTopKOrder()).isGreaterThanOrEqualTo(145);
    }
  }
}
