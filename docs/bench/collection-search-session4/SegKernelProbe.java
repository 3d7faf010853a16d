package io.sextant.hnsw;

import io.sextant.core.data.Dataset;
import io.sextant.core.search.TopK;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Kernels;
import java.lang.foreign.*;
import java.nio.ByteOrder;
import java.nio.file.*;
import jdk.incubator.vector.*;

/** One variant per JVM over an off-heap copy: "prod" = PanamaSegmentKernel via FloatVectorScorer, "abs" = 8-wide loads at absolute offsets, no slices. */
public class SegKernelProbe {
  static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  static final int FL = F.length();
  static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

  static final class Abs implements GraphScorer {
    final MemorySegment data; final int dim; final long bytes; float[] q; final float[] tmp = new float[8];
    Abs(MemorySegment data, int dim) { this.data = data; this.dim = dim; this.bytes = 4L * dim; }
    public float score(int node) { int[] n = {node}; float[] o = new float[1]; score(n, 1, o); return o[0]; }
    public void score(int[] nodes, int count, float[] out) {
      int i = 0;
      for (; i + 8 <= count; i += 8) l28(nodes[i] * bytes, nodes[i + 1] * bytes, nodes[i + 2] * bytes, nodes[i + 3] * bytes, nodes[i + 4] * bytes, nodes[i + 5] * bytes, nodes[i + 6] * bytes, nodes[i + 7] * bytes, out, i);
      if (i < count) {
        int l = count - 1;
        l28(nodes[i] * bytes, nodes[Math.min(i + 1, l)] * bytes, nodes[Math.min(i + 2, l)] * bytes, nodes[Math.min(i + 3, l)] * bytes, nodes[Math.min(i + 4, l)] * bytes, nodes[Math.min(i + 5, l)] * bytes, nodes[Math.min(i + 6, l)] * bytes, nodes[l] * bytes, tmp, 0);
        System.arraycopy(tmp, 0, out, i, count - i);
      }
    }
    void l28(long o0, long o1, long o2, long o3, long o4, long o5, long o6, long o7, float[] out, int at) {
      MemorySegment d = data;
      FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
      for (int i = 0, end = F.loopBound(dim); i < end; i += FL) {
        long off = 4L * i;
        FloatVector x = FloatVector.fromArray(F, q, i);
        FloatVector t;
        t = x.sub(FloatVector.fromMemorySegment(F, d, o0 + off, LE)); a0 = t.fma(t, a0);
        t = x.sub(FloatVector.fromMemorySegment(F, d, o1 + off, LE)); a1 = t.fma(t, a1);
        t = x.sub(FloatVector.fromMemorySegment(F, d, o2 + off, LE)); a2 = t.fma(t, a2);
        t = x.sub(FloatVector.fromMemorySegment(F, d, o3 + off, LE)); a3 = t.fma(t, a3);
        t = x.sub(FloatVector.fromMemorySegment(F, d, o4 + off, LE)); a4 = t.fma(t, a4);
        t = x.sub(FloatVector.fromMemorySegment(F, d, o5 + off, LE)); a5 = t.fma(t, a5);
        t = x.sub(FloatVector.fromMemorySegment(F, d, o6 + off, LE)); a6 = t.fma(t, a6);
        t = x.sub(FloatVector.fromMemorySegment(F, d, o7 + off, LE)); a7 = t.fma(t, a7);
      }
      out[at] = -a0.reduceLanes(VectorOperators.ADD); out[at + 1] = -a1.reduceLanes(VectorOperators.ADD);
      out[at + 2] = -a2.reduceLanes(VectorOperators.ADD); out[at + 3] = -a3.reduceLanes(VectorOperators.ADD);
      out[at + 4] = -a4.reduceLanes(VectorOperators.ADD); out[at + 5] = -a5.reduceLanes(VectorOperators.ADD);
      out[at + 6] = -a6.reduceLanes(VectorOperators.ADD); out[at + 7] = -a7.reduceLanes(VectorOperators.ADD);
    }
  }

  public static void main(String[] a) throws Exception {
    String mode = a[0];
    Dataset d = Dataset.open(Path.of(System.getProperty("user.home"), ".cache/sextant/datasets", "fashion-mnist"));
    FloatVectors src = d.base(), queries = d.queries();
    int n = src.size(), dim = src.dimension();
    long bytes = (long) n * dim * 4;
    MemorySegment off = Arena.ofShared().allocate(bytes, 64);
    MemorySegment.copy(src.data(), src.offset(0), off, 0, bytes);
    FloatVectors fv = new FloatVectors(off, 0, n, dim);
    HnswGraph g = MappedHnswGraph.map(Path.of("/tmp/hnswdiag/fashion-mnist.hnsw"));
    FloatVectorScorer prod = new FloatVectorScorer(fv, d.similarity(), Kernels.get());
    Abs abs = new Abs(off, dim);
    HnswGraphSearcher searcher = new HnswGraphSearcher(g.size());
    var tm = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    int Q = queries.size();
    float[][] qs = new float[Q][];
    for (int i = 0; i < Q; i++) qs[i] = queries.get(i);
    double best = 1e9;
    for (int round = 0; round < 8; round++) {
      long t0 = tm.getCurrentThreadCpuTime(); long sink = 0;
      for (int qi = 0; qi < Q; qi++) {
        GraphScorer sc;
        if (mode.equals("prod")) sc = prod.setQuery(qs[qi]); else { abs.q = qs[qi]; sc = abs; }
        TopK top = new TopK(10);
        searcher.search(g, sc, 10, 16, null, top);
        sink += top.drainBestFirst().ords()[0];
      }
      double us = (tm.getCurrentThreadCpuTime() - t0) / 1e3 / Q;
      if (round >= 3) best = Math.min(best, us);
      if (round >= 3) System.out.printf("%s round %d: %.1f us/query (%d)%n", mode, round, us, sink & 1);
    }
  }
}
