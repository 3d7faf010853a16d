package io.sextant.core.eval;

import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import java.util.HashSet;
import java.util.Set;

/**
 * Recall@k: the fraction of the true k nearest neighbours a search returned.
 *
 * <p><b>Ties.</b> Ground truth files list ids. When several base vectors share the k-th best
 * score (duplicates are common in real sets), any of them is a correct k-th answer, but plain id
 * matching ({@link #ofIds}) credits only the one the file happens to list. {@link #withTies}
 * credits the others too, without over-crediting: the true top k whose exact (double-precision)
 * score equals the k-th score, within a relative tolerance of {@value #TIE_TOLERANCE} for float
 * rounding, form the <em>boundary group</em>; a returned id outside the truth whose score also
 * equals the k-th score may stand in for a member of that group the search did not return.
 * So {@code hits = |results ∩ truth| + min(tied stand-ins, boundary members missed)}. (Counting
 * every result whose score reaches the k-th score, as ann-benchmarks does, would give full marks
 * to a result that returned two tied k-th neighbours and missed the first one.)
 *
 * <p>Either way each returned id counts once, only the first k results count, and the
 * denominator is {@code min(k, truth length)}, so recall is between 0 and 1.
 */
public final class Recall {
  /** Relative slack when comparing a result's score with the k-th true score. */
  private static final double TIE_TOLERANCE = 1e-5;

  private final FloatVectors base;
  private final FloatVectors queries;
  private final Similarity similarity;

  private Recall(FloatVectors base, FloatVectors queries, Similarity similarity) {
    this.base = base;
    this.queries = queries;
    this.similarity = similarity;
  }

  /** Id-matching recall of one query: |first k of result ∩ first k of truth| / min(k, |truth|). */
  public static double ofIds(int k, int[] truth, int[] result) {
    requireK(k);
    int kt = Math.min(k, truth.length);
    if (kt == 0) return 1.0;
    Set<Integer> want = new HashSet<>(kt * 2);
    for (int i = 0; i < kt; i++) want.add(truth[i]);
    int hits = 0;
    for (int i = 0; i < Math.min(k, result.length); i++) {
      if (want.remove(result[i])) hits++;
    }
    return (double) hits / kt;
  }

  /** Mean of {@link #ofIds(int, int[], int[])} over queries; {@code truth[i]} answers {@code results[i]}. */
  public static double meanOfIds(int k, int[][] truth, int[][] results) {
    requireSameCount(truth, results);
    double sum = 0;
    for (int i = 0; i < results.length; i++) sum += ofIds(k, truth[i], results[i]);
    return results.length == 0 ? 1.0 : sum / results.length;
  }

  /** A tie-aware recall calculator over the vectors the truth was computed from. */
  public static Recall withTies(FloatVectors base, FloatVectors queries, Similarity similarity) {
    if (base.dimension() != queries.dimension()) {
      throw new IllegalArgumentException("base dimension " + base.dimension() + " differs from query dimension "
          + queries.dimension());
    }
    return new Recall(base, queries, similarity);
  }

  /** Tie-aware recall of query {@code q}'s {@code result} against its {@code truth} (see the class comment). */
  public double recall(int k, int q, int[] truth, int[] result) {
    requireK(k);
    int kt = Math.min(k, truth.length);
    if (kt == 0) return 1.0;
    float[] query = queries.get(q);
    double kth = exact(query, truth[kt - 1]);
    double tolerance = TIE_TOLERANCE * Math.max(1.0, Math.abs(kth));
    double threshold = kth - tolerance;
    Set<Integer> want = new HashSet<>(kt * 2);
    Set<Integer> boundary = new HashSet<>();
    for (int i = 0; i < kt; i++) {
      want.add(truth[i]);
      if (Math.abs(exact(query, truth[i]) - kth) <= tolerance) boundary.add(truth[i]);
    }
    Set<Integer> seen = new HashSet<>(kt * 2);
    int hits = 0;
    int boundaryHits = 0;
    int standIns = 0;
    for (int i = 0; i < Math.min(k, result.length); i++) {
      int id = result[i];
      if (!seen.add(id)) continue;
      if (want.contains(id)) {
        hits++;
        if (boundary.contains(id)) boundaryHits++;
      } else if (id >= 0 && id < base.size() && exact(query, id) >= threshold) {
        standIns++;
      }
    }
    hits += Math.min(standIns, boundary.size() - boundaryHits);
    return (double) hits / kt;
  }

  /** Mean tie-aware recall; {@code truth[i]} and {@code results[i]} belong to query {@code i}. */
  public double mean(int k, int[][] truth, int[][] results) {
    requireSameCount(truth, results);
    double sum = 0;
    for (int i = 0; i < results.length; i++) sum += recall(k, i, truth[i], results[i]);
    return results.length == 0 ? 1.0 : sum / results.length;
  }

  /** Double-precision raw similarity (higher is better), independent of the float kernels. */
  private double exact(float[] q, int ord) {
    float[] v = base.get(ord);
    double dot = 0, qq = 0, vv = 0, l2 = 0;
    for (int i = 0; i < q.length; i++) {
      dot += (double) q[i] * v[i];
      qq += (double) q[i] * q[i];
      vv += (double) v[i] * v[i];
      double d = (double) q[i] - v[i];
      l2 += d * d;
    }
    return switch (similarity) {
      case EUCLIDEAN -> -l2;
      case DOT_PRODUCT, MAXIMUM_INNER_PRODUCT -> dot;
      case COSINE -> qq == 0 || vv == 0 ? 0 : dot / Math.sqrt(qq * vv);
    };
  }

  private static void requireK(int k) {
    if (k <= 0) throw new IllegalArgumentException("k must be positive, got " + k);
  }

  private static void requireSameCount(int[][] truth, int[][] results) {
    if (truth.length < results.length) {
      throw new IllegalArgumentException("ground truth has " + truth.length + " rows but there are " + results.length
          + " results");
    }
  }
}
