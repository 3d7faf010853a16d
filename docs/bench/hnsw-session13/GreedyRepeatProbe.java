package io.sextant.hnsw;

import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Kernels;
import io.sextant.core.vector.Similarity;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Probe: nodes scored by the greedy descent (skipping repeats) against the textbook walk, and by the whole search. */
public class GreedyRepeatProbe {
  static float[][] fvecs(String path, int max) throws Exception {
    byte[] all = java.nio.file.Files.readAllBytes(java.nio.file.Path.of(path));
    ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
    int dim = b.getInt(0);
    int n = Math.min(max, all.length / (4 * (dim + 1)));
    float[][] rows = new float[n][dim];
    for (int i = 0; i < n; i++) { b.position(i * 4 * (dim + 1) + 4); for (int d = 0; d < dim; d++) rows[i][d] = b.getFloat(); }
    return rows;
  }
  public static void main(String[] a) throws Exception {
    String dir = System.getProperty("user.home") + "/.cache/sextant/datasets/fashion-mnist/";
    float[][] base = fvecs(dir + "base.fvecs", 60000), queries = fvecs(dir + "query.fvecs", 2000);
    int m = Integer.parseInt(a[0]), efc = Integer.parseInt(a[1]);
    FloatVectors v = FloatVectors.copyOf(base, base[0].length);
    HnswIndex index = HnswIndex.build(v, Similarity.EUCLIDEAN, HnswParams.builder().m(m).efConstruction(efc).build(), 2);
    HnswGraph graph = index.graph();
    FloatVectorScorer scorer = new FloatVectorScorer(v, Similarity.EUCLIDEAN, Kernels.get());
    HnswGraphSearcher searcher = new HnswGraphSearcher(base.length);
    int[] nb = new int[graph.maxConn(0)];
    float[] sc = new float[nb.length];
    long textbook = 0, skipping = 0, whole = 0;
    for (float[] q : queries) {
      scorer.setQuery(q);
      int ep = graph.entryPoint();
      int ref = ep, node = ep;
      float refScore = scorer.score(ep), score = refScore;
      searcher.prepare(graph);
      long before = searcher.scoredCount();
      for (int level = graph.levelOf(ep); level > 0; level--) {
        boolean moved = true;
        while (moved) {
          int count = graph.neighbors(level, ref, nb);
          scorer.score(nb, count, sc);
          textbook += count;
          int from = ref;
          for (int i = 0; i < count; i++) if (sc[i] > refScore) { ref = nb[i]; refScore = sc[i]; }
          moved = ref != from;
        }
        long best = searcher.greedy(graph, scorer, level, node, score);
        node = NeighborQueue.decodeNode(best); score = NeighborQueue.decodeScore(best);
        if (node != ref) throw new AssertionError("paths differ");
      }
      skipping += searcher.scoredCount() - before;
      searcher.search(graph, scorer, 10, 11, null, new io.sextant.core.search.TopK(10));
      whole += searcher.scoredCount();
    }
    int nq = queries.length;
    System.out.printf("M%d efC%d: descent scores per query: textbook %.1f, skipping repeats %.1f; whole search at ef 11 %.1f%n",
        m, efc, textbook / (double) nq, skipping / (double) nq, whole / (double) nq);
  }
}
