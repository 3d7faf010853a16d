package io.sextant.hnsw;

import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Kernels;
import io.sextant.core.vector.Similarity;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Random;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Child-JVM program for {@link BatchKernelCompileTest}: first runs masked Vector API loads (as
 * other code in the same JVM does, e.g. core's or IVF's kernels, which resolves the masked paths
 * for C1), then scores batches over native and heap vectors, every metric, dimensions with and
 * without a remainder, until the kernels are compiled. The test reads the JIT's log.
 */
final class KernelCompileProbe {
  private static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private KernelCompileProbe() {}

  public static void main(String[] args) {
    int rounds = Integer.parseInt(args[0]);
    float sink = resolveMaskedPaths();
    Random r = new Random(1);
    try (Arena arena = Arena.ofShared()) {
      for (int dim : new int[] {784, 785}) {
        int n = 64;
        float[][] rows = new float[n][dim];
        for (float[] row : rows) for (int d = 0; d < dim; d++) row[d] = r.nextFloat();
        MemorySegment s = arena.allocate(4L * n * dim, 64);
        for (int i = 0; i < n; i++) MemorySegment.copy(rows[i], 0, s, FLOAT_LE, 4L * i * dim, dim);
        FloatVectors[] kinds = {new FloatVectors(s, 0, n, dim), FloatVectors.copyOf(rows, dim)};
        float[] q = rows[3].clone();
        // Batches of 29, 6 and 3 in turn: 16 + a padded 16, or 8 + 8 + a padded 8 (8 lanes), then a
        // padded 8 and a padded 4: every batch width of the kernels, on any lane count.
        int[] counts = {29, 6, 3};
        int[] nodes = new int[29];
        float[] out = new float[29];
        for (FloatVectors v : kinds) {
          for (Similarity sim : Similarity.values()) {
            BatchKernel k = BatchKernels.create(v, sim, Kernels.get());
            for (int round = 0; round < rounds; round++) {
              for (int i = 0; i < nodes.length; i++) nodes[i] = (round + 7 * i) % n;
              k.score(q, nodes, counts[round % counts.length], out);
              sink += out[round % out.length] + k.score(q, round % n);
            }
          }
        }
      }
    }
    System.out.println("done " + sink);
  }

  private static float resolveMaskedPaths() {
    VectorSpecies<Float> f = FloatVector.SPECIES_PREFERRED;
    float[] a = new float[f.length() + 3];
    MemorySegment seg = MemorySegment.ofArray(new byte[4 * a.length]);
    float sum = 0;
    for (int round = 0; round < 2000; round++) {
      VectorMask<Float> m = f.indexInRange(round % f.length(), a.length);
      sum += FloatVector.fromArray(f, a, 0, m).add(FloatVector.fromMemorySegment(f, seg, 0, ByteOrder.LITTLE_ENDIAN, m))
          .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }
    return sum;
  }
}
