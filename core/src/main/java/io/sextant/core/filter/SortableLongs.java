package io.sextant.core.filter;

import java.util.Arrays;

/**
 * Maps attribute values to longs whose signed order is the value order, so every numeric column
 * (LONG, DATE_TIME, DOUBLE) is one sorted long array. Doubles use the usual sign-flip of their
 * IEEE bits: consecutive doubles map to consecutive longs, which makes exclusive bounds a ±1.
 */
final class SortableLongs {
  private SortableLongs() {}

  static long ofDouble(double d) {
    long bits = Double.doubleToLongBits(d);
    return bits ^ ((bits >> 63) & 0x7fffffffffffffffL);
  }

  static double toDouble(long key) {
    return Double.longBitsToDouble(key ^ ((key >> 63) & 0x7fffffffffffffffL));
  }

  /**
   * Sorts {@code keys[0..n)} ascending, carrying {@code docs} along; stable, so documents added
   * in increasing order stay in increasing order within one value. LSD radix sort on bytes,
   * skipping the bytes where every key agrees (years, small counters: one or two passes).
   */
  static void sortPairs(long[] keys, int[] docs, int n) {
    long[] k2 = new long[n];
    int[] d2 = new int[n];
    long[] srcK = keys, dstK = k2;
    int[] srcD = docs, dstD = d2;
    int[] count = new int[257];
    for (int shift = 0; shift < 64; shift += 8) {
      if (n == 0) break;
      Arrays.fill(count, 0);
      for (int i = 0; i < n; i++) count[bucket(srcK[i], shift) + 1]++;
      if (count[bucket(srcK[0], shift) + 1] == n) continue;
      for (int b = 0; b < 256; b++) count[b + 1] += count[b];
      for (int i = 0; i < n; i++) {
        int pos = count[bucket(srcK[i], shift)]++;
        dstK[pos] = srcK[i];
        dstD[pos] = srcD[i];
      }
      long[] tk = srcK; srcK = dstK; dstK = tk;
      int[] td = srcD; srcD = dstD; dstD = td;
    }
    if (srcK != keys) {
      System.arraycopy(srcK, 0, keys, 0, n);
      System.arraycopy(srcD, 0, docs, 0, n);
    }
  }

  private static int bucket(long key, int shift) {
    return (int) (((key ^ Long.MIN_VALUE) >>> shift) & 0xff);
  }
}
