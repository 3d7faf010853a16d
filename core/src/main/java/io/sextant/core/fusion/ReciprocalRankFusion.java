package io.sextant.core.fusion;

import java.util.List;

/**
 * Reciprocal rank fusion (Cormack, Clarke &amp; Büttcher, 2009): each side adds 1 / (k + rank),
 * rank from 1. Uses ranks only, so scores on different scales (cosine, BM25) need no
 * normalization; k damps the weight of the very first ranks (60 in the paper and in most
 * engines).
 */
public record ReciprocalRankFusion(int k) implements Fusion {
  public static final int DEFAULT_K = 60;

  public ReciprocalRankFusion {
    if (k < 0) throw new IllegalArgumentException("RRF k must be >= 0, got " + k);
  }

  @Override
  public <K> List<FusedHit<K>> fuse(List<RankedHit<K>> vector, List<RankedHit<K>> text, int topK) {
    HitMerger.check(vector, "vector");
    HitMerger.check(text, "text");
    return HitMerger.merge(vector, parts(vector.size()), text, parts(text.size()), topK);
  }

  private double[] parts(int n) {
    double[] p = new double[n];
    for (int i = 0; i < n; i++) p[i] = 1.0 / (k + i + 1);
    return p;
  }
}
