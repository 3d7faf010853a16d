package io.sextant.bench.ir;

import io.sextant.core.collection.Collection;
import io.sextant.core.collection.Hit;
import io.sextant.core.collection.SearchRequest;
import io.sextant.core.filter.Filter;
import io.sextant.core.fusion.FusedHit;
import io.sextant.core.fusion.Fusion;
import io.sextant.core.fusion.RankedHit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One query's complete candidate lists for the dev sweep of {@link Fusion#combined}: the vector
 * side's and the text side's top 100 from the Collection, each extended with the other side's
 * candidates scored on this side, also by the Collection (a vector search and a BM25 search
 * filtered to exactly those documents: exact scores, the same ones the Collection's combined
 * fusion computes). Re-fusing these lists with {@code Fusion.combined(alpha)} for each alpha gives
 * the ranking a combined search with that alpha returns, at the cost of one vector scan instead
 * of one per alpha.
 */
record DevLists(List<RankedHit<Integer>> vector, List<RankedHit<Integer>> text) {

  static DevLists of(Collection c, DefinitionsIrEvaluation.Requests r, int j) throws IOException {
    List<Hit> v = c.search(r.vector(j));
    List<Hit> t = c.search(r.text(j));
    Set<String> vIds = new LinkedHashSet<>();
    for (Hit h : v) vIds.add(h.id());
    Set<String> tIds = new LinkedHashSet<>();
    for (Hit h : t) tIds.add(h.id());
    List<String> textOnly = tIds.stream().filter(id -> !vIds.contains(id)).toList();
    List<String> vectorOnly = vIds.stream().filter(id -> !tIds.contains(id)).toList();
    List<Hit> vExtra = textOnly.isEmpty() ? List.of()
        : c.search(r.vector(j).k(textOnly.size()).filter(Filter.in(DefinitionsCollection.FIELD, textOnly)));
    Map<String, Float> tExtra = new HashMap<>();
    if (!vectorOnly.isEmpty()) {
      for (Hit h : c.search(r.text(j).k(vectorOnly.size()).filter(Filter.in(DefinitionsCollection.FIELD, vectorOnly)))) {
        tExtra.put(h.id(), h.score());
      }
    }
    if (vExtra.size() != textOnly.size()) {
      throw new IllegalStateException("query " + j + ": " + vExtra.size() + " vector scores for " + textOnly.size() + " text-only candidates");
    }
    List<RankedHit<Integer>> vector = new ArrayList<>();
    for (Hit h : v) vector.add(new RankedHit<>(Integer.parseInt(h.id()), h.score()));
    for (Hit h : vExtra) vector.add(new RankedHit<>(Integer.parseInt(h.id()), h.score()));
    List<RankedHit<Integer>> text = new ArrayList<>();
    for (Hit h : t) text.add(new RankedHit<>(Integer.parseInt(h.id()), h.score()));
    // A vector-only candidate without any query term is not returned by BM25: it scores 0.
    for (String id : vectorOnly) text.add(new RankedHit<>(Integer.parseInt(id), tExtra.getOrDefault(id, 0f)));
    return new DevLists(sorted(vector), sorted(text));
  }

  /** {NDCG@10, recall@100} of the combined ranking for each alpha, interleaved. */
  double[] metricsPerAlpha(double[] alphas, Set<Integer> relevant) {
    double[] out = new double[2 * alphas.length];
    for (int a = 0; a < alphas.length; a++) {
      List<FusedHit<Integer>> f = Fusion.combined(alphas[a]).fuse(vector, text, DefinitionsIrEvaluation.DEPTH);
      int[] ranked = f.stream().mapToInt(FusedHit::key).toArray();
      double[] m = DefinitionsIrEvaluation.metrics(ranked, relevant);
      out[2 * a] = m[0];
      out[2 * a + 1] = m[1];
    }
    return out;
  }

  /** Best first, as a side's list must be (the extension was appended unsorted). */
  private static List<RankedHit<Integer>> sorted(List<RankedHit<Integer>> l) {
    List<RankedHit<Integer>> s = new ArrayList<>(l);
    s.sort((a, b) -> Float.compare(b.score(), a.score()));
    return s;
  }
}
