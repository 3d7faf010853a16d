package io.sextant.bench.engine;

import io.sextant.core.data.Dataset;
import java.nio.file.*;
import org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat;
import org.apache.lucene.index.*;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.codecs.hnsw.HnswGraphProvider;

/**
 * Layer-0 out-degree of Lucene's HNSW graph (built by the harness's LuceneHnswIndex, 2 threads) against a
 * Sextant graph file, then CPU time per query of Lucene's three layers (IndexSearcher.search, rewrite,
 * LeafReader.searchNearestVectors) and its visited count (docs/bench/hnsw.md, "Session 4"). Not built by
 * Maven (it reaches package-private harness code). From the repository root after bin/sextant-bench built:
 *   CPB="bench/target/classes:$(ls bench/target/lib/*.jar | tr '\n' ':')"
 *   javac --add-modules jdk.incubator.vector -d /tmp/ldp -cp "$CPB" docs/bench/hnsw-session4/LuceneDegreeProbe.java
 *   java -Xmx6g --add-modules jdk.incubator.vector -cp "/tmp/ldp:$CPB" io.sextant.bench.engine.LuceneDegreeProbe \
 *       fashion-mnist 32 200 [sextant-graph.hnsw]
 */
public class LuceneDegreeProbe {
  public static void main(String[] a) throws Exception {
    Dataset d = Dataset.open(Path.of(System.getProperty("user.home"), ".cache/sextant/datasets", a[0]));
    int m = Integer.parseInt(a[1]), efc = Integer.parseInt(a[2]);
    LuceneHnswIndex idx = LuceneHnswIndex.build(d.base(), VectorSimilarityFunction.EUCLIDEAN, m, efc, 2);
    var f = LuceneHnswIndex.class.getDeclaredField("reader"); f.setAccessible(true);
    DirectoryReader reader = (DirectoryReader) f.get(idx);
    CodecReader leaf = (CodecReader) reader.leaves().get(0).reader();
    var kvr = leaf.getVectorReader();
    if (kvr instanceof PerFieldKnnVectorsFormat.FieldsReader fr) kvr = fr.getFieldReader("v");
    HnswGraph g = ((HnswGraphProvider) kvr).getGraph("v");
    long total = 0; int n = g.size(); int[] hist = new int[2 * m + 1];
    for (int node = 0; node < n; node++) {
      g.seek(0, node);
      int c = 0;
      while (g.nextNeighbor() != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS) c++;
      total += c; hist[Math.min(c, 2 * m)]++;
    }
    System.out.printf("lucene M=%d efC=%d layer0 mean degree %.2f (n=%d, levels %d)%n", m, efc, (double) total / n, n, g.numLevels());
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i <= 2 * m; i += 4) sb.append(i).append(':').append(hist[i]).append(' ');
    System.out.println("  hist(every 4th) " + sb);
    if (a.length > 3) {
      io.sextant.hnsw.HnswGraph sg = io.sextant.hnsw.MappedHnswGraph.map(Path.of(a[3]));
      int[] nb = new int[sg.maxConn(0)]; long st = 0; int[] sh = new int[2 * m + 1];
      for (int node = 0; node < sg.size(); node++) { int c = sg.neighbors(0, node, nb); st += c; sh[Math.min(c, 2 * m)]++; }
      System.out.printf("sextant layer0 mean degree %.2f%n", (double) st / sg.size());
      sb = new StringBuilder();
      for (int i = 0; i <= 2 * m; i += 4) sb.append(i).append(':').append(sh[i]).append(' ');
      System.out.println("  hist(every 4th) " + sb);
    }
    var searcher = new org.apache.lucene.search.IndexSearcher(reader);
    searcher.setQueryCache(null);
    var tm = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    int Q = d.queries().size();
    float[][] qs = new float[Q][];
    for (int i = 0; i < Q; i++) qs[i] = d.queries().get(i);
    for (int round = 0; round < 6; round++) {
      long t0 = tm.getCurrentThreadCpuTime(); long sink = 0;
      for (int i = 0; i < Q; i++) sink += searcher.search(new org.apache.lucene.search.KnnFloatVectorQuery("v", qs[i], 16), 10).scoreDocs.length;
      long t1 = tm.getCurrentThreadCpuTime();
      for (int i = 0; i < Q; i++) sink += searcher.rewrite(new org.apache.lucene.search.KnnFloatVectorQuery("v", qs[i], 16)).hashCode() & 1;
      long t2 = tm.getCurrentThreadCpuTime();
      var fvr = leaf.getVectorReader();
      for (int i = 0; i < Q; i++) {
        var coll = new org.apache.lucene.search.TopKnnCollector(16, Integer.MAX_VALUE);
        leaf.searchNearestVectors("v", qs[i], coll, org.apache.lucene.search.AcceptDocs.fromLiveDocs(null, leaf.maxDoc()));
        sink += coll.visitedCount();
        if (round == 5 && i == Q - 1) System.out.printf("  visited (last query) %d%n", coll.visitedCount());
      }
      long t3 = tm.getCurrentThreadCpuTime();
      long visited = 0;
      for (int i = 0; i < 2000; i++) { var coll = new org.apache.lucene.search.TopKnnCollector(16, Integer.MAX_VALUE); leaf.searchNearestVectors("v", qs[i], coll, org.apache.lucene.search.AcceptDocs.fromLiveDocs(null, leaf.maxDoc())); visited += coll.visitedCount(); }
      System.out.printf("round %d: IndexSearcher.search %.1f us, rewrite %.1f us, leaf.searchNearestVectors %.1f us per query; mean visited %.1f (%d)%n", round,
          (t1 - t0) / 1e3 / Q, (t2 - t1) / 1e3 / Q, (t3 - t2) / 1e3 / Q, visited / 2000.0, sink & 1);
    }
    System.exit(0);
  }
}
