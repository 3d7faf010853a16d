// Manual probe (not built by Maven), session 6. Needs a built reactor and the hnsw test classes:
//   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./mvnw -B -ntp -q -pl core,hnsw test-compile
//   ./mvnw -B -ntp -q -pl hnsw dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
//   CP=hnsw/target/classes:hnsw/target/test-classes:core/target/classes:$(tr ':' '\n' < /tmp/cp.txt | grep -v sextant-core | paste -sd:)
//   javac -d /tmp/probe -cp $CP --add-modules jdk.incubator.vector docs/bench/hnsw-session6/Int8CopyProbe.java
//   java -cp /tmp/probe:$CP --add-modules jdk.incubator.vector -Xmx6g io.sextant.hnsw.Int8CopyProbe (no args)
// The graph (default parameters, 2 build threads) is cached in /tmp/hnswquant/<dataset>.hnsw.
package io.sextant.hnsw;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.SplittableRandom;
import jdk.incubator.vector.*;

/** Int8 batch kernel from DRAM: in place (PanamaInt8ArrayKernel) vs copy-then-score. */
public final class Int8CopyProbe {
  static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  static final int FL = F.length();
  static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class, VectorShape.forBitSize(FL * 8));

  public static void main(String[] a) {
    int n = 60_000, dim = 784, stride = 788;
    byte[] codes = new byte[n * stride];
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < codes.length; i++) codes[i] = (byte) r.nextInt(256);
    float[] w = new float[dim];
    for (int i = 0; i < dim; i++) w[i] = (float) r.nextGaussian();
    Int8Kernel inPlace = PanamaInt8ArrayKernel.create(codes, 0, dim, stride);
    CopyKernel copy = new CopyKernel(codes, dim, stride);
    int batches = 200_000;
    int[][] nodes = new int[batches][8];
    for (int[] b : nodes) for (int j = 0; j < 8; j++) b[j] = r.nextInt(n);
    float[] out = new float[8], out2 = new float[8];
    // correctness
    for (int t = 0; t < 100; t++) {
      inPlace.dot(w, nodes[t], 8, out);
      copy.dot(w, nodes[t], 8, out2);
      for (int j = 0; j < 8; j++) if (Math.abs(out[j] - out2[j]) > 1e-3f * Math.abs(out[j]) + 1e-3f) throw new AssertionError(out[j] + " " + out2[j]);
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    float sink = 0;
    for (int round = 0; round < 8; round++) {
      for (int v = 0; v < 2; v++) {
        int variant = (round + v) % 2;
        long t0 = mx.getCurrentThreadCpuTime();
        for (int[] b : nodes) {
          if (variant == 0) inPlace.dot(w, b, 8, out); else copy.dot(w, b, 8, out);
          sink += out[3];
        }
        long t1 = mx.getCurrentThreadCpuTime();
        if (round > 1) System.out.printf("round %d %s: %.1f ns per code%n", round, variant == 0 ? "in-place" : "copy    ", (t1 - t0) / (batches * 8.0));
      }
    }
    System.out.println(sink);
  }

  static final class CopyKernel {
    final byte[] codes; final int dim, stride, bound; final byte[] scratch;
    CopyKernel(byte[] codes, int dim, int stride) { this.codes = codes; this.dim = dim; this.stride = stride; this.bound = F.loopBound(dim); this.scratch = new byte[8 * stride]; }
    void dot(float[] w, int[] nodes, int count, float[] out) {
      byte[] s = scratch;
      for (int j = 0; j < 8; j++) System.arraycopy(codes, nodes[j] * stride, s, j * stride, stride);
      FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
      int st = stride;
      for (int i = 0; i < bound; i += FL) {
        FloatVector x = FloatVector.fromArray(F, w, i);
        a0 = x.fma(ld(s, i), a0);
        a1 = x.fma(ld(s, st + i), a1);
        a2 = x.fma(ld(s, 2 * st + i), a2);
        a3 = x.fma(ld(s, 3 * st + i), a3);
        a4 = x.fma(ld(s, 4 * st + i), a4);
        a5 = x.fma(ld(s, 5 * st + i), a5);
        a6 = x.fma(ld(s, 6 * st + i), a6);
        a7 = x.fma(ld(s, 7 * st + i), a7);
      }
      out[0] = a0.reduceLanes(VectorOperators.ADD); out[1] = a1.reduceLanes(VectorOperators.ADD);
      out[2] = a2.reduceLanes(VectorOperators.ADD); out[3] = a3.reduceLanes(VectorOperators.ADD);
      out[4] = a4.reduceLanes(VectorOperators.ADD); out[5] = a5.reduceLanes(VectorOperators.ADD);
      out[6] = a6.reduceLanes(VectorOperators.ADD); out[7] = a7.reduceLanes(VectorOperators.ADD);
    }
    static FloatVector ld(byte[] c, int o) { return (FloatVector) ByteVector.fromArray(B, c, o).castShape(F, 0); }
  }
}
