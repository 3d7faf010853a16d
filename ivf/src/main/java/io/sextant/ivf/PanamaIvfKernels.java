package io.sextant.ivf;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/** Vector API scan kernels, loaded reflectively by {@link IvfKernels#get()}. */
final class PanamaIvfKernels implements IvfKernels {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int L = F.length();
  private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());
  private static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class, VectorShape.forBitSize(L * 8));
  private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

  /** Whether ADC uses Vector API gathers (true) or the scalar loop; see the measurements in the README. */
  static final boolean GATHER_ADC = Boolean.parseBoolean(System.getProperty("sextant.ivf.gatherAdc", "false"));

  private PanamaIvfKernels() {}

  /** An instance when vectors of at least 8 floats exist (AVX2 and wider), else null. */
  public static IvfKernels createIfUseful() {
    return L >= 8 && BlockLayout.BLOCK % L == 0 ? new PanamaIvfKernels() : null;
  }

  @Override public String name() { return "panama"; }

  private static final ThreadLocal<int[]> INDEX = ThreadLocal.withInitial(() -> new int[BlockLayout.BLOCK]);

  @Override
  public void adcBlock(float[] table, int m, MemorySegment seg, long codes, float[] out) {
    if (GATHER_ADC) {
      adcBlockGather(table, m, seg, codes, out);
    } else {
      ScalarIvfKernels.INSTANCE.adcBlock(table, m, seg, codes, out);
    }
  }

  /** ADC with Vector API gathers from the lookup table, L vectors of the block per gather. */
  static void adcBlockGather(float[] table, int m, MemorySegment seg, long codes, float[] out) {
    final int b = BlockLayout.BLOCK;
    int[] idx = INDEX.get();
    FloatVector[] acc = new FloatVector[b / L];
    for (int g = 0; g < acc.length; g++) acc[g] = FloatVector.zero(F);
    for (int j = 0; j < m; j++) {
      long row = codes + (long) j * b;
      int t = j << 8;
      for (int g = 0; g < acc.length; g++) {
        IntVector iv = (IntVector) ByteVector.fromMemorySegment(B, seg, row + (long) g * L, LE)
            .convertShape(VectorOperators.B2I, I, 0);
        iv.and(0xFF).add(t).intoArray(idx, g * L);
      }
      for (int g = 0; g < acc.length; g++) acc[g] = acc[g].add(FloatVector.fromArray(F, table, 0, idx, g * L));
    }
    for (int g = 0; g < acc.length; g++) acc[g].intoArray(out, g * L);
  }

  @Override
  public void sq8Block(float[] w, MemorySegment seg, long codes, int count, float[] out) {
    int dim = w.length;
    int upper = F.loopBound(dim);
    for (int v = 0; v < count; v++) {
      long base = codes + (long) v * dim;
      FloatVector acc = FloatVector.zero(F);
      int i = 0;
      for (; i < upper; i += L) {
        FloatVector x = (FloatVector) ByteVector.fromMemorySegment(B, seg, base + i, LE).convertShape(VectorOperators.B2F, F, 0);
        acc = x.fma(FloatVector.fromArray(F, w, i), acc);
      }
      float s = acc.reduceLanes(VectorOperators.ADD);
      for (; i < dim; i++) s += w[i] * seg.get(java.lang.foreign.ValueLayout.JAVA_BYTE, base + i);
      out[v] = s;
    }
  }

  @Override
  public void lookupTable(float[] q, int from, int len, MemorySegment seg, long cbOffset, float[] table, int tableOffset) {
    long rowBytes = (long) CODEBOOK * Float.BYTES;
    for (int c = 0; c < CODEBOOK; c += L) {
      FloatVector acc = FloatVector.zero(F);
      long col = cbOffset + 4L * c;
      for (int d = 0; d < len; d++) {
        acc = FloatVector.fromMemorySegment(F, seg, col + d * rowBytes, LE).fma(FloatVector.broadcast(F, q[from + d]), acc);
      }
      acc.intoArray(table, tableOffset + c);
    }
  }

  @Override
  public void nearestBatch(float[] points, int count, int dim, float[][] centroids, float[] bias, int[] best, float[] score) {
    int k = centroids.length;
    if (k == 0) { // nothing to pick from: index 0 with the worst score, as the scalar kernel answers
      java.util.Arrays.fill(best, 0, count, 0);
      java.util.Arrays.fill(score, 0, count, Float.NEGATIVE_INFINITY);
      return;
    }
    float[] lanes = lanes(dim);
    int[] idx = new int[L];
    float[] val = new float[L];
    for (int g = 0; g < count; g += L) {
      int n = Math.min(L, count - g);
      toLanes(points, g, n, dim, lanes);
      nearestRowsInLanes(lanes, dim, centroids, bias, k, idx, val);
      System.arraycopy(idx, 0, best, g, n);
      System.arraycopy(val, 0, score, g, n);
    }
  }

  /**
   * The coarse counterpart of {@link #nearestInLanes}: L points in lanes against row-major centroids,
   * 8 per step, each component broadcast once for all L points, compared in order with the running
   * best. It replaced a tile kernel (two centroids against four points, dimensions in lanes,
   * horizontal sums at the end) whose 8 points of 784 floats plus two centroids overflowed L1 on
   * every pair of centroids. Measured on Zen 3 (AVX2), 784 dimensions, one JVM per run
   * (docs/bench/ivf-session7/TileProbe.java), vector multiply-adds per ns: 3.58–3.78 against 2.16 for
   * the tile kernel at 64 centroids × 256 points, 2.60–3.20 against 1.90 at 32 × 256, 2.54–2.92
   * against 2.48 at 96 × 40. A short last step repeats the last centroid, which can never beat
   * itself. Same sums as the scalar kernel (one fused multiply-add per dimension in order, then
   * -bias), hence the same winner, and an index built with {@code -Dsextant.simd=false} is the same.
   */
  private static void nearestRowsInLanes(float[] lanes, int dim, float[][] centroids, float[] bias, int k, int[] outIdx,
                                         float[] outVal) {
    FloatVector max = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
    IntVector arg = IntVector.zero(I);
    for (int c = 0; c < k; c += 8) {
      int c1 = Math.min(c + 1, k - 1), c2 = Math.min(c + 2, k - 1), c3 = Math.min(c + 3, k - 1);
      int c4 = Math.min(c + 4, k - 1), c5 = Math.min(c + 5, k - 1), c6 = Math.min(c + 6, k - 1), c7 = Math.min(c + 7, k - 1);
      float[] r0 = centroids[c], r1 = centroids[c1], r2 = centroids[c2], r3 = centroids[c3];
      float[] r4 = centroids[c4], r5 = centroids[c5], r6 = centroids[c6], r7 = centroids[c7];
      FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
      for (int d = 0; d < dim; d++) {
        FloatVector p = FloatVector.fromArray(F, lanes, d * L);
        a0 = p.fma(FloatVector.broadcast(F, r0[d]), a0);
        a1 = p.fma(FloatVector.broadcast(F, r1[d]), a1);
        a2 = p.fma(FloatVector.broadcast(F, r2[d]), a2);
        a3 = p.fma(FloatVector.broadcast(F, r3[d]), a3);
        a4 = p.fma(FloatVector.broadcast(F, r4[d]), a4);
        a5 = p.fma(FloatVector.broadcast(F, r5[d]), a5);
        a6 = p.fma(FloatVector.broadcast(F, r6[d]), a6);
        a7 = p.fma(FloatVector.broadcast(F, r7[d]), a7);
      }
      a0 = a0.sub(bias[c]); a1 = a1.sub(bias[c1]); a2 = a2.sub(bias[c2]); a3 = a3.sub(bias[c3]);
      a4 = a4.sub(bias[c4]); a5 = a5.sub(bias[c5]); a6 = a6.sub(bias[c6]); a7 = a7.sub(bias[c7]);
      VectorMask<Float> m;
      m = a0.compare(VectorOperators.GT, max); max = max.blend(a0, m); arg = arg.blend(c, m.cast(I));
      m = a1.compare(VectorOperators.GT, max); max = max.blend(a1, m); arg = arg.blend(c1, m.cast(I));
      m = a2.compare(VectorOperators.GT, max); max = max.blend(a2, m); arg = arg.blend(c2, m.cast(I));
      m = a3.compare(VectorOperators.GT, max); max = max.blend(a3, m); arg = arg.blend(c3, m.cast(I));
      m = a4.compare(VectorOperators.GT, max); max = max.blend(a4, m); arg = arg.blend(c4, m.cast(I));
      m = a5.compare(VectorOperators.GT, max); max = max.blend(a5, m); arg = arg.blend(c5, m.cast(I));
      m = a6.compare(VectorOperators.GT, max); max = max.blend(a6, m); arg = arg.blend(c6, m.cast(I));
      m = a7.compare(VectorOperators.GT, max); max = max.blend(a7, m); arg = arg.blend(c7, m.cast(I));
    }
    arg.intoArray(outIdx, 0);
    max.intoArray(outVal, 0);
  }

  @Override
  public void dots(float[] rows, int from, int count, int dim, float[] c, float[] out) {
    float[] tmp = new float[L];
    float[] four = new float[8];
    for (int g = 0; g < count; g += 4) {
      int r0 = from + g;
      int r1 = from + Math.min(g + 1, count - 1);
      int r2 = from + Math.min(g + 2, count - 1);
      int r3 = from + Math.min(g + 3, count - 1);
      dot4(c, rows, r0 * dim, r1 * dim, r2 * dim, r3 * dim, dim, tmp, four);
      for (int i = 0; i < 4 && g + i < count; i++) out[g + i] = four[i];
    }
  }

  /** Dot products of centroids {@code a} and {@code b} with four rows of {@code points}: a's into out[0..4), b's into out[4..8). */
  private static void dot8(float[] a, float[] b, float[] points, int o0, int o1, int o2, int o3, int dim, float[] tmp,
                           float[] out) {
    int upper = F.loopBound(dim);
    FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
    for (int d = 0; d < upper; d += L) {
      FloatVector va = FloatVector.fromArray(F, a, d);
      FloatVector vb = FloatVector.fromArray(F, b, d);
      FloatVector x0 = FloatVector.fromArray(F, points, o0 + d);
      FloatVector x1 = FloatVector.fromArray(F, points, o1 + d);
      FloatVector x2 = FloatVector.fromArray(F, points, o2 + d);
      FloatVector x3 = FloatVector.fromArray(F, points, o3 + d);
      a0 = va.fma(x0, a0);
      a1 = va.fma(x1, a1);
      a2 = va.fma(x2, a2);
      a3 = va.fma(x3, a3);
      b0 = vb.fma(x0, b0);
      b1 = vb.fma(x1, b1);
      b2 = vb.fma(x2, b2);
      b3 = vb.fma(x3, b3);
    }
    sum4(a0, a1, a2, a3, tmp, out, 0);
    sum4(b0, b1, b2, b3, tmp, out, 4);
    for (int d = upper; d < dim; d++) {
      float ad = a[d];
      float bd = b[d];
      out[0] = Math.fma(points[o0 + d], ad, out[0]);
      out[1] = Math.fma(points[o1 + d], ad, out[1]);
      out[2] = Math.fma(points[o2 + d], ad, out[2]);
      out[3] = Math.fma(points[o3 + d], ad, out[3]);
      out[4] = Math.fma(points[o0 + d], bd, out[4]);
      out[5] = Math.fma(points[o1 + d], bd, out[5]);
      out[6] = Math.fma(points[o2 + d], bd, out[6]);
      out[7] = Math.fma(points[o3 + d], bd, out[7]);
    }
  }

  /**
   * Dot products of {@code c} with four rows of {@code points}. A small method of its own so the
   * JIT compiles it early (it is called once per centroid and point group) instead of waiting
   * for on-stack replacement of the long outer loop.
   */
  private static void dot4(float[] c, float[] points, int o0, int o1, int o2, int o3, int dim, float[] tmp,
                           float[] out) {
    int upper = F.loopBound(dim);
    FloatVector s0 = FloatVector.zero(F), s1 = FloatVector.zero(F), s2 = FloatVector.zero(F), s3 = FloatVector.zero(F);
    for (int d = 0; d < upper; d += L) {
      FloatVector cv = FloatVector.fromArray(F, c, d);
      s0 = cv.fma(FloatVector.fromArray(F, points, o0 + d), s0);
      s1 = cv.fma(FloatVector.fromArray(F, points, o1 + d), s1);
      s2 = cv.fma(FloatVector.fromArray(F, points, o2 + d), s2);
      s3 = cv.fma(FloatVector.fromArray(F, points, o3 + d), s3);
    }
    sum4(s0, s1, s2, s3, tmp, out, 0);
    float r0 = out[0], r1 = out[1], r2 = out[2], r3 = out[3];
    for (int d = upper; d < dim; d++) {
      float cd = c[d];
      r0 = Math.fma(points[o0 + d], cd, r0);
      r1 = Math.fma(points[o1 + d], cd, r1);
      r2 = Math.fma(points[o2 + d], cd, r2);
      r3 = Math.fma(points[o3 + d], cd, r3);
    }
    out[0] = r0;
    out[1] = r1;
    out[2] = r2;
    out[3] = r3;
  }

  private static final VectorShuffle<Float> SWAP_HALVES = VectorShuffle.fromOp(F, i -> i ^ (L / 2));
  private static final VectorShuffle<Float> SWAP_QUARTERS = VectorShuffle.fromOp(F, i -> i ^ (L / 4));
  private static final VectorMask<Float> UPPER_HALF = VectorMask.fromLong(F, ((1L << L) - 1) & ~((1L << (L / 2)) - 1));
  private static final VectorMask<Float> ODD_QUARTERS = oddQuarters();

  private static VectorMask<Float> oddQuarters() {
    boolean[] bits = new boolean[L];
    for (int i = 0; i < L; i++) bits[i] = (i / (L / 4)) % 2 == 1;
    return VectorMask.fromArray(F, bits, 0);
  }

  /**
   * The lane sums of four vectors, in a fixed order: halves and quarters of the four are folded
   * together lane-wise (two shuffles, four blends), leaving L/4 partial sums per vector, which
   * are added in lane order. {@code reduceLanes(ADD)} would be simpler but may add in another
   * order once the JIT has compiled it, which would make k-means results depend on warm-up.
   */
  static void sum4(FloatVector s0, FloatVector s1, FloatVector s2, FloatVector s3, float[] tmp, float[] out, int at) {
    FloatVector w01 = s0.blend(s1, UPPER_HALF).add(s1.blend(s0, UPPER_HALF).rearrange(SWAP_HALVES));
    FloatVector w23 = s2.blend(s3, UPPER_HALF).add(s3.blend(s2, UPPER_HALF).rearrange(SWAP_HALVES));
    // Quarters of z: partial sums of s0, s2, s1, s3.
    FloatVector z = w01.blend(w23, ODD_QUARTERS).add(w23.blend(w01, ODD_QUARTERS).rearrange(SWAP_QUARTERS));
    z.intoArray(tmp, 0);
    int q = L / 4;
    for (int part = 0; part < 4; part++) {
      float r = tmp[part * q];
      for (int i = 1; i < q; i++) r += tmp[part * q + i];
      out[at + (part == 1 ? 2 : part == 2 ? 1 : part)] = r;
    }
  }

  /**
   * Per-thread scratch of at least {@code dim·L} floats: at 784 dimensions that is 25 KB, which a
   * fresh array per call would zero again for every top cluster of every assigned tile.
   */
  private static final ThreadLocal<float[][]> LANES = ThreadLocal.withInitial(() -> new float[1][0]);

  private static float[] lanes(int dim) {
    float[][] holder = LANES.get();
    if (holder[0].length < dim * L) holder[0] = new float[dim * L];
    return holder[0];
  }

  /** Points {@code g .. g+n} (row-major) into lanes: point g+p is lane p of row d; a short group repeats its last point. */
  private static void toLanes(float[] points, int g, int n, int dim, float[] lanes) {
    for (int p = 0; p < L; p++) {
      int from = (g + Math.min(p, n - 1)) * dim;
      for (int d = 0; d < dim; d++) lanes[d * L + p] = points[from + d];
    }
  }

  @Override
  public void nearestTransposedBatch(float[] points, int count, int dim, float[] ct, float[] bias, int k, int[] best) {
    float[] lanes = new float[dim * L];
    int[] idx = new int[L];
    for (int g = 0; g < count; g += L) {
      int n = Math.min(L, count - g);
      toLanes(points, g, n, dim, lanes);
      nearestInLanes(lanes, 0, dim, ct, bias, k, idx);
      System.arraycopy(idx, 0, best, g, n);
    }
  }

  @Override
  public int laneWidth() {
    return L;
  }

  @Override
  public void nearestTransposedLanes(float[] lanes, int at, int width, int dim, float[] ct, float[] bias, int k, int[] best) {
    if (width != L) throw new IllegalArgumentException("lane groups of " + width + " points, this kernel takes " + L);
    nearestInLanes(lanes, at, dim, ct, bias, k, best);
  }

  /**
   * The nearest codeword of L points held one per lane ({@code lanes[at0 + d·L + p]} is component d of
   * point p), against 8 codewords per step, each broadcast from the dimension-major table. Each
   * lane's sums are built exactly as in the scalar kernel (-bias, then one fused multiply-add per
   * dimension in order) and codewords are compared in increasing order, a later one winning only
   * when strictly greater, so ties go to the lowest index, a NaN never wins, and the result is
   * bit-identical to the scalar kernel.
   *
   * <p>Why points in lanes: no horizontal reduction at the end, and two vectors of running state
   * (best score and index) for all L points, so the 8 sums, the point row, a broadcast and that
   * state fit in AVX2's 16 registers; the kernel it replaced (four points against 16 codewords in
   * lanes, the "current" arm of docs/bench/ivf-session6/Nearest4Probe.java) kept 23 vectors live.
   * The 8 sums are compared with the running best one after another: a tree of pairs was ~10 %
   * faster (83–85 ns per point and sub-space) but lets a NaN sum hide a number beside it, and made
   * NaN-safe it was slower (104–109 ns). Measured on Zen 3 (AVX2), 32 points, 8-float sub-spaces,
   * 256 codewords, one JVM per kernel (docs/bench/ivf-session7/KernelProbe.java): 89–93 ns, against
   * 92–93 ns for the four-point kernel.
   */
  private static void nearestInLanes(float[] lanes, int at0, int dim, float[] ct, float[] bias, int k, int[] out) {
    FloatVector max = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
    IntVector arg = IntVector.zero(I);
    int c = 0;
    for (; c + 8 <= k; c += 8) {
      FloatVector a0 = FloatVector.broadcast(F, -bias[c]);
      FloatVector a1 = FloatVector.broadcast(F, -bias[c + 1]);
      FloatVector a2 = FloatVector.broadcast(F, -bias[c + 2]);
      FloatVector a3 = FloatVector.broadcast(F, -bias[c + 3]);
      FloatVector a4 = FloatVector.broadcast(F, -bias[c + 4]);
      FloatVector a5 = FloatVector.broadcast(F, -bias[c + 5]);
      FloatVector a6 = FloatVector.broadcast(F, -bias[c + 6]);
      FloatVector a7 = FloatVector.broadcast(F, -bias[c + 7]);
      for (int d = 0, at = c; d < dim; d++, at += k) {
        FloatVector p = FloatVector.fromArray(F, lanes, at0 + d * L);
        a0 = p.fma(FloatVector.broadcast(F, ct[at]), a0);
        a1 = p.fma(FloatVector.broadcast(F, ct[at + 1]), a1);
        a2 = p.fma(FloatVector.broadcast(F, ct[at + 2]), a2);
        a3 = p.fma(FloatVector.broadcast(F, ct[at + 3]), a3);
        a4 = p.fma(FloatVector.broadcast(F, ct[at + 4]), a4);
        a5 = p.fma(FloatVector.broadcast(F, ct[at + 5]), a5);
        a6 = p.fma(FloatVector.broadcast(F, ct[at + 6]), a6);
        a7 = p.fma(FloatVector.broadcast(F, ct[at + 7]), a7);
      }
      VectorMask<Float> m;
      m = a0.compare(VectorOperators.GT, max); max = max.blend(a0, m); arg = arg.blend(c, m.cast(I));
      m = a1.compare(VectorOperators.GT, max); max = max.blend(a1, m); arg = arg.blend(c + 1, m.cast(I));
      m = a2.compare(VectorOperators.GT, max); max = max.blend(a2, m); arg = arg.blend(c + 2, m.cast(I));
      m = a3.compare(VectorOperators.GT, max); max = max.blend(a3, m); arg = arg.blend(c + 3, m.cast(I));
      m = a4.compare(VectorOperators.GT, max); max = max.blend(a4, m); arg = arg.blend(c + 4, m.cast(I));
      m = a5.compare(VectorOperators.GT, max); max = max.blend(a5, m); arg = arg.blend(c + 5, m.cast(I));
      m = a6.compare(VectorOperators.GT, max); max = max.blend(a6, m); arg = arg.blend(c + 6, m.cast(I));
      m = a7.compare(VectorOperators.GT, max); max = max.blend(a7, m); arg = arg.blend(c + 7, m.cast(I));
    }
    for (; c < k; c++) { // codewords past the last full step, one at a time
      FloatVector a = FloatVector.broadcast(F, -bias[c]);
      for (int d = 0, at = c; d < dim; d++, at += k) {
        a = FloatVector.fromArray(F, lanes, at0 + d * L).fma(FloatVector.broadcast(F, ct[at]), a);
      }
      VectorMask<Float> m = a.compare(VectorOperators.GT, max);
      max = max.blend(a, m);
      arg = arg.blend(c, m.cast(I));
    }
    arg.intoArray(out, 0);
  }

  @Override
  public long nearestTransposed(float[] x, int from, int dim, float[] ct, int k, boolean spherical, float[] scratch) {
    int upper = F.loopBound(k);
    // Centroids L at a time, their sums kept in one register across all dimensions; each lane
    // keeps its best distance and index, so only the final L candidates are compared in scalar.
    FloatVector bestV = FloatVector.broadcast(F, Float.POSITIVE_INFINITY);
    IntVector bestI = IntVector.zero(I);
    IntVector lane = (IntVector) I.iotaShuffle(0, 1, false).toVector();
    FloatVector one = FloatVector.broadcast(F, 1f);
    for (int c = 0; c < upper; c += L) {
      FloatVector acc = FloatVector.zero(F);
      for (int d = 0, at = c; d < dim; d++, at += k) {
        FloatVector t = FloatVector.fromArray(F, ct, at);
        FloatVector xd = FloatVector.broadcast(F, x[from + d]);
        if (spherical) {
          acc = t.fma(xd, acc);
        } else {
          FloatVector diff = xd.sub(t);
          acc = diff.fma(diff, acc);
        }
      }
      FloatVector dist = spherical ? one.sub(acc) : acc;
      VectorMask<Float> better = dist.lt(bestV);
      bestV = bestV.blend(dist, better);
      bestI = bestI.blend(lane.add(c), better.cast(I));
    }
    int best = Integer.MAX_VALUE;
    float bestD = Float.POSITIVE_INFINITY;
    if (upper > 0) {
      // Both vectors go through the float scratch (the indexes as raw bits): no second array.
      bestV.intoArray(scratch, 0);
      bestI.reinterpretAsFloats().intoArray(scratch, L);
      for (int i = 0; i < L; i++) {
        int idx = Float.floatToRawIntBits(scratch[L + i]);
        if (scratch[i] < bestD || (scratch[i] == bestD && idx < best)) {
          bestD = scratch[i];
          best = idx;
        }
      }
    }
    for (int c = upper; c < k; c++) {
      float s = 0f;
      for (int d = 0; d < dim; d++) {
        float t = ct[d * k + c];
        if (spherical) {
          s += x[from + d] * t;
        } else {
          float diff = x[from + d] - t;
          s += diff * diff;
        }
      }
      float dd = spherical ? 1f - s : s;
      if (dd < bestD) {
        bestD = dd;
        best = c;
      }
    }
    if (best == Integer.MAX_VALUE) best = 0;
    return ((long) best << 32) | (Float.floatToRawIntBits(bestD) & 0xFFFF_FFFFL);
  }
}
