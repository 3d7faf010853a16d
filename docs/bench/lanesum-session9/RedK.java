// Manual probe, session 9: the core 4-accumulator squared-distance loop with four final lane sums, alternated in one JVM
// (best of 11 rounds, ns per call, 64 vectors in cache):
//   javac --add-modules jdk.incubator.vector -d /tmp/rk docs/bench/lanesum-session9/RedK.java && java --add-modules jdk.incubator.vector -cp /tmp/rk RedK 784
import jdk.incubator.vector.*;
import java.util.SplittableRandom;
/** The core L2 kernel with four final reductions, alternated in one JVM. */
public class RedK {
  static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  static final int FL = F.length();
  static final VectorShuffle<Float> X4 = VectorShuffle.fromOp(F, i -> i ^ 4), X2 = VectorShuffle.fromOp(F, i -> i ^ 2), X1 = VectorShuffle.fromOp(F, i -> i ^ 1);
  static final VectorSpecies<Float> H = FloatVector.SPECIES_128;
  static final VectorShuffle<Float> H2 = VectorShuffle.fromOp(H, i -> i ^ 2), H1 = VectorShuffle.fromOp(H, i -> i ^ 1);
  static float red(int m, FloatVector v) {
    switch (m) {
      case 0: return v.reduceLanes(VectorOperators.ADD);
      case 1: v = v.add(v.rearrange(X4)); v = v.add(v.rearrange(X2)); v = v.add(v.rearrange(X1)); return v.lane(0);
      case 2: return ((v.lane(0) + v.lane(4)) + (v.lane(2) + v.lane(6))) + ((v.lane(1) + v.lane(5)) + (v.lane(3) + v.lane(7)));
      default: {
        FloatVector w = v.add(v.rearrange(X4));
        return (w.lane(0) + w.lane(2)) + (w.lane(1) + w.lane(3));
      }
    }
  }
  static float l2(int m, float[] a, float[] b, int n) {
    FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
    int i = 0;
    for (int end = n - n % (4 * FL); i < end; i += 4 * FL) {
      FloatVector d0 = FloatVector.fromArray(F, a, i).sub(FloatVector.fromArray(F, b, i)); s0 = d0.fma(d0, s0);
      FloatVector d1 = FloatVector.fromArray(F, a, i + FL).sub(FloatVector.fromArray(F, b, i + FL)); s1 = d1.fma(d1, s1);
      FloatVector d2 = FloatVector.fromArray(F, a, i + 2 * FL).sub(FloatVector.fromArray(F, b, i + 2 * FL)); s2 = d2.fma(d2, s2);
      FloatVector d3 = FloatVector.fromArray(F, a, i + 3 * FL).sub(FloatVector.fromArray(F, b, i + 3 * FL)); s3 = d3.fma(d3, s3);
    }
    for (; i < F.loopBound(n); i += FL) { FloatVector d0 = FloatVector.fromArray(F, a, i).sub(FloatVector.fromArray(F, b, i)); s0 = d0.fma(d0, s0); }
    return red(m, s0.add(s1).add(s2.add(s3)));
  }
  static float l2_0(float[] a, float[] b, int n) { return l2(0, a, b, n); }
  static float l2_1(float[] a, float[] b, int n) { return l2(1, a, b, n); }
  static float l2_2(float[] a, float[] b, int n) { return l2(2, a, b, n); }
  static float l2_3(float[] a, float[] b, int n) { return l2(3, a, b, n); }
  public static void main(String[] args) {
    int dim = Integer.parseInt(args[0]), n = 64;
    SplittableRandom r = new SplittableRandom(7);
    float[][] v = new float[n][dim];
    for (float[] x : v) for (int d = 0; d < dim; d++) x[d] = (float) r.nextGaussian();
    double[] best = {1e9, 1e9, 1e9, 1e9};
    float sink = 0;
    for (int round = 0; round < 15; round++) {
      for (int mm = 0; mm < 4; mm++) {
        int m = (mm + round) % 4;
        long t0 = System.nanoTime();
        for (int it = 0; it < 100; it++) for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) {
          sink += switch (m) { case 0 -> l2_0(v[i], v[j], dim); case 1 -> l2_1(v[i], v[j], dim); case 2 -> l2_2(v[i], v[j], dim); default -> l2_3(v[i], v[j], dim); };
        }
        if (round > 3) best[m] = Math.min(best[m], (System.nanoTime() - t0) / (100.0 * n * n));
      }
    }
    System.out.printf("dim %d: reduceLanes %.1f  rearrange-tree %.1f  8 lanes %.1f  1 rearrange + 4 lanes %.1f ns %s%n", dim, best[0], best[1], best[2], best[3], sink > 0);
  }
}
