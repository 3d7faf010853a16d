package io.sextant.hnsw;

import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Kernels;
import io.sextant.core.vector.Similarity;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Random;

/** Probe: 16-wide euclidean batches over random vectors, by where the vectors sit (heap array; native at 64-byte lines, or 16 bytes off). */
public class AlignProbe {
  static final ValueLayout.OfFloat LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  public static void main(String[] a) {
    int dim = Integer.parseInt(a[0]), n = Integer.parseInt(a[1]);
    Random r = new Random(1);
    float[] flat = new float[n * dim];
    for (int i = 0; i < flat.length; i++) flat[i] = (float) r.nextGaussian();
    Arena arena = Arena.ofShared();
    MemorySegment seg = arena.allocate((long) n * dim * 4 + 64, 64);
    MemorySegment.copy(flat, 0, seg, LE, 0, flat.length);
    MemorySegment seg16 = arena.allocate((long) n * dim * 4 + 64, 64);
    MemorySegment.copy(flat, 0, seg16, LE, 16, flat.length);
    float[] shifted = new float[flat.length + 16];
    System.arraycopy(flat, 0, shifted, 12, flat.length);
    String[] names = {"heap float[]", "native, 64-byte aligned", "native, 16 bytes off", "heap float[], 48 bytes in"};
    FloatVectors[] vs = {new FloatVectors(MemorySegment.ofArray(flat), 0, n, dim), new FloatVectors(seg, 0, n, dim), new FloatVectors(seg16, 16, n, dim),
        new FloatVectors(MemorySegment.ofArray(shifted), 48, n, dim)};
    BatchKernel[] ks = new BatchKernel[4];
    for (int i = 0; i < 4; i++) ks[i] = BatchKernels.create(vs[i], Similarity.EUCLIDEAN, Kernels.get());
    float[] q = new float[dim];
    for (int d = 0; d < dim; d++) q[d] = (float) r.nextGaussian();
    int[] nodes = new int[16];
    float[] out = new float[16];
    for (int round = 0; round < 14; round++) {
      for (int i = 0; i < 4; i++) {
        Random rr = new Random(round);
        long t0 = System.nanoTime();
        int batches = 30000;
        float sink = 0;
        for (int b = 0; b < batches; b++) {
          for (int j = 0; j < 16; j++) nodes[j] = rr.nextInt(n);
          ks[i].score(q, nodes, 16, out);
          sink += out[3];
        }
        long t = System.nanoTime() - t0;
        if (round >= 2) System.out.printf("round %d %-26s %-22s %.1f ns per vector%s%n", round, names[i], ks[i].getClass().getSimpleName(), t / (batches * 16.0), sink == 1 ? "!" : "");
      }
    }
  }
}
