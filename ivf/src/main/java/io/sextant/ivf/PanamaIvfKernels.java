package io.sextant.ivf;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
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
    if (!GATHER_ADC) {
      ScalarIvfKernels.INSTANCE.adcBlock(table, m, seg, codes, out);
      return;
    }
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

  /** Points per tile: 8 rows of a few KB stay in L1 while every centroid streams past them once. */
  private static final int TILE = 8;

  @Override
  public void nearestBatch(float[] points, int count, int dim, float[][] centroids, float[] bias, int[] best, float[] score) {
    int upper = F.loopBound(dim);
    for (int t = 0; t < count; t += TILE) {
      int n = Math.min(TILE, count - t);
      for (int i = 0; i < n; i++) {
        best[t + i] = 0;
        score[t + i] = Float.NEGATIVE_INFINITY;
      }
      for (int c = 0; c < centroids.length; c++) {
        float[] cc = centroids[c];
        float bc = bias[c];
        for (int g = 0; g < n; g += 4) {
          // Four points share each centroid load; a short group repeats its last point.
          int p0 = t + g;
          int p1 = t + Math.min(g + 1, n - 1);
          int p2 = t + Math.min(g + 2, n - 1);
          int p3 = t + Math.min(g + 3, n - 1);
          int o0 = p0 * dim, o1 = p1 * dim, o2 = p2 * dim, o3 = p3 * dim;
          FloatVector s0 = FloatVector.zero(F), s1 = FloatVector.zero(F), s2 = FloatVector.zero(F), s3 = FloatVector.zero(F);
          for (int d = 0; d < upper; d += L) {
            FloatVector cv = FloatVector.fromArray(F, cc, d);
            s0 = cv.fma(FloatVector.fromArray(F, points, o0 + d), s0);
            s1 = cv.fma(FloatVector.fromArray(F, points, o1 + d), s1);
            s2 = cv.fma(FloatVector.fromArray(F, points, o2 + d), s2);
            s3 = cv.fma(FloatVector.fromArray(F, points, o3 + d), s3);
          }
          float r0 = s0.reduceLanes(VectorOperators.ADD);
          float r1 = s1.reduceLanes(VectorOperators.ADD);
          float r2 = s2.reduceLanes(VectorOperators.ADD);
          float r3 = s3.reduceLanes(VectorOperators.ADD);
          for (int d = upper; d < dim; d++) {
            float cd = cc[d];
            r0 += points[o0 + d] * cd;
            r1 += points[o1 + d] * cd;
            r2 += points[o2 + d] * cd;
            r3 += points[o3 + d] * cd;
          }
          offer(p0, r0 - bc, c, best, score);
          if (g + 1 < n) offer(p1, r1 - bc, c, best, score);
          if (g + 2 < n) offer(p2, r2 - bc, c, best, score);
          if (g + 3 < n) offer(p3, r3 - bc, c, best, score);
        }
      }
    }
  }

  private static void offer(int p, float s, int c, int[] best, float[] score) {
    if (s > score[p]) {
      score[p] = s;
      best[p] = c;
    }
  }
}
