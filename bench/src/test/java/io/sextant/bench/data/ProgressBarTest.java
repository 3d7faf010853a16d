package io.sextant.bench.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

  @Test
  void rendersFractionCountsRateAndEta() {
    AtomicLong now = new AtomicLong();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressBar bar = new ProgressBar("embedding", 1000, new PrintStream(bytes, true, StandardCharsets.UTF_8), false, now::get);
    now.set(10_000_000_000L); // 10 s
    bar.set(250);
    assertThat(bar.render(now.get()))
        .isEqualTo("embedding [========>                     ]  25.0%  250/1,000  25/s  ETA 30s");
    assertThat(ProgressBar.duration(3725)).isEqualTo("1h02m");
    assertThat(ProgressBar.duration(125)).isEqualTo("2m05s");
  }

  @Test
  void printsALinePerTenthWhenNotATerminal() {
    AtomicLong now = new AtomicLong();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ProgressBar bar = new ProgressBar("work", 100, new PrintStream(bytes, true, StandardCharsets.UTF_8), false,
        now::get)) {
      for (int i = 0; i < 100; i++) {
        now.addAndGet(1_000_000);
        bar.advance(1);
      }
    }
    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines).hasSize(11); // the first step, then 10%, 20%, ... 100%; no carriage returns
    assertThat(lines[0]).contains("  1/100");
    assertThat(lines[10]).startsWith("work [==============================] 100.0%  100/100");
    assertThat(bytes.toString(StandardCharsets.UTF_8)).doesNotContain("\r");
  }
}
