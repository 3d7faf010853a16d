package io.sextant.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class QueryRunnerTest {

  @Test
  void singleThreadedFiguresFollowAKnownClock() {
    // Every search takes exactly 2 ms of a fake clock: 500 QPS, 2 ms at every percentile.
    AtomicLong now = new AtomicLong();
    AtomicInteger calls = new AtomicInteger();
    QueryRunner runner = QueryRunner.builder().warmupQueries(7).passes(3).clock(now::get).build();
    QueryRunner.Result r = runner.run(20, q -> {
      calls.incrementAndGet();
      now.addAndGet(2_000_000);
      return new int[] {q, 2 * q};
    });
    assertThat(calls.get()).isEqualTo(7 + 60);
    assertThat(r.queries()).isEqualTo(60);
    assertThat(r.seconds()).isCloseTo(0.120, offset(1e-9));
    assertThat(r.qps()).isCloseTo(500, offset(1e-6));
    assertThat(r.latency().count()).isEqualTo(60);
    assertThat(r.latency().p50Ms()).isCloseTo(2, offset(2e-3));
    assertThat(r.latency().p99Ms()).isCloseTo(2, offset(2e-3));
    for (int q = 0; q < 20; q++) assertThat(r.results()[q]).containsExactly(q, 2 * q);
  }

  @Test
  void threadsRunQueriesConcurrently() {
    // Sleeping searches need no CPU, so even a busy 2-core machine overlaps them.
    QueryRunner.Search sleep = q -> {
      Thread.sleep(10);
      return new int[] {q};
    };
    QueryRunner.Result one = QueryRunner.builder().warmupQueries(0).build().run(12, sleep);
    QueryRunner.Result four = QueryRunner.builder().threads(4).warmupQueries(4).build().run(48, sleep);
    assertThat(one.qps()).isLessThanOrEqualTo(100.5);
    assertThat(four.qps()).isLessThanOrEqualTo(402);
    assertThat(four.qps() / one.qps()).isGreaterThan(2.5);
    assertThat(four.threads()).isEqualTo(4);
    assertThat(four.latency().p50Ms()).isGreaterThanOrEqualTo(10);
    for (int q = 0; q < 48; q++) assertThat(four.results()[q]).containsExactly(q);
  }

  @Test
  void aFailingSearchFailsTheRun() {
    QueryRunner runner = QueryRunner.builder().threads(3).warmupQueries(0).build();
    assertThatThrownBy(() -> runner.run(30, q -> {
      if (q == 17) throw new IllegalStateException("boom at 17");
      return new int[0];
    })).isInstanceOf(IllegalStateException.class).hasMessage("boom at 17");
    assertThatThrownBy(() -> QueryRunner.builder().threads(0)).hasMessage("threads must be positive, got 0");
  }
}
