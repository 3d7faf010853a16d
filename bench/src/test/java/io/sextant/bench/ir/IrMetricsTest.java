package io.sextant.bench.ir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Set;
import org.junit.jupiter.api.Test;

class IrMetricsTest {
  @Test
  void ndcgByHand() {
    // Relevant {7, 9}; ranking 7 at rank 1, 9 at rank 3:
    // DCG = 1/log2(2) + 1/log2(4) = 1 + 0.5; IDCG = 1 + 1/log2(3) = 1.6309...
    double idcg = 1 + 1 / (Math.log(3) / Math.log(2));
    assertThat(IrMetrics.ndcg(new int[] {7, 1, 9, 4}, Set.of(7, 9), 10)).isCloseTo(1.5 / idcg, within(1e-12));
    assertThat(IrMetrics.ndcg(new int[] {7, 9}, Set.of(7, 9), 10)).isEqualTo(1.0);
    assertThat(IrMetrics.ndcg(new int[] {1, 2, 3}, Set.of(7, 9), 10)).isZero();
    // Cut at k: 9 at rank 3 does not count for NDCG@2.
    assertThat(IrMetrics.ndcg(new int[] {7, 1, 9}, Set.of(7, 9), 2)).isCloseTo(1 / idcg, within(1e-12));
    // More relevant than k: the ideal has k relevant documents.
    assertThat(IrMetrics.ndcg(new int[] {1, 2}, Set.of(1, 2, 3), 2)).isEqualTo(1.0);
  }

  @Test
  void recallByHand() {
    assertThat(IrMetrics.recall(new int[] {5, 6, 7}, Set.of(7, 8), 100)).isEqualTo(0.5);
    assertThat(IrMetrics.recall(new int[] {5, 6, 7}, Set.of(7, 8), 2)).isZero();
    assertThat(IrMetrics.recall(new int[] {8, 7}, Set.of(7, 8), 100)).isEqualTo(1.0);
  }
}
