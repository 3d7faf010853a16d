// Manual probe, session 9: how many Panama kernel results change between a JVM's first calls and the same calls after
// warm-up (3,000,000 calls). 2,586 / 3,518 / 16,420 of 30,000 at 784 / 384 / 100 dimensions with reduceLanes(ADD); 0 with LaneSum.
//   javac -cp core/target/classes -d /tmp/det docs/bench/lanesum-session9/Det2.java
//   java --add-modules jdk.incubator.vector -cp /tmp/det:core/target/classes Det2 784
import io.sextant.core.vector.*;
import java.util.SplittableRandom;
public class Det2 {
  public static void main(String[] a) {
    VectorKernels k = Kernels.get();
    SplittableRandom r = new SplittableRandom(7);
    int dim = Integer.parseInt(a[0]), n = 100;
    float[][] v = new float[n][dim];
    for (float[] x : v) for (int d = 0; d < dim; d++) x[d] = (float) r.nextGaussian();
    float[] cold = new float[3 * n * n], hot = new float[3 * n * n];
    fill(k, v, cold);
    float sink = 0;
    for (int w = 0; w < 3_000_000; w++) sink += k.squareDistance(v[w % n], v[(w + 1) % n]) + k.dot(v[w % n], v[(w + 3) % n]) + k.cosine(v[w % n], v[(w + 7) % n]);
    fill(k, v, hot);
    int diff = 0;
    for (int i = 0; i < cold.length; i++) if (Float.floatToRawIntBits(cold[i]) != Float.floatToRawIntBits(hot[i])) diff++;
    System.out.println(k.getClass().getSimpleName() + " dim " + dim + ": " + diff + " of " + cold.length + " results differ cold vs hot " + (sink > 0));
  }
  static void fill(VectorKernels k, float[][] v, float[] out) {
    int n = v.length, o = 0;
    for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) {
      out[o++] = k.squareDistance(v[i], v[j]); out[o++] = k.dot(v[i], v[j]); out[o++] = k.cosine(v[i], v[j]);
    }
  }
}
