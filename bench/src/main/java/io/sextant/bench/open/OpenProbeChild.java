package io.sextant.bench.open;

import io.sextant.core.collection.Collection;
import io.sextant.core.collection.Hit;
import io.sextant.core.collection.SearchRequest;
import java.io.FileInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The fresh JVM of {@code sextant-bench open-probe}: opens the collection as the first thing it
 * does, then searches it, and prints one JSON line on stdout. Nothing Sextant is touched before
 * the timed {@code Collection.open}, so the figure includes every class Sextant loads and
 * initialises to open. Management beans (which load many classes) are read only afterwards.
 *
 * <p>Arguments: folder, dimension, number of documents, parent's wall clock (ms) just before it
 * started this process, number of timed searches after the first.
 */
public final class OpenProbeChild {
  private OpenProbeChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int dim = Integer.parseInt(args[1]);
    long n = Long.parseLong(args[2]);
    long launchedAtMs = Long.parseLong(args[3]);
    int searches = Integer.parseInt(args[4]);
    Runtime rt = Runtime.getRuntime();
    schedstat(); // once before, so reading it costs the timed open nothing
    long heapBefore = rt.totalMemory() - rt.freeMemory();

    long[] sched0 = schedstat();
    long t0 = System.nanoTime();
    Collection c = Collection.open(dir);
    long t1 = System.nanoTime();
    long[] sched1 = schedstat();
    long openedAtMs = System.currentTimeMillis();
    long heapAfter = rt.totalMemory() - rt.freeMemory();

    long size = c.size();
    long query = (n * 7 / 13) % n;
    float[] q = ProbeVectors.vector(query, dim);
    long s0 = System.nanoTime();
    List<Hit> hits = c.search(SearchRequest.of(q).k(10));
    long s1 = System.nanoTime();
    double[] lat = new double[searches];
    for (int i = 0; i < searches; i++) {
      float[] qi = ProbeVectors.vector((query + 1 + i * 7919L) % n, dim);
      long a = System.nanoTime();
      c.search(SearchRequest.of(qi).k(10));
      lat[i] = (System.nanoTime() - a) / 1e6;
    }
    long heapAfterSearch = rt.totalMemory() - rt.freeMemory();
    c.close();
    Arrays.sort(lat);

    long jvmStartMs = ManagementFactory.getRuntimeMXBean().getStartTime();
    String top = hits.isEmpty() ? "" : hits.getFirst().id();
    StringBuilder sb = new StringBuilder(512);
    sb.append('{');
    num(sb, "open_ms", (t1 - t0) / 1e6).append(',');
    // On CPU, and waiting for a CPU, during the open (main thread, Linux schedstat): under load the
    // wall-clock figure is mostly the wait.
    num(sb, "open_cpu_ms", sched0 == null || sched1 == null ? Double.NaN : (sched1[0] - sched0[0]) / 1e6).append(',');
    num(sb, "open_runqueue_wait_ms", sched0 == null || sched1 == null ? Double.NaN : (sched1[1] - sched0[1]) / 1e6).append(',');
    num(sb, "jvm_start_to_open_ms", openedAtMs - jvmStartMs).append(',');
    num(sb, "launch_to_open_ms", openedAtMs - launchedAtMs).append(',');
    num(sb, "heap_used_before_open_bytes", heapBefore).append(',');
    num(sb, "heap_used_after_open_bytes", heapAfter).append(',');
    num(sb, "heap_used_after_search_bytes", heapAfterSearch).append(',');
    num(sb, "heap_max_bytes", rt.maxMemory()).append(',');
    num(sb, "size", size).append(',');
    num(sb, "first_search_ms", (s1 - s0) / 1e6).append(',');
    num(sb, "search_ms_median", searches == 0 ? Double.NaN : lat[searches / 2]).append(',');
    num(sb, "searches", searches).append(',');
    sb.append("\"top\":\"").append(top).append("\",");
    sb.append("\"top_ok\":").append(top.equals(ProbeVectors.id(query)));
    sb.append('}');
    System.out.println(sb);
  }

  /** This thread's time on a CPU and waiting on a run queue (ns), from {@code /proc/thread-self/schedstat}; null elsewhere. */
  private static long[] schedstat() {
    try (FileInputStream in = new FileInputStream("/proc/thread-self/schedstat")) {
      String[] f = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim().split(" ");
      return new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static StringBuilder num(StringBuilder sb, String key, double v) {
    sb.append('"').append(key).append("\":");
    if (Double.isNaN(v)) return sb.append("null");
    return sb.append(String.format(Locale.ROOT, "%.3f", v));
  }

  private static StringBuilder num(StringBuilder sb, String key, long v) {
    return sb.append('"').append(key).append("\":").append(v);
  }
}
