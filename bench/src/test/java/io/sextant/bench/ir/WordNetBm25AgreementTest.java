package io.sextant.bench.ir;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.core.text.Bm25Params;
import java.io.IOException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Sextant's BM25 against Lucene's over all 117,659 WordNet synsets ("words: gloss"), with 200
 * queries (example sentences, or definitions when a synset has none). Fetches WordNet into the
 * dataset cache on first use.
 */
@Tag("slow")
class WordNetBm25AgreementTest {
  @Test
  void scoresMatchLuceneOnWordNet() throws IOException {
    Bm25Agreement.Report r = Bm25Agreement.wordNet(WordNetFiles.ensure(), 200, 2024,
        Bm25Params.DEFAULT, 10);
    System.out.println(r.toJson());
    assertThat(r.docs()).isEqualTo(117_659);
    assertThat(r.queries()).isEqualTo(200);
    assertThat(r.maxRelativeError()).as(r.toJson()).isLessThanOrEqualTo(Bm25Agreement.TOLERANCE);
    assertThat(r.scoresOverTolerance()).isZero();
    assertThat(r.meanTopKOverlap()).isGreaterThan(0.99);
  }
}
