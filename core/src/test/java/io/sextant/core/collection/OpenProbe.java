package io.sextant.core.collection;

import java.nio.file.Path;
import java.util.List;

/**
 * Child process of {@link LargeCollectionOpenTest}: opens a collection (run it with a small
 * {@code -Xmx}), then prints one line {@code open_ms=… heap_delta_bytes=… heap_max_bytes=…
 * search_ms=… top=…}.
 */
public final class OpenProbe {
  private OpenProbe() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int dim = Integer.parseInt(args[1]);
    Runtime rt = Runtime.getRuntime();
    // A first open in this JVM pays class loading and runs in the interpreter; report it, then
    // measure a second open as an application that opens collections would see it.
    long c0 = System.nanoTime();
    try (Collection warm = Collection.open(dir)) {
      warm.size();
    }
    long coldNanos = System.nanoTime() - c0;
    System.gc();
    long before = (rt.totalMemory() - rt.freeMemory());
    long t0 = System.nanoTime();
    try (Collection c = Collection.open(dir)) {
      long openNanos = System.nanoTime() - t0;
      long after = (rt.totalMemory() - rt.freeMemory());
      System.gc();
      long retained = (rt.totalMemory() - rt.freeMemory()) - before;
      float[] q = SyntheticCollection.vector(123_456, dim);
      long t1 = System.nanoTime();
      List<Hit> hits = c.search(SearchRequest.of(q).k(10));
      long searchNanos = System.nanoTime() - t1;
      System.out.println("open_ms=" + openNanos / 1_000_000.0 + " cold_open_ms=" + coldNanos / 1_000_000.0 + " heap_delta_bytes=" + (after - before)
          + " heap_retained_bytes=" + retained + " heap_max_bytes=" + rt.maxMemory()
          + " size=" + c.size() + " search_ms=" + searchNanos / 1_000_000.0 + " top=" + hits.getFirst().id());
    }
  }
}
