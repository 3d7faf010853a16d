// Manual probe (not built by Maven), session 8: n IVF builds of one spec in one JVM, 2 threads; the last one profiled when a file is given.
// javac -d /tmp/wp -cp "ivf/target/classes:core/target/classes:bench/target/lib/*:async-profiler-4.2.jar" --add-modules jdk.incubator.vector docs/bench/ivf-session8/WarmProbe.java
// java -Xmx4g --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp "/tmp/wp:<same>" WarmProbe "ivf(nlist=1024,pq=auto)" 6 -   (or a collapsed-stack output file instead of -)
// async-profiler 4.2 from Maven Central (tools.profiler:async-profiler:4.2; linux-x64/libasyncProfiler.so unpacked to /tmp/s8/linux-x64/).
import io.sextant.core.data.Dataset;
import io.sextant.ivf.*;
import java.nio.file.Path;
import one.profiler.AsyncProfiler;
public final class WarmProbe {
  public static void main(String[] a) throws Exception {
    int reps = Integer.parseInt(a[1]);
    try (Dataset d = Dataset.open(Path.of(System.getProperty("user.home"), ".cache/sextant/datasets", a.length > 3 ? a[3] : "fashion-mnist"))) {
      AsyncProfiler ap = a.length > 2 && !a[2].equals("-") ? AsyncProfiler.getInstance("/tmp/s8/linux-x64/libasyncProfiler.so") : null;
      for (int r = 0; r < reps; r++) {
        if (ap != null && r == reps - 1) ap.execute("start,event=cpu,interval=1ms,threads,ann");
        long t0 = System.nanoTime();
        IvfIndex idx = IvfIndex.build(d.base(), d.similarity(), IvfSpec.parse(a[0]), 2);
        System.out.printf("build %d: %.3f s%n", r, (System.nanoTime() - t0) / 1e9);
        idx.close();
      }
      if (ap != null) ap.execute("stop,collapsed,file=" + a[2]);
    }
  }
}
