package io.sextant.bench.data;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on stderr: {@code label [=====>    ]  45.1%  53,000/117,659  160/s  ETA 6m12s}.
 * On a terminal it redraws in place (at most four times a second); when stderr is a file or a
 * pipe it prints a line every 10% instead, so logs stay readable. Thread-safe.
 */
public final class ProgressBar implements AutoCloseable {
  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 250_000_000L;

  private final String label;
  private final long total;
  private final PrintStream out;
  private final boolean terminal;
  private final LongSupplier clock;
  private final long start;
  private long done;
  private long lastDraw = Long.MIN_VALUE;
  private int lastDecile = -1;
  private boolean closed;

  /** A bar on {@code System.err} for {@code total} units of work. */
  public ProgressBar(String label, long total) {
    this(label, total, System.err, System.console() != null && System.console().isTerminal(), System::nanoTime);
  }

  ProgressBar(String label, long total, PrintStream out, boolean terminal, LongSupplier clock) {
    this.label = label;
    this.total = Math.max(0, total);
    this.out = out;
    this.terminal = terminal;
    this.clock = clock;
    this.start = clock.getAsLong();
  }

  /** Adds {@code n} units done. */
  public synchronized void advance(long n) {
    set(done + n);
  }

  /** Sets the units done so far. */
  public synchronized void set(long value) {
    done = Math.min(Math.max(0, value), total);
    long now = clock.getAsLong();
    if (terminal) {
      if (now - lastDraw >= REDRAW_NANOS || done == total) {
        out.print('\r' + render(now));
        out.flush();
        lastDraw = now;
      }
    } else {
      int decile = total == 0 ? 10 : (int) (done * 10 / total);
      if (decile != lastDecile) {
        out.println(render(now));
        lastDecile = decile;
      }
    }
  }

  /** The current line, without carriage return. */
  synchronized String render(long now) {
    double fraction = total == 0 ? 1 : (double) done / total;
    int filled = (int) Math.round(fraction * WIDTH);
    StringBuilder bar = new StringBuilder(WIDTH);
    for (int i = 0; i < WIDTH; i++) bar.append(i < filled ? '=' : (i == filled ? '>' : ' '));
    double seconds = Math.max(1e-9, (now - start) / 1e9);
    double rate = done / seconds;
    String eta = done == 0 || done >= total ? "" : "  ETA " + duration((total - done) / rate);
    return String.format(Locale.ROOT, "%s [%s] %5.1f%%  %,d/%,d  %,.0f/s%s", label, bar, fraction * 100, done, total,
        rate, eta);
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s < 60) return s + "s";
    if (s < 3600) return (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
    return (s / 3600) + "h" + String.format(Locale.ROOT, "%02d", (s % 3600) / 60) + "m";
  }

  /** Draws the final state and ends the line. */
  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    long now = clock.getAsLong();
    if (terminal) out.println('\r' + render(now) + "  " + duration((now - start) / 1e9));
    else if (lastDecile != 10) out.println(render(now));
    out.flush();
  }
}
