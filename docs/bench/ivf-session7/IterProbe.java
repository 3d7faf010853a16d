// Manual probe (not built by Maven), session 7: cold two-thread IVF build and recall@10 at nprobe 4/8/16 for one spec.
// javac -d /tmp/rp -cp "ivf/target/classes:core/target/classes:bench/target/lib/*" --add-modules jdk.incubator.vector docs/bench/ivf-session7/IterProbe.java
// java -Xmx4g --add-modules jdk.incubator.vector -cp "/tmp/rp:ivf/target/classes:core/target/classes:bench/target/lib/*" IterProbe "ivf(nlist=1024,pq=auto,iterations=4)"
import io.sextant.core.data.Dataset;
import io.sextant.core.search.TopK;
import io.sextant.core.eval.Recall;
import io.sextant.core.vector.FloatVectors;
import io.sextant.ivf.*;
import java.nio.file.Path;
/** Cold build time (fresh JVM) and recall@10 at nprobe 4/8/16 for one IVF spec. */
public final class IterProbe {
  public static void main(String[] a) throws Exception {
    try (Dataset d = Dataset.open(Path.of(System.getProperty("user.home"), ".cache/sextant/datasets", "fashion-mnist"))) {
      long t0 = System.nanoTime();
      IvfIndex idx = IvfIndex.build(d.base(), d.similarity(), IvfSpec.parse(a[0]), 2);
      double s = (System.nanoTime() - t0) / 1e9;
      FloatVectors q = d.queries();
      int nq = 2000;
      int[][] gt = d.groundTruth(10);
      StringBuilder sb = new StringBuilder(String.format("%s cold %.2f s;", a[0], s));
      for (int np : new int[] {4, 8, 16}) {
        int[][] res = new int[nq][];
        float[] x = new float[q.dimension()];
        for (int i = 0; i < nq; i++) {
          x = q.get(i);
          TopK.ScoredOrds r = idx.search(x, 10, IvfSearchParams.builder().nprobe(np).build());
          res[i] = r.ords();
        }
        int[][] g = java.util.Arrays.copyOf(gt, nq);
        sb.append(String.format(" nprobe %d recall %.4f", np, Recall.meanOfIds(10, g, res)));
      }
      System.out.println(sb);
    }
  }
}
