package io.sextant.ivf;

import io.sextant.core.vector.FloatVectors;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/**
 * A sample of rows of a {@link FloatVectors}, read in place (never copied as a whole) into a
 * caller's array, and scaled to unit length when the clustering is spherical.
 */
final class TrainingPoints {
  private static final ValueLayout.OfFloat FLOAT_LE =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private final FloatVectors data;
  private final int[] ords;
  private final boolean normalize;

  TrainingPoints(FloatVectors data, int[] ords, boolean normalize) {
    this.data = data;
    this.ords = ords;
    this.normalize = normalize;
  }

  int size() {
    return ords.length;
  }

  int dimension() {
    return data.dimension();
  }

  int ordinal(int i) {
    return ords[i];
  }

  int[] ordinals() {
    return ords;
  }

  /** Copies point {@code i} of the sample into {@code dst} (unit length when normalizing). */
  void read(int i, float[] dst) {
    int dim = data.dimension();
    MemorySegment.copy(data.data(), FLOAT_LE, data.offset(ords[i]), dst, 0, dim);
    if (normalize) normalizeInPlace(dst);
  }

  /**
   * Points {@code from .. to} of the sample row-major into {@code dst} from index {@code at}
   * (unit length when normalizing), copied straight from the data.
   */
  void readRows(int from, int to, float[] dst, int at) {
    int dim = data.dimension();
    for (int i = from; i < to; i++) {
      int o = at + (i - from) * dim;
      MemorySegment.copy(data.data(), FLOAT_LE, data.offset(ords[i]), dst, o, dim);
      if (normalize) normalizeInPlace(dst, o, dim);
    }
  }

  /** Scales {@code v} to unit length; leaves the zero vector as it is. */
  static void normalizeInPlace(float[] v) {
    normalizeInPlace(v, 0, v.length);
  }

  /** Scales {@code v[from .. from+len)} to unit length; leaves a zero vector as it is. */
  static void normalizeInPlace(float[] v, int from, int len) {
    double s = 0;
    for (int i = from; i < from + len; i++) s += (double) v[i] * v[i];
    if (s == 0) return;
    float inv = (float) (1.0 / Math.sqrt(s));
    for (int i = from; i < from + len; i++) v[i] *= inv;
  }

  /**
   * {@code m} distinct values of {@code [0, n)} in ascending order, uniformly at random
   * (selection sampling, Knuth's algorithm S): one pass, memory for the result only.
   */
  static int[] sampleSorted(int n, int m, SplittableRandom rng) {
    if (m >= n) {
      int[] all = new int[n];
      for (int i = 0; i < n; i++) all[i] = i;
      return all;
    }
    int[] out = new int[m];
    int chosen = 0;
    for (int i = 0; i < n && chosen < m; i++) {
      if (rng.nextDouble() * (n - i) < m - chosen) out[chosen++] = i;
    }
    return out;
  }
}
