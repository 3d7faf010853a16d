package io.sextant.bench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The real model, on three texts: loads from the jar, gives unit 384-d vectors that rank meaning. */
class MiniLmEmbedderTest {

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += (double) a[i] * b[i];
    return s;
  }

  @Test
  void embedsUnitVectorsThatPlaceSimilarTextsCloser() {
    try (MiniLmEmbedder e = new MiniLmEmbedder(2)) {
      float[][] v = e.embed(List.of("dog, domestic dog: a member of the genus Canis",
          "puppy: a young dog", "stock market: the market for shares of companies"));
      assertThat(v).hasNumberOfRows(3);
      for (float[] x : v) {
        assertThat(x).hasSize(384);
        assertThat(Math.sqrt(dot(x, x))).isCloseTo(1.0, offset(1e-4));
      }
      assertThat(dot(v[0], v[1])).isGreaterThan(dot(v[0], v[2]) + 0.1);
    }
  }
}
