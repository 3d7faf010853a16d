// Manual probe (not built by Maven), session 8: PqCodec.encodeAll over 60,000 random 784-float vectors, 98 sub-spaces, one thread, with and without norms (l2).
// javac -d /tmp/ep -cp "ivf/target/classes:core/target/classes:bench/target/lib/*" --add-modules jdk.incubator.vector docs/bench/ivf-session8/EncodeProbe.java
// java -Xmx4g --add-modules jdk.incubator.vector -cp "/tmp/ep:<same>" io.sextant.ivf.EncodeProbe
package io.sextant.ivf;
import io.sextant.core.vector.Kernels;
import java.util.SplittableRandom;
public final class EncodeProbe {
  public static void main(String[] a) {
    int dim = 784, m = 98, n = 60000, tile = 32;
    SplittableRandom r = new SplittableRandom(1);
    float[] train = new float[4096 * dim];
    for (int i = 0; i < train.length; i++) train[i] = (float) r.nextDouble(-50, 50);
    float[] xs = new float[n * dim];
    for (int i = 0; i < xs.length; i++) xs[i] = (float) r.nextDouble(-50, 50);
    float[] cent = new float[dim];
    for (int i = 0; i < dim; i++) cent[i] = (float) r.nextDouble(-5, 5);
    float[][] cs = new float[tile][];
    java.util.Arrays.fill(cs, cent);
    for (boolean l2 : new boolean[] {true, false, true, false}) {
      PqCodec c = PqCodec.train(train, 4096, dim, m, l2, true, 7, 1, IvfKernels.get(), Kernels.get());
      byte[] codes = new byte[tile * m];
      float[] norms = new float[tile];
      float[] x = new float[tile * dim];
      for (int rep = 0; rep < 3; rep++) {
        long t0 = System.nanoTime();
        for (int t = 0; t < n; t += tile) {
          System.arraycopy(xs, t * dim, x, 0, tile * dim);
          c.encodeAll(x, cs, tile, codes, norms);
        }
        System.out.printf("l2=%s rep %d: %.1f ms%n", l2, rep, (System.nanoTime() - t0) / 1e6);
      }
    }
  }
}
