package io.sextant.bench.filter;

import io.sextant.core.flat.FlatIndex;
import io.sextant.core.search.TopK.ScoredOrds;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import io.sextant.ivf.KMeans;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.roaringbitmap.RoaringBitmap;

/**
 * The accept-sets a {@link FilterSpec} selectivity stands for. Both kinds hold exactly the
 * requested number of ordinals and depend only on the base vectors and the seed.
 */
public final class AcceptSets {
  /**
   * Clusters for {@link #correlated}. Few and therefore large, so that even 50 % is a union of
   * whole clusters plus one partial one, and k-means over the whole base stays cheap (seconds).
   */
  static final int CLUSTERS = 64;
  private static final int KMEANS_ITERATIONS = 10;

  private AcceptSets() {}

  /** {@code accepted} ordinals of {@code 0..n-1} drawn uniformly without replacement (partial Fisher-Yates). */
  public static RoaringBitmap random(int n, int accepted, long seed) {
    check(n, accepted);
    int[] ords = new int[n];
    for (int i = 0; i < n; i++) ords[i] = i;
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = 0; i < accepted; i++) {
      int j = i + rnd.nextInt(n - i);
      int t = ords[i];
      ords[i] = ords[j];
      ords[j] = t;
    }
    int[] chosen = Arrays.copyOf(ords, accepted);
    Arrays.sort(chosen);
    RoaringBitmap b = RoaringBitmap.bitmapOf(chosen);
    b.runOptimize();
    return b;
  }

  /**
   * A cluster-aligned accept-set of {@code accepted} ordinals: the base is clustered by k-means
   * (Euclidean, {@value #CLUSTERS} clusters, seeded) and every vector assigned to its nearest
   * centroid; one centroid is drawn with the seed, and whole clusters are accepted in order of
   * their centroid's distance to it (its own first) until the next one would overshoot. That last
   * cluster contributes its members nearest the drawn centroid, so the count is exact. The accepted
   * region is therefore one compact part of the space, and a query vector lies inside it only about
   * as often as the selectivity: for most queries the filtered neighbours are far from the
   * unfiltered ones, the hard case for a graph search.
   */
  public static RoaringBitmap correlated(FloatVectors base, int accepted, long seed, int threads) {
    int n = base.size();
    check(n, accepted);
    int clusters = Math.min(CLUSTERS, n);
    KMeans.Result km = KMeans.train(base, KMeans.options(clusters).seed(seed).threads(threads)
        .maxIterations(KMEANS_ITERATIONS).build());
    FloatVectors centroids = FloatVectors.copyOf(rows(km), base.dimension());
    int[] cluster = assign(base, centroids, threads);

    float[] origin = km.centroid(new SplittableRandom(seed).nextInt(clusters));
    int[] order = new FlatIndex(centroids, Similarity.EUCLIDEAN).search(origin, clusters).ords();
    int[] sizes = new int[clusters];
    for (int c : cluster) sizes[c]++;

    boolean[] whole = new boolean[clusters];
    int taken = 0;
    int partial = -1;
    for (int c : order) {
      if (taken + sizes[c] <= accepted) {
        whole[c] = true;
        taken += sizes[c];
        if (taken == accepted) break;
      } else {
        partial = c;
        break;
      }
    }
    RoaringBitmap b = new RoaringBitmap();
    for (int i = 0; i < n; i++) if (whole[cluster[i]]) b.add(i);
    if (taken < accepted) {
      // The members of the partial cluster nearest the drawn centroid.
      RoaringBitmap members = new RoaringBitmap();
      for (int i = 0; i < n; i++) if (cluster[i] == partial) members.add(i);
      ScoredOrds nearest = new FlatIndex(base, Similarity.EUCLIDEAN).search(origin, accepted - taken, members);
      for (int ord : nearest.ords()) b.add(ord);
    }
    if (b.getCardinality() != accepted) {
      throw new IllegalStateException("correlated accept-set has " + b.getCardinality() + " members, wanted " + accepted);
    }
    b.runOptimize();
    return b;
  }

  private static float[][] rows(KMeans.Result km) {
    float[][] rows = new float[km.clusters()][];
    for (int c = 0; c < rows.length; c++) rows[c] = km.centroid(c);
    return rows;
  }

  /** Nearest centroid (Euclidean) of every base vector. */
  private static int[] assign(FloatVectors base, FloatVectors centroids, int threads) {
    FlatIndex index = new FlatIndex(centroids, Similarity.EUCLIDEAN);
    int[] out = new int[base.size()];
    int batch = 4096;
    for (int from = 0; from < base.size(); from += batch) {
      int to = Math.min(base.size(), from + batch);
      float[][] qs = new float[to - from][];
      for (int i = from; i < to; i++) qs[i - from] = base.get(i);
      ScoredOrds[] hits = index.search(qs, 1, null, threads);
      for (int i = from; i < to; i++) out[i] = hits[i - from].ords()[0];
    }
    return out;
  }

  private static void check(int n, int accepted) {
    if (accepted < 1 || accepted > n) {
      throw new IllegalArgumentException("accept-set size " + accepted + " is outside [1, " + n + "]");
    }
  }
}
