package io.sextant.ivf;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.core.vector.Kernels;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IvfKernelsTest {

  /**
   * The batched narrow-vector kernel against a double-precision reference of
   * {@code argmax x·c - bias[c]}, for point counts that leave short groups of four and centroid
   * counts that leave a single vector group and a scalar tail.
   */
  @Test
  void nearestTransposedBatchMatchesDoubleReference() {
    SplittableRandom rng = new SplittableRandom(21);
    for (IvfKernels ik : new IvfKernels[] {IvfKernels.get(), IvfKernels.scalar()}) {
      for (int dim : new int[] {1, 3, 8, 16, 24}) {
        for (int k : new int[] {1, 7, 16, 40, 256, 259}) {
          int count = 1 + rng.nextInt(11);
          float[] points = new float[count * dim];
          for (int i = 0; i < points.length; i++) points[i] = (float) rng.nextGaussian();
          float[][] cents = new float[k][dim];
          float[] ct = new float[k * dim];
          float[] bias = new float[k];
          for (int c = 0; c < k; c++) {
            double s = 0;
            for (int d = 0; d < dim; d++) {
              cents[c][d] = (float) rng.nextGaussian();
              ct[d * k + c] = cents[c][d];
              s += (double) cents[c][d] * cents[c][d];
            }
            bias[c] = (float) (s / 2);
          }
          int[] best = new int[count];
          ik.nearestTransposedBatch(points, count, dim, ct, bias, k, best);
          for (int i = 0; i < count; i++) {
            double bestRef = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) bestRef = Math.max(bestRef, score(points, i, dim, cents[c], bias[c]));
            double got = score(points, i, dim, cents[best[i]], bias[best[i]]);
            String what = ik.name() + " dim " + dim + " k " + k + " point " + i + " of " + count;
            assertThat(best[i]).as(what).isBetween(0, k - 1);
            assertThat(got).as(what).isCloseTo(bestRef, org.assertj.core.data.Offset.offset(1e-4 * (1 + Math.abs(bestRef))));
          }
        }
      }
    }
  }

  @Test
  void nearestTransposedBatchBreaksTiesToTheLowestIndex() {
    int dim = 4, k = 70;
    float[] ct = new float[k * dim];
    float[] bias = new float[k];
    for (int c = 0; c < k; c++) {
      // Centroids 5, 37 and 69 are the same best point; the rest are far.
      float v = c == 5 || c == 37 || c == 69 ? 1f : -3f;
      for (int d = 0; d < dim; d++) ct[d * k + c] = v;
      bias[c] = v * v * dim / 2f;
    }
    float[] points = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    for (IvfKernels ik : new IvfKernels[] {IvfKernels.get(), IvfKernels.scalar()}) {
      int[] best = new int[5];
      ik.nearestTransposedBatch(points, 5, dim, ct, bias, k, best);
      assertThat(best).as(ik.name()).containsOnly(5);
    }
  }

  @Test
  void batchedPqEncodingGivesTheSameCodesAsOneByOne() {
    SplittableRandom rng = new SplittableRandom(4);
    int dim = 20, count = 600, m = 6;
    float[] train = new float[count * dim];
    for (int i = 0; i < train.length; i++) train[i] = (float) rng.nextGaussian();
    PqCodec pq = PqCodec.train(train, count, dim, m, true, true, 1, 1, IvfKernels.get(), Kernels.get());
    int n = 37;
    float[] xs = new float[n * dim];
    float[][] cs = new float[n][];
    for (int i = 0; i < xs.length; i++) xs[i] = (float) rng.nextGaussian();
    for (int i = 0; i < n; i++) {
      cs[i] = new float[dim];
      for (int d = 0; d < dim; d++) cs[i][d] = (float) (0.3 * rng.nextGaussian());
    }
    byte[] codes = new byte[n * m];
    float[] norms = new float[n];
    pq.encodeAll(xs, cs, n, codes, norms);
    byte[] code = new byte[m];
    for (int i = 0; i < n; i++) {
      float[] x = java.util.Arrays.copyOfRange(xs, i * dim, (i + 1) * dim);
      float norm = pq.encode(x, cs[i], code, new float[dim]);
      assertThat(java.util.Arrays.copyOfRange(codes, i * m, (i + 1) * m)).as("vector %d", i).containsExactly(code);
      assertThat(norms[i]).isEqualTo(norm);
    }
  }

  /**
   * {@link KernelWarmup} switches between the scalar and Vector API codeword kernels while a build
   * runs, which is only sound if they agree exactly: same winner for every point, on random data
   * and on data with many equal and near-equal scores (values on a coarse grid).
   */
  @Test
  void nearestTransposedBatchIsBitIdenticalAcrossImplementations() {
    SplittableRandom rng = new SplittableRandom(77);
    IvfKernels vector = IvfKernels.get();
    IvfKernels scalar = IvfKernels.scalar();
    for (boolean grid : new boolean[] {false, true}) {
      for (int dim : new int[] {3, 8, 12, 16}) {
        for (int k : new int[] {7, 64, 256, 259}) {
          int count = 1 + rng.nextInt(40);
          float[] points = new float[count * dim];
          float[] ct = new float[k * dim];
          for (int i = 0; i < points.length; i++) points[i] = value(rng, grid);
          for (int i = 0; i < ct.length; i++) ct[i] = value(rng, grid);
          float[] bias = halfSquareNorms(ct, k, dim);
          int[] a = new int[count];
          int[] b = new int[count];
          vector.nearestTransposedBatch(points, count, dim, ct, bias, k, a);
          scalar.nearestTransposedBatch(points, count, dim, ct, bias, k, b);
          assertThat(a).as("grid %s dim %d k %d", grid, dim, k).containsExactly(b);
        }
      }
    }
  }

  /**
   * The lane-group entry PQ encoding uses: points already transposed (at an offset inside a wider
   * group, as a sub-space slice of all dimensions is) give, in both implementations, the winners
   * the row-major batch gives, including ties on a coarse grid; the Panama kernel refuses a group
   * width other than its own.
   */
  @Test
  void nearestTransposedLanesMatchesTheRowMajorBatch() {
    SplittableRandom rng = new SplittableRandom(78);
    IvfKernels vector = IvfKernels.get();
    IvfKernels scalar = IvfKernels.scalar();
    int w = vector.laneWidth();
    for (boolean grid : new boolean[] {false, true}) {
      for (int dim : new int[] {3, 8, 12}) {
        for (int k : new int[] {7, 256, 259}) {
          int skip = 5; // leading dimensions of the group that belong to other sub-spaces
          float[] points = new float[w * dim];
          float[] lanes = new float[(skip + dim + 2) * w];
          for (int p = 0; p < w; p++) {
            for (int d = 0; d < dim; d++) {
              float v = value(rng, grid);
              points[p * dim + d] = v;
              lanes[(skip + d) * w + p] = v;
            }
          }
          float[] ct = new float[k * dim];
          for (int i = 0; i < ct.length; i++) ct[i] = value(rng, grid);
          float[] bias = halfSquareNorms(ct, k, dim);
          int[] expected = new int[w];
          scalar.nearestTransposedBatch(points, w, dim, ct, bias, k, expected);
          int[] a = new int[w];
          int[] b = new int[w];
          vector.nearestTransposedLanes(lanes, skip * w, w, dim, ct, bias, k, a);
          scalar.nearestTransposedLanes(lanes, skip * w, w, dim, ct, bias, k, b);
          assertThat(a).as("vector, grid %s dim %d k %d", grid, dim, k).containsExactly(expected);
          assertThat(b).as("scalar, grid %s dim %d k %d", grid, dim, k).containsExactly(expected);
        }
      }
    }
    if (vector != scalar) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> vector.nearestTransposedLanes(new float[64], 0, w + 1, 1, new float[1], new float[1], 1, new int[w + 1]))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lane groups of " + (w + 1));
    }
  }

  /**
   * The coarse kernel too: both implementations pick the same centroid with the same score bits, for
   * every dimension and centroid count (short last steps included) and on a coarse grid full of
   * exact ties, so the k-means and the lists do not depend on whether the Vector API was used.
   */
  @Test
  void nearestBatchIsBitIdenticalAcrossImplementations() {
    SplittableRandom rng = new SplittableRandom(78);
    IvfKernels vector = IvfKernels.get();
    IvfKernels scalar = IvfKernels.scalar();
    for (boolean grid : new boolean[] {false, true}) {
      for (int dim : new int[] {1, 3, 8, 17, 784}) {
        for (int k : new int[] {1, 5, 8, 9, 33}) {
          int count = 1 + rng.nextInt(40);
          float[] points = new float[count * dim];
          float[][] centroids = new float[k][dim];
          float[] bias = new float[k];
          for (int i = 0; i < points.length; i++) points[i] = value(rng, grid);
          for (int c = 0; c < k; c++) {
            double b = 0;
            for (int d = 0; d < dim; d++) {
              centroids[c][d] = value(rng, grid);
              b += (double) centroids[c][d] * centroids[c][d];
            }
            bias[c] = (float) (b / 2);
          }
          int[] a = new int[count], b = new int[count];
          float[] sa = new float[count], sb = new float[count];
          vector.nearestBatch(points, count, dim, centroids, bias, a, sa);
          scalar.nearestBatch(points, count, dim, centroids, bias, b, sb);
          assertThat(a).as("grid %s dim %d k %d", grid, dim, k).containsExactly(b);
          for (int i = 0; i < count; i++) {
            assertThat(Float.floatToRawIntBits(sa[i])).as("score bits, point %d", i).isEqualTo(Float.floatToRawIntBits(sb[i]));
          }
        }
      }
    }
  }

  /** A centroid whose score is NaN never wins, in either kernel, wherever it sits in a step of the tree. */
  @Test
  void aNanScoreNeverWins() {
    IvfKernels vector = IvfKernels.get();
    IvfKernels scalar = IvfKernels.scalar();
    int dim = 8, k = 16, count = 9;
    SplittableRandom rng = new SplittableRandom(5);
    float[] points = new float[count * dim];
    for (int i = 0; i < points.length; i++) points[i] = (float) rng.nextGaussian();
    float[][] rows = new float[k][dim];
    float[] ct = new float[dim * k];
    for (int c = 0; c < k; c++) {
      for (int d = 0; d < dim; d++) {
        rows[c][d] = (float) rng.nextGaussian();
        ct[d * k + c] = rows[c][d];
      }
    }
    for (int nan = 0; nan < k; nan++) {
      float[] bias = new float[k];
      bias[nan] = Float.NaN;
      for (IvfKernels ik : new IvfKernels[] {vector, scalar}) {
        int[] best = new int[count];
        ik.nearestTransposedBatch(points, count, dim, ct, bias, k, best);
        int[] best2 = new int[count];
        ik.nearestBatch(points, count, dim, rows, bias, best2, new float[count]);
        for (int i = 0; i < count; i++) {
          int expected = -1;
          double top = Double.NEGATIVE_INFINITY;
          for (int c = 0; c < k; c++) {
            if (c == nan) continue;
            double s = -bias[c];
            for (int d = 0; d < dim; d++) s += (double) points[i * dim + d] * rows[c][d];
            if (s > top) { top = s; expected = c; }
          }
          assertThat(best[i]).as("%s transposed, NaN at %d, point %d", ik.name(), nan, i).isEqualTo(expected);
          assertThat(best2[i]).as("%s rows, NaN at %d, point %d", ik.name(), nan, i).isEqualTo(expected);
        }
      }
    }
  }

  /** {@code ‖c‖²/2} of each of the k dimension-major centroids in {@code ct}: the Euclidean bias of the kernels. */
  private static float[] halfSquareNorms(float[] ct, int k, int dim) {
    float[] bias = new float[k];
    for (int c = 0; c < k; c++) {
      double b = 0;
      for (int d = 0; d < dim; d++) b += (double) ct[d * k + c] * ct[d * k + c];
      bias[c] = (float) (b / 2);
    }
    return bias;
  }

  private static float value(SplittableRandom rng, boolean grid) {
    return grid ? (rng.nextInt(5) - 2) * 0.5f : (float) rng.nextGaussian();
  }

  /** The warm-up wrapper gives the same codes whether its switch to the Vector API kernel happened yet or not. */
  @Test
  void pqCodesDoNotDependOnTheKernelWarmup() throws InterruptedException {
    SplittableRandom rng = new SplittableRandom(9);
    int dim = 32, count = 700, m = 4;
    float[] train = new float[count * dim];
    for (int i = 0; i < train.length; i++) train[i] = (float) rng.nextGaussian();
    PqCodec plain = PqCodec.train(train, count, dim, m, true, false, 3, 1, IvfKernels.get(), Kernels.get());
    IvfKernels warming = KernelWarmup.start(IvfKernels.get(), dim / m);
    PqCodec early = PqCodec.train(train, count, dim, m, true, false, 3, 1, warming, Kernels.get());
    assertThat(bytes(early.params())).containsExactly(bytes(plain.params()));
    if (warming instanceof KernelWarmup w) {
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (!w.ready() && System.nanoTime() < deadline) Thread.sleep(5);
      assertThat(w.ready()).as("warm-up finished").isTrue();
      PqCodec late = PqCodec.train(train, count, dim, m, true, false, 3, 1, warming, Kernels.get());
      assertThat(bytes(late.params())).containsExactly(bytes(plain.params()));
    }
  }

  private static byte[] bytes(java.lang.foreign.MemorySegment seg) {
    return seg.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
  }

  private static double score(float[] points, int i, int dim, float[] c, float bias) {
    double s = -bias;
    for (int d = 0; d < dim; d++) s += (double) points[i * dim + d] * c[d];
    return s;
  }
}
