package io.sextant.core.search;

import java.util.Arrays;

/**
 * Keeps the {@code k} best (highest score) ordinals seen so far in a bounded binary min-heap, so
 * a scan of n candidates costs O(n log k) and the threshold to beat is {@link #minScore()}.
 * Ties on score are broken by the smaller ordinal, which makes results deterministic.
 * Not thread-safe: one collector per searching thread.
 */
public final class TopK {
  private final int k;
  private final int[] ords;
  private final float[] scores;
  private int size;

  public TopK(int k) {
    if (k <= 0) throw new IllegalArgumentException("k must be positive, got " + k);
    this.k = k;
    this.ords = new int[k];
    this.scores = new float[k];
  }

  public int k() { return k; }

  public int size() { return size; }

  public boolean isFull() { return size == k; }

  /** The score a candidate must beat to enter once full; -infinity before. */
  public float minScore() {
    return size < k ? Float.NEGATIVE_INFINITY : scores[0];
  }

  /** Offers a candidate; returns true when it was kept. */
  public boolean offer(int ord, float score) {
    if (size < k) {
      ords[size] = ord;
      scores[size] = score;
      siftUp(size++);
      return true;
    }
    if (worse(score, ord, scores[0], ords[0])) return false;
    ords[0] = ord;
    scores[0] = score;
    siftDown(0);
    return true;
  }

  /** a is worse than b: lower score, or equal score and larger ordinal. */
  private static boolean worse(float sa, int oa, float sb, int ob) {
    return sa < sb || (sa == sb && oa > ob);
  }

  private void siftUp(int i) {
    while (i > 0) {
      int p = (i - 1) >>> 1;
      if (!worse(scores[i], ords[i], scores[p], ords[p])) break;
      swap(i, p);
      i = p;
    }
  }

  private void siftDown(int i) {
    while (true) {
      int l = 2 * i + 1;
      if (l >= size) return;
      int r = l + 1;
      int m = (r < size && worse(scores[r], ords[r], scores[l], ords[l])) ? r : l;
      if (!worse(scores[m], ords[m], scores[i], ords[i])) return;
      swap(i, m);
      i = m;
    }
  }

  private void swap(int a, int b) {
    int o = ords[a]; ords[a] = ords[b]; ords[b] = o;
    float s = scores[a]; scores[a] = scores[b]; scores[b] = s;
  }

  /** The kept candidates, best first. Leaves this collector empty. */
  public ScoredOrds drainBestFirst() {
    int n = size;
    int[] o = new int[n];
    float[] s = new float[n];
    for (int i = n - 1; i >= 0; i--) {
      o[i] = ords[0];
      s[i] = scores[0];
      size--;
      if (size > 0) {
        ords[0] = ords[size];
        scores[0] = scores[size];
        siftDown(0);
      }
    }
    return new ScoredOrds(o, s);
  }

  /** Ordinals with their scores, best first. */
  public record ScoredOrds(int[] ords, float[] scores) {
    public int size() { return ords.length; }

    @Override public String toString() {
      return "ScoredOrds" + Arrays.toString(ords);
    }
  }
}
