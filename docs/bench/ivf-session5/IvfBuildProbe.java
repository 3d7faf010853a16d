// Manual probe (not built by Maven): IVF builds one after another in one JVM, the first one cold.
// Compile: javac -d /tmp/s5/classes -cp "ivf/target/classes:core/target/classes:bench/target/lib/*" --add-modules jdk.incubator.vector docs/bench/ivf-session5/IvfBuildProbe.java
// Run: java -Xmx4g --add-modules jdk.incubator.vector -cp "/tmp/s5/classes:ivf/target/classes:core/target/classes:bench/target/lib/*" IvfBuildProbe fashion-mnist THREADS REPS [spec] [NxDIMxNLISTxREPS warm-up builds on random data]
import io.sextant.core.data.Dataset;
import io.sextant.core.vector.FloatVectors;
import io.sextant.ivf.*;
import java.nio.file.Path;

public final class IvfBuildProbe {
  public static void main(String[] a) throws Exception {
    int threads = Integer.parseInt(a[1]);
    int reps = Integer.parseInt(a[2]);
    try (Dataset d = Dataset.open(Path.of(System.getProperty("user.home"), ".cache/sextant/datasets", a[0]))) {
      if (a.length > 4) {
        String[] w = a[4].split("x");
        int wn = Integer.parseInt(w[0]), wd = Integer.parseInt(w[1]), wl = Integer.parseInt(w[2]);
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
        float[][] rows = new float[wn][wd];
        for (float[] row : rows) for (int j = 0; j < wd; j++) row[j] = (float) rnd.nextGaussian();
        FloatVectors wv = FloatVectors.copyOf(rows, wd);
        for (int i = 0; i < Integer.parseInt(w[3]); i++) {
          long t0 = System.nanoTime();
          IvfIndex.build(wv, d.similarity(), IvfSpec.parse("ivf(nlist=" + wl + ",pq=auto)"), threads);
          System.out.printf("warm build %d: %.0f ms%n", i, (System.nanoTime() - t0) / 1e6);
        }
      }
      for (int r = 0; r < reps; r++) {
        long t0 = System.nanoTime();
        long c0 = ProcessHandle.current().info().totalCpuDuration().get().toNanos();
        IvfIndex idx = IvfIndex.build(d.base(), d.similarity(), IvfSpec.parse(a.length > 3 ? a[3] : "ivf(nlist=1024,pq=auto)"), threads);
        long t1 = System.nanoTime();
        long c1 = ProcessHandle.current().info().totalCpuDuration().get().toNanos();
        System.out.printf("build %d: %.2f s wall, %.2f s process CPU%n", r, (t1 - t0) / 1e9, (c1 - c0) / 1e9);
      }
    }
  }
}
