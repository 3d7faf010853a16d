package io.sextant.core.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RangeBitmap;
import org.roaringbitmap.RoaringBitmap;

/**
 * Measures the two ways of answering numeric ranges on 1M documents: the sorted (key, doc) arrays
 * that {@link NumericColumn} uses, and RoaringBitmap's range-encoded bit-sliced {@link RangeBitmap}.
 * Not a CI test (tag "longrun"); run it with
 * {@code ./mvnw -pl core test -Dtest=NumericRangeMeasurement -Dsextant.test.excludedGroups=}.
 */
@Tag("longrun")
class NumericRangeMeasurement {
  private static final int N = 1_000_000;

  @Test
  void compareSortedArraysWithRangeBitmap() {
    Random rnd = new Random(42);
    long[] years = new long[N];
    long[] wide = new long[N];
    for (int i = 0; i < N; i++) {
      years[i] = 1975 + rnd.nextInt(50);
      wide[i] = rnd.nextLong();
    }
    measure("years (50 distinct)", years, rnd);
    measure("uniform 64-bit", wide, rnd);
  }

  private static void measure(String name, long[] values, Random rnd) {
    long t0 = System.nanoTime();
    AttributeIndexWriter w = new AttributeIndexWriter();
    for (long v : values) w.add(Attributes.builder().put("v", v).build());
    byte[] sortedBytes = w.toByteArray();
    long sortedBuild = System.nanoTime() - t0;
    AttributeIndex idx = AttributeIndex.open(sortedBytes);
    NumericColumn col = (NumericColumn) idx.column("v");

    t0 = System.nanoTime();
    long max = 0;
    for (long v : values) max = Math.max(max, v ^ Long.MIN_VALUE); // unsigned order
    RangeBitmap.Appender app = RangeBitmap.appender(Arrays.stream(values).map(v -> v ^ Long.MIN_VALUE)
        .reduce(0L, (a, b) -> Long.compareUnsigned(a, b) >= 0 ? a : b));
    for (long v : values) app.add(v ^ Long.MIN_VALUE);
    ByteBuffer buf = ByteBuffer.allocate(app.serializedSizeInBytes()).order(ByteOrder.LITTLE_ENDIAN);
    app.serialize(buf);
    buf.flip();
    long rangeBuild = System.nanoTime() - t0;
    RangeBitmap rb = RangeBitmap.map(buf);

    System.out.printf("%n%s, n=%d%n", name, N);
    System.out.printf("  sorted arrays: build %.0f ms (whole attribute index incl. Attributes objects), %.1f MB%n",
        sortedBuild / 1e6, sortedBytes.length / 1e6);
    System.out.printf("  RangeBitmap:   build %.0f ms, %.1f MB%n", rangeBuild / 1e6,
        app.serializedSizeInBytes() / 1e6);
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    RoaringBitmap context = new RoaringBitmap();
    for (int i = 0; i < N / 100; i++) context.add(rnd.nextInt(N));
    System.out.println("  selectivity | range → bitmap µs: sorted  RangeBitmap | AND 1% context µs: sorted  RangeBitmap"
        + " | count µs: sorted  RangeBitmap");
    for (double sel : new double[] {0.0001, 0.001, 0.01, 0.1, 0.5, 0.9}) {
      int from = rnd.nextInt((int) (N * (1 - sel)) + 1);
      long lo = sorted[from];
      long hi = sorted[Math.min(N - 1, from + (int) (N * sel))];
      RoaringBitmap a = col.docs(lo, hi);
      RoaringBitmap b = rb.between(lo ^ Long.MIN_VALUE, hi ^ Long.MIN_VALUE);
      assertThat(a).isEqualTo(b);
      double ts = time(() -> col.docs(lo, hi).getCardinality());
      double tr = time(() -> rb.between(lo ^ Long.MIN_VALUE, hi ^ Long.MIN_VALUE).getCardinality());
      double tsc = time(() -> RoaringBitmap.and(col.docs(lo, hi), context).getCardinality());
      double trc = time(() -> rb.between(lo ^ Long.MIN_VALUE, hi ^ Long.MIN_VALUE, context).getCardinality());
      double cs = time(() -> col.count(lo, hi));
      double cr = time(() -> (int) rb.betweenCardinality(lo ^ Long.MIN_VALUE, hi ^ Long.MIN_VALUE));
      System.out.printf("  %9.4f   | %24.0f  %11.0f | %23.0f  %11.0f | %15.1f  %11.0f%n",
          (double) a.getCardinality() / N, ts, tr, tsc, trc, cs, cr);
    }
  }

  /** Median microseconds of repeated runs after a warm-up. */
  private static double time(java.util.function.IntSupplier op) {
    int sink = 0;
    for (int i = 0; i < 300; i++) sink += op.getAsInt();
    double[] t = new double[101];
    for (int i = 0; i < t.length; i++) {
      long s = System.nanoTime();
      sink += op.getAsInt();
      t[i] = (System.nanoTime() - s) / 1e3;
    }
    if (sink == 42) System.out.print("");
    Arrays.sort(t);
    return t[t.length / 2];
  }
}
