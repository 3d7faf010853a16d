// Manual probe (not built by Maven), session 7: the nearest-codeword kernel on its own (32 points, 256 codewords).
// javac -d /tmp/kp -cp ivf/target/classes:core/target/classes --add-modules jdk.incubator.vector docs/bench/ivf-session7/KernelProbe.java
// java --add-modules jdk.incubator.vector -cp /tmp/kp:ivf/target/classes:core/target/classes io.sextant.ivf.KernelProbe 8   (sub-space floats)
package io.sextant.ivf;
import java.util.SplittableRandom;
public final class KernelProbe {
  public static void main(String[] a) {
    IvfKernels ik = IvfKernels.get();
    int dsub = Integer.parseInt(a[0]), k = 256, count = 32;
    SplittableRandom r = new SplittableRandom(1);
    float[] ct = new float[dsub * k]; float[] bias = new float[k];
    for (int i = 0; i < ct.length; i++) ct[i] = (float) r.nextGaussian();
    for (int c = 0; c < k; c++) { double b = 0; for (int d = 0; d < dsub; d++) b += ct[d*k+c]*ct[d*k+c]; bias[c] = (float) (b/2); }
    float[][] pts = new float[64][count * dsub];
    for (float[] p : pts) for (int i = 0; i < p.length; i++) p[i] = (float) r.nextGaussian();
    int[] best = new int[count];
    long sink = 0;
    for (int round = 0; round < 8; round++) {
      int calls = 100_000;
      long t0 = System.nanoTime();
      for (int i = 0; i < calls; i++) { ik.nearestTransposedBatch(pts[i & 63], count, dsub, ct, bias, k, best); sink += best[i & 31]; }
      long t1 = System.nanoTime();
      double ns = (t1 - t0) / (double) calls / count;
      System.out.printf("dsub %d: %.1f ns per point and sub-space (%.2f FMA-vectors per ns)%n", dsub, ns, k * dsub / 8.0 / ns);
    }
    System.out.println(sink);
  }
}
