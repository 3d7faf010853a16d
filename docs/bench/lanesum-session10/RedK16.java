// Manual probe, session 10 (AVX-512 machine): the 4-accumulator squared-distance loop ending in reduceLanes(ADD) or
// in core's LaneSum.sum, alternated in one JVM (best of 11 timed rounds, ns per call, 64 vectors in cache), and how many
// of the 4,096 warm results differ in their bits between the two endings:
//   javac --add-modules jdk.incubator.vector -cp core/target/classes -d /tmp/rk16 docs/bench/lanesum-session10/RedK16.java
//   java --add-modules jdk.incubator.vector -cp /tmp/rk16:core/target/classes RedK16 784
import io.sextant.core.vector.lanes.LaneSum;
import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** reduceLanes against LaneSum at the end of the core L2 loop, at the machine's preferred width. */
public class RedK16 {
  static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  static final int FL = F.length();

  static FloatVector acc(float[] a, float[] b, int n) {
    FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
    int i = 0;
    for (int end = n - n % (4 * FL); i < end; i += 4 * FL) {
      FloatVector d0 = FloatVector.fromArray(F, a, i).sub(FloatVector.fromArray(F, b, i)); s0 = d0.fma(d0, s0);
      FloatVector d1 = FloatVector.fromArray(F, a, i + FL).sub(FloatVector.fromArray(F, b, i + FL)); s1 = d1.fma(d1, s1);
      FloatVector d2 = FloatVector.fromArray(F, a, i + 2 * FL).sub(FloatVector.fromArray(F, b, i + 2 * FL)); s2 = d2.fma(d2, s2);
      FloatVector d3 = FloatVector.fromArray(F, a, i + 3 * FL).sub(FloatVector.fromArray(F, b, i + 3 * FL)); s3 = d3.fma(d3, s3);
    }
    for (; i < F.loopBound(n); i += FL) { FloatVector d0 = FloatVector.fromArray(F, a, i).sub(FloatVector.fromArray(F, b, i)); s0 = d0.fma(d0, s0); }
    return s0.add(s1).add(s2.add(s3));
  }
  static float viaReduceLanes(float[] a, float[] b, int n) { return acc(a, b, n).reduceLanes(VectorOperators.ADD); }
  static float viaLaneSum(float[] a, float[] b, int n) { return LaneSum.sum(acc(a, b, n)); }
  static float viaHalves(float[] a, float[] b, int n) { return halves(acc(a, b, n)); }
  /** The same tree by halving the register: lane i of the lower half plus lane i of the upper half is v[i] + v[i ^ L/2]. */
  static float halves(FloatVector v) {
    FloatVector w = v;
    if (FL == 16) w = (FloatVector) v.reinterpretShape(FloatVector.SPECIES_256, 0).add(v.reinterpretShape(FloatVector.SPECIES_256, 1));
    FloatVector u = w;
    if (FL >= 8) u = (FloatVector) w.reinterpretShape(FloatVector.SPECIES_128, 0).add(w.reinterpretShape(FloatVector.SPECIES_128, 1));
    return (u.lane(0) + u.lane(2)) + (u.lane(1) + u.lane(3));
  }

  public static void main(String[] args) {
    int dim = Integer.parseInt(args[0]), n = 64;
    SplittableRandom r = new SplittableRandom(7);
    float[][] v = new float[n][dim];
    for (float[] x : v) for (int d = 0; d < dim; d++) x[d] = (float) r.nextGaussian();
    double[] best = {1e9, 1e9, 1e9};
    float sink = 0;
    for (int round = 0; round < 15; round++) {
      for (int mm = 0; mm < 3; mm++) {
        int m = (mm + round) % 3;
        long t0 = System.nanoTime();
        for (int it = 0; it < 100; it++) for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) {
          sink += m == 0 ? viaReduceLanes(v[i], v[j], dim) : m == 1 ? viaLaneSum(v[i], v[j], dim) : viaHalves(v[i], v[j], dim);
        }
        if (round > 3) best[m] = Math.min(best[m], (System.nanoTime() - t0) / (100.0 * n * n));
      }
    }
    int differ = 0, differHalves = 0;
    for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) {
      if (Float.floatToRawIntBits(viaReduceLanes(v[i], v[j], dim)) != Float.floatToRawIntBits(viaLaneSum(v[i], v[j], dim))) differ++;
      if (Float.floatToRawIntBits(viaHalves(v[i], v[j], dim)) != Float.floatToRawIntBits(viaLaneSum(v[i], v[j], dim))) differHalves++;
    }
    System.out.printf("%d lanes, dim %d: reduceLanes %.1f ns, LaneSum %.1f ns, halves %.1f ns; warm results differing from LaneSum:"
        + " reduceLanes %d, halves %d of %d %s%n", FL, dim, best[0], best[1], best[2], differ, differHalves, n * n, sink > 0);
  }
}
