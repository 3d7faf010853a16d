package io.sextant.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextAnalyzerTest {
  private final TextAnalyzer std = TextAnalyzer.standard();

  @Test
  void foldsCaseAndAccentsInFrench() {
    assertThat(std.analyze("Élève")).containsExactly("eleve");
    assertThat(std.analyze("ÉLÈVE élève eleve Eleve")).containsOnly("eleve").hasSize(4);
    assertThat(std.analyze("Où est la forêt? À côté du château, naïve Noël."))
        .containsExactly("ou", "est", "la", "foret", "a", "cote", "du", "chateau", "naive", "noel");
    assertThat(std.analyze("Œuvre, cœur, Æsir, Straße, Øre, Łódź, Ðiðrik, Þór"))
        .containsExactly("oeuvre", "coeur", "aesir", "strasse", "ore", "lodz", "didrik", "thor");
    // Already-decomposed input (e + combining acute) folds the same way.
    assertThat(std.analyze("e\u0301le\u0300ve")).containsExactly("eleve");
  }

  @Test
  void frenchAnalyzerStripsElisionAndStopWords() {
    TextAnalyzer fr = TextAnalyzer.french();
    assertThat(fr.analyze("Le chat de l'Élève est là, qu'il dort jusqu’à midi"))
        .containsExactly("chat", "eleve", "dort", "midi");
    assertThat(std.analyze("l'élève")).containsExactly("l'eleve");
  }

  @Test
  void englishAnalyzerDropsStopWordsAndKeepsContractions() {
    assertThat(TextAnalyzer.english().analyze("The cat is on the mat, isn't it?"))
        .containsExactly("cat", "mat", "isn't");
    assertThat(std.analyze("Don’t")).containsExactly("don't");
  }

  @Test
  void segmentsLikeUax29() {
    assertThat(std.analyze("e-mail co-op well-being x86-64 foo_bar U.S.A. 3.14 1,000 50% C++ "
        + "a.b c:d wi-fi O'Neil"))
        .containsExactly("e", "mail", "co", "op", "well", "being", "x86", "64", "foo_bar",
            "u.s.a", "3.14", "1,000", "50", "c", "a.b", "c:d", "wi", "fi", "o'neil");
    assertThat(std.analyze("日本語のテキスト")).containsExactly("日", "本", "語", "の", "テキスト");
    assertThat(std.analyze("йод Ελληνικά")).containsExactly("йод", "ελληνικά");
    assertThat(std.analyze("")).isEmpty();
    assertThat(std.analyze(" -- ... ___ ")).isEmpty();
    assertThat(std.analyze("end.")).containsExactly("end");
  }

  @Test
  void accentedAndUnaccentedQueriesFindTheSameDocument() {
    TextIndexWriter w = new TextIndexWriter(TextAnalyzer.french());
    w.add("Le cahier de l'élève");
    w.add("Un cahier d'exercices");
    w.add("L'ÉLÈVE studieux");
    TextIndex idx = TextIndex.open(w.toByteArray());
    for (String q : List.of("eleve", "Élève", "ELEVE", "élèves?".replace("s?", ""))) {
      TextQuery query = TextQuery.of(TextAnalyzer.french(), q);
      var hits = Bm25Searcher.search(idx, new Bm25Scorer(Bm25Params.DEFAULT, query,
          CorpusStats.of(query, List.of(idx))), 10, null);
      assertThat(hits.ords()).as(q).containsExactlyInAnyOrder(0, 2);
    }
  }
}
