// Manual probe (not built by Maven), session 8: HNSW then IVF-PQ builds alternately in ONE JVM (as an application building both would), 2 threads.
// javac -d /tmp/wb -cp "ivf/target/classes:hnsw/target/classes:core/target/classes:<bench/target/lib jars minus sextant-*>" --add-modules jdk.incubator.vector docs/bench/ivf-session8/WarmBothProbe.java
// java -Xmx6g --add-modules jdk.incubator.vector -cp "/tmp/wb:<same>" WarmBothProbe 4
import io.sextant.core.data.Dataset;
import io.sextant.hnsw.HnswIndex;
import io.sextant.hnsw.HnswParams;
import io.sextant.ivf.IvfIndex;
import io.sextant.ivf.IvfSpec;
import java.nio.file.Path;
/** Builds alternately in one JVM, 2 threads: Sextant HNSW (M16 efC100) and IVF-PQ (nlist 1024 pq=auto), n rounds; wall seconds each. */
public final class WarmBothProbe {
  public static void main(String[] a) throws Exception {
    int rounds = Integer.parseInt(a[0]);
    try (Dataset d = Dataset.open(Path.of(System.getProperty("user.home"), ".cache/sextant/datasets", "fashion-mnist"))) {
      for (int r = 0; r < rounds; r++) {
        long t0 = System.nanoTime();
        HnswIndex h = HnswIndex.build(d.base(), d.similarity(), HnswParams.builder().m(16).efConstruction(100).build(), 2);
        long t1 = System.nanoTime();
        IvfIndex v = IvfIndex.build(d.base(), d.similarity(), IvfSpec.parse("ivf(nlist=1024,pq=auto)"), 2);
        long t2 = System.nanoTime();
        System.out.printf("round %d: HNSW %.2f s, IVF-PQ %.2f s, ratio %.2f%n", r, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (double) (t2 - t1) / (t1 - t0));
        v.close();
      }
    }
  }
}
