package io.sextant.hnsw;

import java.lang.foreign.*;
import java.util.Random;
import jdk.incubator.vector.*;

/**
 * Manual probe (not a test, not built by Maven; docs/bench/hnsw-quantized.md, "Session 4"): CPU time per
 * int8 code for batches of 8 random 784-byte codes (stride 788) of a 60,000-code block, through
 * PanamaInt8Kernel over a native segment ("native") or a heap segment ("heapseg"), or through an array
 * kernel written like PanamaInt8ArrayKernel ("array"). One mode per JVM, so the JIT's type profiles of the
 * segment accessors stay monomorphic. Run from the repository root after bin/sextant-bench built the jars:
 * <pre>
 * CP="bench/target/sextant-bench.jar:$(ls bench/target/lib/*.jar | grep -v sextant-hnsw | tr '\n' ':')"
 * javac --add-modules jdk.incubator.vector -d /tmp/i8 -cp "hnsw/target/classes:$CP" hnsw/tools/Int8Probe.java
 * for m in native array heapseg; do java --add-modules jdk.incubator.vector -cp "/tmp/i8:hnsw/target/classes:$CP" io.sextant.hnsw.Int8Probe $m; done
 * </pre>
 */
public class Int8Probe {
  static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  static final int FL = F.length();
  static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class, VectorShape.forBitSize(FL * 8));

  static final class ArrayKernel {
    final byte[] c; final int dim, stride, bound;
    ArrayKernel(byte[] c, int dim, int stride) { this.c = c; this.dim = dim; this.stride = stride; this.bound = F.loopBound(dim); }
    static FloatVector load(byte[] c, int o) { return (FloatVector) ByteVector.fromArray(B, c, o).castShape(F, 0); }
    void dot(float[] w, int[] nodes, int count, float[] out) {
      for (int i = 0; i + 8 <= count; i += 8) dot8(w, nodes[i] * stride, nodes[i+1] * stride, nodes[i+2] * stride, nodes[i+3] * stride, nodes[i+4] * stride, nodes[i+5] * stride, nodes[i+6] * stride, nodes[i+7] * stride, out, i);
    }
    void dot8(float[] w, int o0, int o1, int o2, int o3, int o4, int o5, int o6, int o7, float[] out, int at) {
      byte[] c = this.c;
      FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
      for (int i = 0; i < bound; i += FL) {
        FloatVector x = FloatVector.fromArray(F, w, i);
        a0 = x.fma(load(c, o0 + i), a0); a1 = x.fma(load(c, o1 + i), a1); a2 = x.fma(load(c, o2 + i), a2); a3 = x.fma(load(c, o3 + i), a3);
        a4 = x.fma(load(c, o4 + i), a4); a5 = x.fma(load(c, o5 + i), a5); a6 = x.fma(load(c, o6 + i), a6); a7 = x.fma(load(c, o7 + i), a7);
      }
      out[at] = a0.reduceLanes(VectorOperators.ADD); out[at+1] = a1.reduceLanes(VectorOperators.ADD); out[at+2] = a2.reduceLanes(VectorOperators.ADD); out[at+3] = a3.reduceLanes(VectorOperators.ADD);
      out[at+4] = a4.reduceLanes(VectorOperators.ADD); out[at+5] = a5.reduceLanes(VectorOperators.ADD); out[at+6] = a6.reduceLanes(VectorOperators.ADD); out[at+7] = a7.reduceLanes(VectorOperators.ADD);
    }
  }

  public static void main(String[] a) {
    String mode = a[0];
    int n = 60000, dim = 784, stride = 788;
    Random r = new Random(1);
    byte[] codes = new byte[n * stride];
    r.nextBytes(codes);
    float[] w = new float[dim];
    for (int i = 0; i < dim; i++) w[i] = r.nextFloat();
    MemorySegment seg;
    if (mode.equals("native")) { seg = Arena.ofShared().allocate((long) codes.length, 64); MemorySegment.copy(MemorySegment.ofArray(codes), 0, seg, 0, codes.length); }
    else seg = MemorySegment.ofArray(codes);
    Int8Kernel k = PanamaInt8Kernel.create(seg, dim, stride);
    ArrayKernel ak = new ArrayKernel(codes, dim, stride);
    int[] nodes = new int[8 * 1024];
    for (int i = 0; i < nodes.length; i++) nodes[i] = r.nextInt(n);
    float[] out = new float[nodes.length];
    var tm = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    int[] batch = new int[8]; float[] bo = new float[8];
    for (int round = 0; round < 8; round++) {
      long t0 = tm.getCurrentThreadCpuTime(); double sink = 0;
      int reps = 200;
      for (int rep = 0; rep < reps; rep++) {
        for (int i = 0; i < nodes.length; i += 8) {
          System.arraycopy(nodes, i, batch, 0, 8);
          if (mode.equals("array")) ak.dot(w, batch, 8, bo); else k.dot(w, batch, 8, bo);
          sink += bo[0];
        }
        for (int i = 0; i < nodes.length; i++) nodes[i] = (nodes[i] * 31 + 7) % n; // new random-ish nodes each rep
      }
      double ns = (tm.getCurrentThreadCpuTime() - t0) / (double) (reps * nodes.length);
      System.out.printf("%s round %d: %.1f ns per code (%s)%n", mode, round, ns, sink > 0 ? "+" : "-");
    }
  }
}
