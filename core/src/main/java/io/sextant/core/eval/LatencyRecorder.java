package io.sextant.core.eval;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Records per-query latencies in an HdrHistogram (3 significant digits, so a percentile is
 * within 0.1% of the exact value) and reports percentiles in milliseconds. Safe to record from
 * many threads at once; wait-free for writers.
 */
public final class LatencyRecorder {
  private final ConcurrentHistogram histogram = new ConcurrentHistogram(3);

  /** Records one latency in nanoseconds. */
  public void recordNanos(long nanos) {
    if (nanos < 0) throw new IllegalArgumentException("latency must be >= 0 ns, got " + nanos);
    histogram.recordValue(nanos);
  }

  public long count() {
    return histogram.getTotalCount();
  }

  /** The latency at {@code percentile} (0..100) in milliseconds; 0 when nothing was recorded. */
  public double percentileMs(double percentile) {
    if (percentile < 0 || percentile > 100) throw new IllegalArgumentException("percentile must be in 0..100, got " + percentile);
    return histogram.getValueAtPercentile(percentile) / 1e6;
  }

  /** A snapshot of the usual figures. */
  public Summary summary() {
    Histogram h = histogram.copy();
    return new Summary(h.getTotalCount(), h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(95) / 1e6,
        h.getValueAtPercentile(99) / 1e6, h.getTotalCount() == 0 ? 0 : h.getMean() / 1e6, h.getMaxValue() / 1e6);
  }

  public void reset() {
    histogram.reset();
  }

  /** Latency figures in milliseconds. */
  public record Summary(long count, double p50Ms, double p95Ms, double p99Ms, double meanMs, double maxMs) {}
}
