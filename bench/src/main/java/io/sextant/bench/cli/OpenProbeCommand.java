package io.sextant.bench.cli;

import io.sextant.bench.json.JsonWriter;
import io.sextant.bench.open.OpenProbeChild;
import io.sextant.bench.open.ProbeVectors;
import io.sextant.core.collection.Collection;
import io.sextant.core.collection.CollectionOptions;
import io.sextant.core.vector.Similarity;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sextant-bench open-probe}: how long a fresh JVM takes to open a large committed
 * collection, and how much heap that costs. Builds (once) a committed synthetic collection through
 * the public API, then starts {@code --runs} child JVMs with a small {@code -Xmx}; each opens the
 * collection first thing, searches it, and reports one JSON line (echoed on stdout with the run
 * number). A final {@code summary} line gives min and median.
 */
@Command(name = "open-probe", mixinStandardHelpOptions = true, description = {
    "Times Collection.open of a committed synthetic collection in fresh child JVMs (default -Xmx64m)",
    "and reports open time, heap and search latency as JSON lines, then a summary (min, median).",
    "The collection is built once in --dir (public API: upserts, one flush) and reused."})
public final class OpenProbeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--dir", description = "collection folder (created when missing, reused when it holds the same n x dim; "
      + "default: <tmp>/sextant-open-probe-<n>x<dim>)")
  Path dir;

  @Option(names = "--n", defaultValue = "1000000", description = "documents (default: ${DEFAULT-VALUE})") int n;

  @Option(names = "--dim", defaultValue = "128", description = "dimension (default: ${DEFAULT-VALUE})") int dim;

  @Option(names = "--runs", defaultValue = "7", description = "child JVMs, one open each (default: ${DEFAULT-VALUE})") int runs;

  @Option(names = "--xmx", defaultValue = "64m", description = "-Xmx of the child JVMs (default: ${DEFAULT-VALUE})") String xmx;

  @Option(names = "--searches", defaultValue = "20", description = "timed searches after the first, per child (default: ${DEFAULT-VALUE})")
  int searches;

  @Option(names = "--full-classpath", description = "give the child the whole bench class path (Lucene, JVector, ONNX, ...) "
      + "instead of only sextant-core and its dependencies")
  boolean fullClasspath;

  @Option(names = "--baseline-core", description = "another sextant-core jar or classes folder (e.g. an older build): each run "
      + "then also opens with it, interleaved (order alternating), and a second summary line reports it")
  Path baselineCore;

  @Option(names = "--java-opt", description = "extra JVM option for the children (repeatable), e.g. -Xshare:off")
  List<String> javaOpts = new ArrayList<>();

  @Override public Integer call() throws Exception {
    if (n < 1 || dim < 1 || runs < 1 || searches < 0) throw new IllegalArgumentException("--n, --dim, --runs must be >= 1, --searches >= 0");
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path folder = (dir != null ? dir : Path.of(System.getProperty("java.io.tmpdir"), "sextant-open-probe-" + n + "x" + dim))
        .toAbsolutePath();
    ensureCollection(folder, err);
    String load = loadAverage();
    if (baselineCore != null && (fullClasspath || !Files.exists(baselineCore))) {
      throw new IllegalArgumentException("--baseline-core needs an existing jar or folder, without --full-classpath: " + baselineCore);
    }
    List<Map<String, String>> results = new ArrayList<>();
    List<Map<String, String>> baseline = new ArrayList<>();
    for (int run = 1; run <= runs; run++) {
      boolean baselineFirst = baselineCore != null && run % 2 == 0;
      if (baselineFirst) baseline.add(runAndPrint(out, folder, run, true));
      results.add(runAndPrint(out, folder, run, false));
      if (baselineCore != null && !baselineFirst) baseline.add(runAndPrint(out, folder, run, true));
    }
    String loadAfter = loadAverage();
    out.println(summary(results, "current", folder, load, loadAfter));
    if (baselineCore != null) out.println(summary(baseline, "baseline " + baselineCore, folder, load, loadAfter));
    return 0;
  }

  private Map<String, String> runAndPrint(PrintWriter out, Path folder, int run, boolean useBaseline)
      throws IOException, InterruptedException {
    String line = runChild(folder, useBaseline);
    String variant = baselineCore == null ? "" : "\"core\":\"" + (useBaseline ? "baseline" : "current") + "\",";
    out.println("{\"run\":" + run + "," + variant + line.substring(1));
    out.flush();
    return parseFlat(line);
  }

  private String summary(List<Map<String, String>> results, String core, Path folder, String load, String loadAfter) {
    JsonWriter s = new JsonWriter().field("summary", "open-probe").field("core", core).field("n", n).field("dim", dim)
        .field("runs", runs).field("xmx", xmx).field("classpath", fullClasspath ? "full" : "core");
    for (String key : List.of("open_ms", "open_cpu_ms", "open_runqueue_wait_ms", "jvm_start_to_open_ms", "launch_to_open_ms", "first_search_ms", "search_ms_median")) {
      double[] v = results.stream().map(m -> m.get(key)).filter(x -> !x.equals("null"))
          .mapToDouble(Double::parseDouble).sorted().toArray();
      if (v.length == 0) continue;
      s.field(key + "_min", v[0]).field(key + "_median", median(v));
    }
    s.field("heap_used_after_open_bytes_max",
        results.stream().mapToLong(m -> Long.parseLong(m.get("heap_used_after_open_bytes"))).max().orElseThrow());
    s.field("heap_open_delta_bytes_max", results.stream().mapToLong(m -> Long.parseLong(m.get("heap_used_after_open_bytes"))
        - Long.parseLong(m.get("heap_used_before_open_bytes"))).max().orElseThrow());
    s.field("all_top_ok", results.stream().allMatch(m -> m.get("top_ok").equals("true")) ? "true" : "false");
    s.field("load_avg_before", load).field("load_avg_after", loadAfter).field("folder", folder.toString());
    return s.finish();
  }

  /** Reuses a collection of {@code n} x {@code dim} in {@code folder}, or builds one in an empty or new folder. */
  private void ensureCollection(Path folder, PrintWriter err) throws IOException {
    boolean empty = !Files.exists(folder);
    if (!empty) {
      try (Stream<Path> s = Files.list(folder)) {
        empty = s.findAny().isEmpty();
      }
    }
    if (!empty) {
      try (Collection c = Collection.open(folder)) {
        if (c.size() == n && c.options().dimension() == dim) return;
        throw new IllegalArgumentException(folder + " holds a collection of " + c.size() + " x " + c.options().dimension()
            + ", not " + n + " x " + dim + "; pass another --dir");
      }
    }
    err.println("open-probe: building " + n + " x " + dim + " in " + folder + " (once; reused by later runs)...");
    long t0 = System.nanoTime();
    CollectionOptions options = CollectionOptions.builder().dimension(dim).similarity(Similarity.EUCLIDEAN).index("flat")
        .maxBufferedDocs(n).maxBufferedBytes(Long.MAX_VALUE).backgroundMerges(false).build();
    try (Collection c = Collection.open(folder, options)) {
      for (int i = 0; i < n; i++) c.upsert(ProbeVectors.id(i), ProbeVectors.vector(i, dim));
      c.commit();
      c.flush(); // one segment, an empty log: what a committed collection looks like after a clean close
    }
    err.printf("open-probe: built in %.1f s%n", (System.nanoTime() - t0) / 1e9);
  }

  private String runChild(Path folder, boolean useBaseline) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + xmx);
    cmd.add("--add-modules");
    cmd.add("jdk.incubator.vector");
    cmd.add("--enable-native-access=ALL-UNNAMED");
    cmd.addAll(javaOpts);
    cmd.add("-cp");
    cmd.add(fullClasspath ? System.getProperty("java.class.path") : coreClassPath(useBaseline ? baselineCore : null));
    cmd.add(OpenProbeChild.class.getName());
    cmd.add(folder.toString());
    cmd.add(Integer.toString(dim));
    cmd.add(Integer.toString(n));
    cmd.add(Long.toString(System.currentTimeMillis()));
    cmd.add(Integer.toString(searches));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = p.waitFor();
    String line = stdout.lines().filter(l -> l.startsWith("{\"open_ms\"")).findFirst().orElse(null);
    if (code != 0 || line == null) throw new IOException("open-probe child failed (exit " + code + "): " + stdout);
    return line;
  }

  /** Where sextant-core, its dependencies and this probe's classes come from: what an application needs to open a collection. */
  private static String coreClassPath(Path coreOverride) {
    Set<String> entries = new LinkedHashSet<>();
    entries.add(classPathEntryOf(OpenProbeChild.class.getName().replace('.', '/') + ".class"));
    entries.add(coreOverride != null ? coreOverride.toAbsolutePath().toString()
        : classPathEntryOf(Collection.class.getName().replace('.', '/') + ".class"));
    for (String resource : List.of("org/roaringbitmap/RoaringBitmap.class", "net/jpountz/lz4/LZ4Factory.class",
        "org/HdrHistogram/Histogram.class")) {
      entries.add(classPathEntryOf(resource));
    }
    return String.join(File.pathSeparator, entries);
  }

  private static String classPathEntryOf(String resource) {
    URL url = ClassLoader.getSystemResource(resource);
    if (url == null) throw new IllegalStateException(resource + " is not on the class path");
    try {
      String u = url.toString();
      if (u.startsWith("jar:")) return Path.of(new URI(u.substring(4, u.indexOf("!/")))).toString();
      if (u.startsWith("file:")) {
        String root = u.substring(0, u.length() - resource.length());
        return Path.of(new URI(root)).toString();
      }
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the class path entry of " + url, e);
    }
    throw new IllegalStateException("cannot locate the class path entry of " + url);
  }

  /** One flat JSON object of numbers, booleans and plain strings (what the child prints). */
  private static Map<String, String> parseFlat(String json) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    for (String kv : json.substring(1, json.length() - 1).split(",")) {
      int colon = kv.indexOf(':');
      m.put(kv.substring(0, colon).replace("\"", ""), kv.substring(colon + 1).replace("\"", ""));
    }
    return m;
  }

  private static double median(double[] sorted) {
    int k = sorted.length;
    return k % 2 == 1 ? sorted[k / 2] : (sorted[k / 2 - 1] + sorted[k / 2]) / 2;
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return String.join(" ", Arrays.copyOf(f, 3));
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
