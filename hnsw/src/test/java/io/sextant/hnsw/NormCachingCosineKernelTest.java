package io.sextant.hnsw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sextant.core.search.TopK;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Kernels;
import io.sextant.core.vector.Similarity;
import java.lang.foreign.Arena;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The norm-caching cosine kernel gives the cosine batch kernel's scores, on every memory kind,
 * dimension and batch shape, cold and warm cache, and searches return the same nodes. Equal to
 * within a few ulps rather than to the bit: {@code reduceLanes(ADD)} on floats has no specified
 * lane order, and the interpreter, C1 and C2 do sum in different orders, so even one kernel is
 * not bit-stable while it is being compiled. Once both are compiled by C2 they agree to the bit.
 */
class NormCachingCosineKernelTest {
  private static final int[] DIMS = {1, 3, 15, 16, 17, 33, 100, 384, 784};
  private static final int N = 60;
  /** Reordering a float sum of 16 lanes moves a cosine in [-1, 1] by a few 1e-7 at most. */
  private static final float TOLERANCE = 1e-5f;

  @Test
  void bitIdenticalToTheCosineBatchKernelColdAndWarm() {
    assumeTrue(Kernels.get().name().equals("panama"), "needs the Panama kernels");
    Random r = new Random(11);
    try (Arena arena = Arena.ofConfined()) {
      for (int dim : DIMS) {
        float[][] rows = new float[N][dim];
        for (float[] row : rows) for (int d = 0; d < dim; d++) row[d] = (float) (r.nextGaussian() * 2);
        rows[5] = new float[dim]; // zero vector: 0, not NaN, in both
        for (BatchKernelTest.Memory memory : BatchKernelTest.Memory.values()) {
          FloatVectors v = BatchKernelTest.place(rows, dim, memory, arena);
          BatchKernel expected = PanamaBatchKernels.forMemory(v, Similarity.COSINE);
          BatchKernel cached = PanamaBatchKernels.create(v, Similarity.COSINE);
          assertThat(cached).isInstanceOf(NormCachingCosineKernel.class);
          for (int round = 0; round < 3; round++) { // round 0 fills the cache, later rounds hit it
            float[] q = new float[dim];
            for (int d = 0; d < dim; d++) q[d] = (float) r.nextGaussian();
            for (int count = 0; count <= 21; count++) {
              int[] nodes = new int[count];
              for (int i = 0; i < count; i++) nodes[i] = r.nextInt(N);
              float[] want = new float[count + 1];
              float[] got = new float[count + 1];
              want[count] = got[count] = 777f;
              expected.score(q, nodes, count, want);
              cached.score(q, nodes, count, got);
              for (int i = 0; i < count; i++) {
                assertThat(got[i]).as("%s dim %d round %d batch %d item %d", memory, dim, round, count, i)
                    .isCloseTo(want[i], org.assertj.core.data.Offset.offset(TOLERANCE));
              }
              assertThat(got[count]).isEqualTo(777f);
            }
            assertThat(cached.score(q, 3)).isEqualTo(expected.score(q, 3));
          }
        }
      }
    }
  }

  @Test
  void searchResultsUnchanged() {
    assumeTrue(Kernels.get().name().equals("panama"), "needs the Panama kernels");
    Random r = new Random(3);
    int n = 3000, dim = 48;
    float[][] rows = new float[n][dim];
    for (float[] row : rows) for (int d = 0; d < dim; d++) row[d] = (float) r.nextGaussian();
    FloatVectors v = FloatVectors.copyOf(rows, dim);
    HnswGraph g = HnswIndex.build(v, Similarity.COSINE, HnswParams.builder().m(8).efConstruction(60).build(), 1).graph();
    HnswGraphSearcher searcher = new HnswGraphSearcher(n);
    for (int qi = 0; qi < 50; qi++) {
      float[] q = new float[dim];
      for (int d = 0; d < dim; d++) q[d] = (float) r.nextGaussian();
      TopK.ScoredOrds want = search(searcher, g, new KernelScorer(PanamaBatchKernels.forMemory(v, Similarity.COSINE), q), 10);
      TopK.ScoredOrds got = search(searcher, g, new KernelScorer(PanamaBatchKernels.create(v, Similarity.COSINE), q), 10);
      assertThat(got.ords()).as("query " + qi).containsExactly(want.ords());
      for (int i = 0; i < want.scores().length; i++) {
        assertThat(got.scores()[i]).isCloseTo(want.scores()[i], org.assertj.core.data.Offset.offset(TOLERANCE));
      }
    }
  }

  private static TopK.ScoredOrds search(HnswGraphSearcher s, HnswGraph g, GraphScorer scorer, int k) {
    TopK top = new TopK(k);
    s.search(g, scorer, k, 40, null, top);
    return top.drainBestFirst();
  }

  private record KernelScorer(BatchKernel kernel, float[] q) implements GraphScorer {
    @Override public float score(int node) { return kernel.score(q, node); }
    @Override public void score(int[] nodes, int count, float[] out) { kernel.score(q, nodes, count, out); }
  }
}
