package io.sextant.hnsw;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.core.testing.ColdAndHotRuns;
import org.junit.jupiter.api.Test;

/**
 * The batch and int8 kernels give the same bits interpreted (the Vector API's Java fallback, which
 * runs until C2 has compiled a kernel) and compiled. With {@code reduceLanes(ADD)} they did not,
 * so a one-thread build's graph could depend on when the JIT got to the kernels.
 */
class ColdBatchScoresTest {
  @Test
  void batchAndInt8KernelsGiveTheSameBitsInterpretedAndCompiled() throws Exception {
    assertThat(ColdAndHotRuns.assertSameOutput(ColdBatchScoresProbe.class)).isGreaterThan(600);
  }
}
