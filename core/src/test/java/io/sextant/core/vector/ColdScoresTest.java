package io.sextant.core.vector;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.core.testing.ColdAndHotRuns;

import org.junit.jupiter.api.Test;

/**
 * A Panama kernel gives the same bits before and after the JIT compiles it: the Vector API's Java
 * fallback (interpreter and C1 code, the first calls of every JVM) and C2's intrinsics must add
 * in the same order. {@code reduceLanes(ADD)} did not (LaneSum), which made a one-thread HNSW
 * build or a k-means run depend on warm-up.
 */
class ColdScoresTest {
  @Test
  void floatKernelsGiveTheSameBitsInterpretedAndCompiled() throws Exception {
    assertThat(ColdAndHotRuns.assertSameOutput(ColdScoresProbe.class)).isGreaterThan(300);
  }
}
