package io.sextant.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Runs {@link QuickStart#main} and checks what it prints against a brute-force cosine ranking, so the example cannot rot. */
class QuickStartTest {
  private static final Pattern HIT = Pattern.compile("^(\\d+)\\. (\\S+) score=(\\S+) \\{(.*)} \"(.*)\"$");

  private static double cosine(float[] a, float[] b) {
    double dot = 0, na = 0, nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }

  @Test
  void printsTheExactTopKWithoutTheDeletedDocument() throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      QuickStart.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    List<String> lines = buffer.toString(StandardCharsets.UTF_8).lines().toList();

    List<QuickStart.Doc> expected = QuickStart.DOCUMENTS.stream()
        .filter(d -> !d.id().equals(QuickStart.DELETED))
        .sorted(Comparator.comparingDouble((QuickStart.Doc d) -> -cosine(QuickStart.QUERY, d.vector())))
        .limit(QuickStart.K)
        .toList();
    assertThat(lines.getFirst()).isEqualTo((QuickStart.DOCUMENTS.size() - 1) + " documents; top " + QuickStart.K
        + " for the query:");
    assertThat(lines).hasSize(1 + QuickStart.K);
    for (int i = 0; i < QuickStart.K; i++) {
      Matcher m = HIT.matcher(lines.get(i + 1));
      assertThat(m.matches()).as("line %s", lines.get(i + 1)).isTrue();
      QuickStart.Doc want = expected.get(i);
      assertThat(m.group(2)).isEqualTo(want.id());
      assertThat(m.group(5)).isEqualTo(want.text());
      assertThat(m.group(4)).contains("topic=" + want.attributes().get("topic"));
      // Cosine scores are (1 + cos) / 2 in Sextant's non-negative, higher-is-better convention.
      assertThat(Double.parseDouble(m.group(3)))
          .isCloseTo((1 + cosine(QuickStart.QUERY, want.vector())) / 2, org.assertj.core.data.Offset.offset(1e-4));
    }
    assertThat(String.join("\n", lines)).doesNotContain(QuickStart.DELETED);
  }
}
