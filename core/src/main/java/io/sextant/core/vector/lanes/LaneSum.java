package io.sextant.core.vector.lanes;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The sum of a float vector's lanes in one fixed order, for the Panama kernels of every module.
 *
 * <p>Why not {@code reduceLanes(ADD)}: its order is unspecified for floats, and it really differs
 * between the C2 intrinsic (a tree) and the Java fallback that runs until C2 has compiled the
 * caller (lane after lane). Measured on Temurin 25, AVX2: 9–55 % of dot, distance and cosine
 * results over random vectors of 784, 384 and 100 dimensions changed in the last bits between
 * the first calls of a JVM and the same calls after warm-up. A score that depends on JIT state
 * makes a one-thread HNSW build or a k-means run differ from run to run, and the same query
 * return different score bits before and after warm-up. Here the lanes are added as a fixed
 * halving tree (lane {@code i} plus lane {@code i ^ L/2}, then the same on the first half, down
 * to one): lane-wise adds of the vector and a fixed permutation of itself down to four lanes, then
 * those four extracted and added in the same pairs. That is plain IEEE arithmetic in both the
 * compiled code and the fallback, so the result has the same bits either way, and it is the order
 * of C2's own intrinsic (warm results did not change). Measured in one JVM on the 384-/784-d
 * squared-distance loop (Zen 3, AVX2): 31.6–35.8 / 56.8–60.2 ns against 32.0–33.2 / 59.0–60.8 ns
 * with {@code reduceLanes}; permuting all the way down cost 6–9 ns more, extracting all eight
 * lanes 0–6 ns more. With 16 lanes (Zen 4, AVX-512; docs/bench/lanesum-session10) the two
 * permutes cost more: 27.3–28.8 / 53.9–58.5 / 21.9–22.4 ns at 384 / 784 / 100 dimensions against
 * 23.6–26.2 / 47.2–52.9 / 11.0–11.6 ns; and there {@code reduceLanes}'s own warm results differed
 * from this tree in 2,212–2,238 of 4,096 cases in some compilations and none in others, so its
 * order is not even fixed once compiled.
 *
 * <p>For {@link FloatVector#SPECIES_PREFERRED} vectors only (every kernel uses that species).
 */
public final class LaneSum {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int L = F.length();

  private static final VectorShuffle<Float> X8 = L == 16 ? VectorShuffle.fromOp(F, i -> i ^ 8) : null;
  private static final VectorShuffle<Float> X4 = L >= 8 ? VectorShuffle.fromOp(F, i -> i ^ 4) : null;

  /**
   * For kernels that sum 16 accumulators at once (16-lane species only, null otherwise): {@code BITn}
   * marks the lanes whose index has bit {@code n} set, {@code SWAPn} swaps each lane with lane
   * {@code i ^ n}. Steps at n = 8, 4, 2, 1, each turning vectors a (first half) and b (second half)
   * into {@code a.blend(b, BITn).add(b.blend(a, BITn).rearrange(SWAPn))}, pairing accumulator j
   * with j + 8, then with j + 4, and so on, leave one vector whose lane j is accumulator j's
   * {@link #sum}, bit for bit: every lane adds the same pairs in the same tree. The kernels spell
   * the steps out inline; a call here, after their loop, was past C2's inlining node budget.
   */
  public static final VectorMask<Float> BIT8 = L == 16 ? VectorMask.fromLong(F, 0xff00L) : null;
  public static final VectorMask<Float> BIT4 = L == 16 ? VectorMask.fromLong(F, 0xf0f0L) : null;
  public static final VectorMask<Float> BIT2 = L == 16 ? VectorMask.fromLong(F, 0xccccL) : null;
  public static final VectorMask<Float> BIT1 = L == 16 ? VectorMask.fromLong(F, 0xaaaaL) : null;
  public static final VectorShuffle<Float> SWAP8 = X8;
  public static final VectorShuffle<Float> SWAP4 = L == 16 ? X4 : null;
  public static final VectorShuffle<Float> SWAP2 = L == 16 ? VectorShuffle.fromOp(F, i -> i ^ 2) : null;
  public static final VectorShuffle<Float> SWAP1 = L == 16 ? VectorShuffle.fromOp(F, i -> i ^ 1) : null;

  private LaneSum() {}

  /**
   * Lane 0 of the halving tree: for 8 lanes {@code ((v0+v4)+(v2+v6)) + ((v1+v5)+(v3+v7))}.
   * Species wider than 16 lanes do not exist for floats (512 bits is the widest).
   */
  public static float sum(FloatVector v) {
    if (L == 16) v = v.add(v.rearrange(X8));
    if (L >= 8) v = v.add(v.rearrange(X4));
    if (L >= 4) return (v.lane(0) + v.lane(2)) + (v.lane(1) + v.lane(3));
    return sumOf(v.toArray()); // 64-bit vectors: not used by the kernels (they need more than 128 bits)
  }

  /** The value {@link #sum} returns for these lanes, in plain arithmetic (the specification; LaneSumTest). */
  public static float sumOf(float[] lanes) {
    int n = lanes.length;
    if (n == 0 || (n & (n - 1)) != 0) throw new IllegalArgumentException("lane count must be a power of two, got " + n);
    float[] v = lanes.clone();
    for (int s = n / 2; s >= 1; s /= 2) {
      float[] w = new float[n];
      for (int i = 0; i < n; i++) w[i] = v[i] + v[i ^ s];
      v = w;
    }
    return v[0];
  }
}
