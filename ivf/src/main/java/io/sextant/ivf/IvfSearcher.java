package io.sextant.ivf;

import io.sextant.core.search.TopK;
import io.sextant.core.vector.Similarity;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.function.IntPredicate;
import org.roaringbitmap.ImmutableBitmapDataProvider;
import org.roaringbitmap.IntIterator;

/**
 * One search over an IVF index, whatever holds its lists (heap or mapping): score the centroids,
 * scan the best lists block by block into a candidate heap, rerank the candidates exactly.
 *
 * <p><b>Filters.</b> Rejected ids are skipped during the scan (for flat and SQ8 lists they are not
 * even scored). So that a selective filter does not starve the result, the probe budget is
 * counted in <em>accepted</em> vectors: an unfiltered search with {@code nprobe} probes scores
 * about {@code B = nprobe · n / nlist} vectors, and a filtered one keeps probing lists in centroid
 * order, past {@code nprobe}, until it has scored {@code B} accepted vectors or run out of lists.
 * With a filter of selectivity s this probes about {@code nprobe / s} lists. When the filter is a
 * bitmap with at most {@code max(B, rerank·k)} members, the ordinals are dense and exact vectors
 * are available, the members are scored exactly instead: that is cheaper than the scan and exact.
 */
final class IvfSearcher {
  private final IvfIndex index;

  IvfSearcher(IvfIndex index) {
    this.index = index;
  }

  TopK.ScoredOrds search(float[] query, int k, IvfSearchParams params) {
    if (k <= 0) throw new IllegalArgumentException("k must be positive, got " + k);
    Similarity sim = index.similarity();
    float[] q = index.prepareQuery(query, "query");
    CoarseQuantizer quantizer = index.quantizer();
    InvertedLists lists = index.lists();
    int nlist = quantizer.lists();
    int nprobe = Math.min(nlist, params.nprobe() > 0 ? params.nprobe() : index.defaultNprobe());
    ExactScorer exact = index.exactScorer();
    int rerank = index.spec().encoding() == IvfSpec.Encoding.FLAT || exact == null ? 0
        : params.rerank() >= 0 ? params.rerank() : index.spec().rerank();
    int candidates = rerank > 0 ? (int) Math.min(Integer.MAX_VALUE - 8, (long) k * rerank) : k;
    IntPredicate accept = params.accept();
    long size = lists.size();
    long budget = Math.max((long) Math.ceil((double) nprobe * size / nlist), candidates);

    ImmutableBitmapDataProvider bitmap = params.acceptBitmap();
    if (bitmap != null && exact != null && index.denseOrdinals() && bitmap.getLongCardinality() <= budget) {
      return exactOverBitmap(query, k, bitmap, exact, sim);
    }

    float[] centroidScores = new float[nlist];
    quantizer.scores(q, centroidScores);
    int[] order = accept == null ? best(centroidScores, nprobe) : ranked(centroidScores);

    VectorCodec codec = index.codec();
    VectorCodec.QueryScorer scorer = codec.scorer(q);
    BlockLayout layout = lists.layout();
    boolean spherical = sim != Similarity.EUCLIDEAN;
    TopK top = new TopK(candidates);
    float[] scores = new float[BlockLayout.BLOCK];
    int[] accepted = new int[BlockLayout.BLOCK];
    long scored = 0;
    for (int p = 0; p < order.length; p++) {
      if (p >= nprobe && (accept == null || scored >= budget)) break;
      int list = order[p];
      InvertedLists.ListView view = lists.list(list);
      if (view.size() == 0) continue;
      float listDot = !codec.residual() ? 0f : spherical ? centroidScores[list] : quantizer.dot(q, list);
      scored += scanList(view, layout, scorer, listDot, accept, top, scores, accepted);
    }
    TopK.ScoredOrds approx = top.drainBestFirst();
    return rerank > 0 ? rerank(query, k, approx, exact, sim) : toScores(approx, sim);
  }

  /** Scans one list; returns how many accepted vectors it scored. */
  private static int scanList(InvertedLists.ListView view, BlockLayout layout, VectorCodec.QueryScorer scorer,
                              float listDot, IntPredicate accept, TopK top, float[] scores, int[] accepted) {
    MemorySegment seg = view.memory();
    long blockBytes = layout.blockBytes();
    int size = view.size();
    int scored = 0;
    for (int start = 0; start < size; start += BlockLayout.BLOCK) {
      long block = view.offset() + (start / BlockLayout.BLOCK) * blockBytes;
      int count = Math.min(BlockLayout.BLOCK, size - start);
      if (accept == null) {
        scorer.scoreBlock(seg, block, count, listDot, scores);
        for (int v = 0; v < count; v++) top.offer(BlockLayout.id(seg, block, v), scores[v]);
        scored += count;
        continue;
      }
      int n = 0;
      for (int v = 0; v < count; v++) if (accept.test(BlockLayout.id(seg, block, v))) accepted[n++] = v;
      if (n == 0) continue;
      scored += n;
      if (n * 4 >= count) {
        scorer.scoreBlock(seg, block, count, listDot, scores);
        for (int i = 0; i < n; i++) top.offer(BlockLayout.id(seg, block, accepted[i]), scores[accepted[i]]);
      } else {
        for (int i = 0; i < n; i++) {
          int v = accepted[i];
          top.offer(BlockLayout.id(seg, block, v), scorer.score(seg, block, v, listDot));
        }
      }
    }
    return scored;
  }

  /** The {@code n} best lists, best first (ties to the lower index). */
  private static int[] best(float[] scores, int n) {
    TopK top = new TopK(n);
    for (int c = 0; c < scores.length; c++) top.offer(c, scores[c]);
    return top.drainBestFirst().ords();
  }

  /** All lists, best first (ties to the lower index). */
  private static int[] ranked(float[] scores) {
    long[] keys = new long[scores.length];
    for (int c = 0; c < scores.length; c++) keys[c] = ((long) descendingKey(scores[c]) << 32) | c;
    Arrays.sort(keys);
    int[] order = new int[scores.length];
    for (int i = 0; i < order.length; i++) order[i] = (int) keys[i];
    return order;
  }

  /** An int that sorts ascending as the float sorts descending. */
  private static int descendingKey(float f) {
    int bits = Float.floatToIntBits(f);
    int ascending = bits ^ ((bits >> 31) & 0x7FFF_FFFF);
    return ~ascending;
  }

  private static TopK.ScoredOrds rerank(float[] query, int k, TopK.ScoredOrds approx, ExactScorer exact, Similarity sim) {
    TopK top = new TopK(k);
    int[] ords = approx.ords();
    for (int ord : ords) top.offer(ord, exact.raw(query, ord));
    return toScores(top.drainBestFirst(), sim);
  }

  private TopK.ScoredOrds exactOverBitmap(float[] query, int k, ImmutableBitmapDataProvider bitmap, ExactScorer exact,
                                          Similarity sim) {
    TopK top = new TopK(k);
    long bound = index.ordinalBound();
    IntIterator it = bitmap.getIntIterator();
    while (it.hasNext()) {
      int ord = it.next();
      if (ord < 0 || ord >= bound) continue;
      top.offer(ord, exact.raw(query, ord));
    }
    return toScores(top.drainBestFirst(), sim);
  }

  private static TopK.ScoredOrds toScores(TopK.ScoredOrds raw, Similarity sim) {
    float[] s = raw.scores();
    for (int i = 0; i < s.length; i++) s[i] = sim.toScore(s[i]);
    return raw;
  }
}
