// Manual probe, session 9: hash of 80,000 Panama results after warm-up, to compare two builds of core (warm results unchanged by LaneSum).
//   java --add-modules jdk.incubator.vector -cp /tmp/det:core/target/classes Det 3000000
import io.sextant.core.vector.*;
import java.util.SplittableRandom;
public class Det {
  public static void main(String[] a) {
    VectorKernels k = Kernels.get();
    int warm = Integer.parseInt(a[0]);
    SplittableRandom r = new SplittableRandom(7);
    int dim = 784, n = 200;
    float[][] v = new float[n][dim];
    for (float[] x : v) for (int d = 0; d < dim; d++) x[d] = (float) r.nextGaussian();
    float sink = 0;
    for (int w = 0; w < warm; w++) sink += k.squareDistance(v[w % n], v[(w + 1) % n]) + k.dot(v[w % n], v[(w + 3) % n]);
    long h = 0; int diff = 0;
    for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) {
      h = h * 31 + Float.floatToRawIntBits(k.squareDistance(v[i], v[j]));
      h = h * 31 + Float.floatToRawIntBits(k.dot(v[i], v[j]));
    }
    System.out.println(k.getClass().getSimpleName() + " warm " + warm + " hash " + h + " " + (sink > 0));
  }
}
