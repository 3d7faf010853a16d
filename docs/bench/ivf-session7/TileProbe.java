// Manual probe (not built by Maven), session 7: the coarse nearest-centroid kernel (IvfKernels.nearestBatch) on its own.
// javac -d /tmp/kp -cp ivf/target/classes:core/target/classes --add-modules jdk.incubator.vector docs/bench/ivf-session7/TileProbe.java
// java --add-modules jdk.incubator.vector -cp /tmp/kp:ivf/target/classes:core/target/classes io.sextant.ivf.TileProbe 784 64 256   (dim, centroids, points)
package io.sextant.ivf;
import java.util.SplittableRandom;
public final class TileProbe {
  public static void main(String[] a) {
    IvfKernels ik = IvfKernels.get();
    int dim = Integer.parseInt(a[0]), k = Integer.parseInt(a[1]), count = Integer.parseInt(a[2]);
    SplittableRandom r = new SplittableRandom(1);
    float[][] cents = new float[k][dim]; float[] bias = new float[k];
    for (float[] c : cents) for (int i = 0; i < dim; i++) c[i] = (float) r.nextGaussian();
    float[][] pts = new float[16][count * dim];
    for (float[] p : pts) for (int i = 0; i < p.length; i++) p[i] = (float) r.nextGaussian();
    int[] best = new int[count]; float[] score = new float[count];
    long sink = 0;
    for (int round = 0; round < 8; round++) {
      int calls = (int) Math.max(100, 2e9 / ((long) k * dim * count));
      long t0 = System.nanoTime();
      for (int i = 0; i < calls; i++) { ik.nearestBatch(pts[i & 15], count, dim, cents, bias, best, score); sink += best[i % count]; }
      long t1 = System.nanoTime();
      double fma = (double) calls * k * dim * count / 8;
      System.out.printf("dim %d k %d count %d: %.2f vector FMAs per ns%n", dim, k, count, fma / (t1 - t0));
    }
    System.out.println(sink);
  }
}
