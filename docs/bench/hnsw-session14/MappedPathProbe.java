// Manual probe (not built by Maven), session 14: why the mapped Collection path searches slower than the in-memory
// index. One locality-ordered fashion-mnist graph; the same search over (vectors x graph) variants, interleaved in
// blocks of 100 queries, thread CPU time. Build and run as ReorderProbe.java:
//   java -cp /tmp/probe:$CP --add-modules jdk.incubator.vector -Xmx8g io.sextant.hnsw.MappedPathProbe \
//        ~/.cache/sextant/datasets/fashion-mnist 16 100 12 4
package io.sextant.hnsw;

import io.sextant.core.data.Dataset;
import io.sextant.core.search.TopK;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Kernels;
import io.sextant.core.vector.Similarity;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.channels.FileChannel;
import java.nio.file.*;

public final class MappedPathProbe {
  public static void main(String[] a) throws Exception {
    Path folder = Path.of(a[0]); int m = Integer.parseInt(a[1]), efc = Integer.parseInt(a[2]);
    int ef = Integer.parseInt(a[3]), rounds = Integer.parseInt(a[4]);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    try (Dataset d = Dataset.open(folder); Arena shared = Arena.ofShared()) {
      FloatVectors base = d.base(), queries = d.queries(); Similarity sim = d.similarity();
      // a[5] = "input": no LocalityOrder pass, whose core kernels read heap segments through fromMemorySegment;
      // a[6] = "few": only the heap and mapped variants, so the segment kernel sees one segment class.
      HnswIndex.NodeOrder order = a.length > 5 && a[5].equals("input") ? HnswIndex.NodeOrder.INPUT : HnswIndex.NodeOrder.LOCALITY;
      boolean few = a.length > 6 && a[6].equals("few");
      HnswIndex idx = HnswIndex.build(base, sim, HnswParams.builder().m(m).efConstruction(efc).build(), 2, order);
      FloatVectors heap = idx.vectors();
      long bytes = (long) heap.size() * heap.dimension() * 4;
      MemorySegment nat = shared.allocate(bytes, 64);
      MemorySegment.copy(heap.data(), heap.offset(0), nat, 0, bytes);
      MemorySegment glob = Arena.global().allocate(bytes, 64);
      MemorySegment.copy(heap.data(), heap.offset(0), glob, 0, bytes);
      MemorySegment auto = Arena.ofAuto().allocate(bytes, 64);
      MemorySegment.copy(heap.data(), heap.offset(0), auto, 0, bytes);
      Path vf = Files.createTempFile("probe", ".vec");
      try (FileChannel ch = FileChannel.open(vf, StandardOpenOption.WRITE)) { ch.write(nat.asByteBuffer()); }
      MemorySegment mapped;
      try (FileChannel ch = FileChannel.open(vf, StandardOpenOption.READ)) { mapped = ch.map(FileChannel.MapMode.READ_ONLY, 0, bytes, shared); }
      Path gf = Files.createTempFile("probe", ".hnsw");
      new HnswGraphWriter(idx.graph()).write(gf);
      MappedHnswGraph mg = MappedHnswGraph.map(gf);
      int n = heap.size(), dim = heap.dimension();
      FloatVectors[] vs = {heap, new FloatVectors(nat, 0, n, dim), new FloatVectors(mapped, 0, n, dim), heap,
          new FloatVectors(mapped, 0, n, dim), new FloatVectors(glob, 0, n, dim), new FloatVectors(auto, 0, n, dim)};
      HnswGraph[] gs = {idx.graph(), idx.graph(), idx.graph(), mg, mg, idx.graph(), idx.graph()};
      String[] names = {"heap+onheap", "shared+onheap", "mapped+onheap", "heap+mapped", "mapped+mapped", "global+onheap", "auto+onheap"};
      if (few) {
        vs = new FloatVectors[] {vs[0], vs[2], vs[4]};
        gs = new HnswGraph[] {gs[0], gs[2], gs[4]};
        names = new String[] {names[0], names[2], names[4]};
      }
      int V = vs.length;
      FloatVectorScorer[] sc = new FloatVectorScorer[V];
      for (int v = 0; v < V; v++) sc[v] = new FloatVectorScorer(vs[v], sim, Kernels.get());
      int nq = queries.size(); float[][] qs = new float[nq][]; for (int i = 0; i < nq; i++) qs[i] = queries.get(i);
      HnswGraphSearcher searcher = new HnswGraphSearcher(n);
      double[] total = new double[V]; int blockNo = 0;
      for (int r = 0; r < rounds; r++) {
        for (int b0 = 0; b0 < nq; b0 += 100, blockNo++) {
          for (int vv = 0; vv < V; vv++) {
            int v = (blockNo + vv) % V; long t0 = mx.getCurrentThreadCpuTime();
            for (int i = b0; i < Math.min(nq, b0 + 100); i++) searcher.search(gs[v], sc[v].setQuery(qs[i]), 10, ef, null, new TopK(10));
            if (r > 0) total[v] += mx.getCurrentThreadCpuTime() - t0;
          }
        }
        if (r > 0) { StringBuilder sb = new StringBuilder("after round " + r + ":");
          for (int v = 0; v < V; v++) sb.append(String.format(" %s %.2f us (x%.3f)", names[v], total[v] / 1e3 / (r * nq), total[0] / total[v]));
          System.out.println(sb); }
      }
      Files.deleteIfExists(vf); Files.deleteIfExists(gf);
    }
  }
}
