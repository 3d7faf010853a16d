package io.sextant.ivf;

import io.sextant.core.vector.Kernels;
import java.lang.foreign.MemorySegment;

/**
 * The inner loops of an IVF scan that the core kernels do not have: PQ asymmetric distance
 * (table lookups), float·int8 dot products for SQ8, and PQ lookup-table construction. A Panama
 * implementation is used when the Vector API is present (same rule as {@link Kernels}); the
 * scalar one otherwise.
 */
interface IvfKernels {
  /** Lookup-table rows per sub-quantizer (8-bit codes). */
  int CODEBOOK = 256;

  String name();

  /**
   * ADC over one transposed PQ block: {@code out[v] = Σ_j table[256·j + code(j, v)]} for all
   * {@link BlockLayout#BLOCK} vectors, where {@code code(j, v)} is the unsigned byte at
   * {@code codes + j·BLOCK + v}.
   */
  void adcBlock(float[] table, int m, MemorySegment seg, long codes, float[] out);

  /**
   * {@code out[v] = Σ_i w[i] · code_v[i]} for {@code count} row-major signed int8 codes of
   * {@code w.length} bytes starting at {@code codes}.
   */
  void sq8Block(float[] w, MemorySegment seg, long codes, int count, float[] out);

  /**
   * {@code table[tableOffset + c] = Σ_d q[from + d] · cb[d][c]} for {@code c < 256}, where the
   * transposed codebook {@code cb} has {@code len} rows of 256 floats at byte {@code cbOffset}.
   */
  void lookupTable(float[] q, int from, int len, MemorySegment seg, long cbOffset, float[] table, int tableOffset);

  /**
   * Batched nearest centroid: for each point {@code i < count} (row-major, {@code dim} floats each,
   * in {@code points}), the centroid {@code c} maximizing {@code x·c - bias[c]} (ties to the lowest
   * index) into {@code best[i]} and that value into {@code score[i]}. With {@code bias = ‖c‖²/2} this
   * is the Euclidean nearest centroid, with {@code bias = 0} the spherical one. Points are taken in
   * small tiles so each centroid is read once per tile, not once per point.
   */
  void nearestBatch(float[] points, int count, int dim, float[][] centroids, float[] bias, int[] best, float[] score);

  /**
   * Nearest of {@code k} centroids stored dimension-major ({@code ct[d·k + c]}) to the point
   * {@code x[from .. from+dim)}: smallest squared distance, or for {@code spherical} largest dot
   * product (distance {@code 1 - x·c}). Ties go to the lowest index. Returns the index in the
   * high 32 bits and the float bits of the distance in the low 32. {@code scratch} holds at least
   * max(k, 64) floats.
   */
  long nearestTransposed(float[] x, int from, int dim, float[] ct, int k, boolean spherical, float[] scratch);

  /**
   * Batched nearest centroid for narrow vectors (PQ sub-spaces): for each of {@code count} points
   * stored row-major in {@code points}, the centroid {@code c < k} maximizing
   * {@code x·c - bias[c]} into {@code best[i]}, ties to the lowest index; centroids dimension-major
   * ({@code ct[d·k + c]}). With {@code bias = ‖c‖²/2} that is the Euclidean nearest centroid. Each
   * sum starts at {@code -bias[c]} and adds {@code x[d]·c[d]} with one fused multiply-add per
   * dimension in dimension order, so the result does not depend on the other points or on JIT state.
   */
  void nearestTransposedBatch(float[] points, int count, int dim, float[] ct, float[] bias, int k, int[] best);

  /** Points per group in the layout of {@link #nearestTransposedLanes}: the float vector width (8 on AVX2). */
  int laneWidth();

  /**
   * {@link #nearestTransposedBatch} for one group of {@code width} points already transposed:
   * component {@code d} of point {@code p} is {@code lanes[at + d·width + p]}, and {@code best[p]} is
   * written for every {@code p < width}. Same sums, same winners. The Panama kernels take only
   * {@code width == laneWidth()}; the scalar ones any width, so a caller that laid its points out
   * for one implementation can hand them to the other.
   */
  void nearestTransposedLanes(float[] lanes, int at, int width, int dim, float[] ct, float[] bias, int k, int[] best);

  /**
   * {@code out[i] = c · row(from + i)} for {@code i < count}, rows of {@code dim} floats stored
   * back to back in {@code rows}. Summed in a fixed order (see {@link #nearestBatch}).
   */
  void dots(float[] rows, int from, int count, int dim, float[] c, float[] out);

  static IvfKernels get() {
    return Holder.DEFAULT;
  }

  static IvfKernels scalar() {
    return ScalarIvfKernels.INSTANCE;
  }

  /** Lazily chosen once per JVM. */
  final class Holder {
    private static final IvfKernels DEFAULT = choose();

    private Holder() {}

    private static IvfKernels choose() {
      if (!Boolean.parseBoolean(System.getProperty("sextant.simd", "true"))
          || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
        return ScalarIvfKernels.INSTANCE;
      }
      try {
        // Reflective so this interface links when the incubator module is absent.
        Class<?> c = Class.forName("io.sextant.ivf.PanamaIvfKernels");
        IvfKernels k = (IvfKernels) c.getMethod("createIfUseful").invoke(null);
        if (k != null) return k;
      } catch (ReflectiveOperationException | LinkageError e) {
        System.getLogger(IvfKernels.class.getName()).log(System.Logger.Level.INFO,
            "sextant-ivf: scalar scan kernels (Vector API unusable: " + e + ")");
      }
      return ScalarIvfKernels.INSTANCE;
    }
  }
}
