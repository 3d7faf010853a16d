package io.sextant.hnsw;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Kernels;
import io.sextant.core.vector.Similarity;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The int8 gather kernels and scorers against double-precision references. */
class Int8KernelTest {

  @Test
  void panamaAndScalarKernelsMatchADoubleReferenceForEveryBatchShape() {
    SplittableRandom r = new SplittableRandom(7);
    for (int dim : new int[] {1, 7, 16, 33, 384, 785}) {
      int n = 50;
      int stride = dim + 5; // records hold more than the code, as the int8 records hold a norm
      MemorySegment codes = Arena.ofAuto().allocate((long) n * stride, 64);
      for (long i = 0; i < (long) n * stride; i++) codes.set(ValueLayout.JAVA_BYTE, i, (byte) r.nextInt(-128, 128));
      float[] w = new float[dim];
      for (int j = 0; j < dim; j++) w[j] = (float) r.nextGaussian();
      // The array kernel reads a copy that starts 3 bytes into its array, so record offsets are not the array's.
      byte[] array = new byte[(int) codes.byteSize() + 3];
      MemorySegment.copy(codes, 0, MemorySegment.ofArray(array), 3, codes.byteSize());
      Int8Kernel[] kernels = {new PanamaInt8Kernel(codes, dim, stride), new ScalarInt8Kernel(codes, dim, stride),
          new PanamaInt8ArrayKernel(array, 3, dim, stride)};
      for (int count = 1; count <= 19; count++) {
        int[] nodes = new int[count];
        for (int i = 0; i < count; i++) nodes[i] = r.nextInt(n);
        for (Int8Kernel k : kernels) {
          float[] out = new float[count];
          k.dot(w, nodes, count, out);
          for (int i = 0; i < count; i++) {
            double ref = 0, mag = 0;
            for (int j = 0; j < dim; j++) {
              double p = (double) w[j] * codes.get(ValueLayout.JAVA_BYTE, (long) nodes[i] * stride + j);
              ref += p;
              mag += Math.abs(p);
            }
            assertThat((double) out[i]).as("%s dim %d count %d item %d", k.getClass().getSimpleName(), dim, count, i)
                .isCloseTo(ref, org.assertj.core.data.Offset.offset(1e-5 * mag + 1e-6));
            assertThat((double) k.dot(w, nodes[i])).isCloseTo(ref, org.assertj.core.data.Offset.offset(1e-5 * mag + 1e-6));
          }
        }
      }
    }
  }

  /**
   * Codes in a heap array (also a slice of one) get the array kernel, native codes the segment kernel;
   * same scores bit for bit. (With {@code reduceLanes(ADD)}, whose order differs between C2's
   * intrinsic and the Java fallback, they differed in the last bits whenever another test had had
   * one kernel compiled and not the other: seen in CI, session 8. LaneSum fixed the order.)
   */
  @Test
  void heapCodesUseTheArrayKernelWithTheSameScores() {
    org.junit.jupiter.api.Assumptions.assumeTrue("panama".equals(Kernels.get().name()), "Panama kernels not in use");
    SplittableRandom r = new SplittableRandom(11);
    int dim = 100, stride = 104, n = 40;
    byte[] array = new byte[7 + n * stride];
    for (int i = 0; i < array.length; i++) array[i] = (byte) r.nextInt(-128, 128);
    MemorySegment heap = MemorySegment.ofArray(array).asSlice(7);
    MemorySegment nativeCodes = Arena.ofAuto().allocate(heap.byteSize(), 64);
    MemorySegment.copy(heap, 0, nativeCodes, 0, heap.byteSize());
    Int8Kernel onHeap = Int8Kernels.create(heap, dim, stride, Kernels.get());
    Int8Kernel offHeap = Int8Kernels.create(nativeCodes, dim, stride, Kernels.get());
    assertThat(onHeap).isInstanceOf(PanamaInt8ArrayKernel.class);
    assertThat(offHeap).isInstanceOf(PanamaInt8Kernel.class);
    float[] w = new float[dim];
    for (int j = 0; j < dim; j++) w[j] = (float) r.nextGaussian();
    int[] nodes = new int[13];
    for (int i = 0; i < nodes.length; i++) nodes[i] = r.nextInt(n);
    float[] a = new float[nodes.length], b = new float[nodes.length];
    onHeap.dot(w, nodes, nodes.length, a);
    offHeap.dot(w, nodes, nodes.length, b);
    for (int i = 0; i < a.length; i++) {
      // Bit for bit: both add in the same fixed order whatever the JIT has compiled (LaneSum).
      assertThat(Float.floatToRawIntBits(a[i])).as("node %d: %s vs %s", nodes[i], a[i], b[i]).isEqualTo(Float.floatToRawIntBits(b[i]));
    }
  }

  /**
   * A node's score has the same bits whether it is scored alone, in a rest of 8 or fewer (the 8-wide
   * loop) or in a full batch of 16, in both Panama kernels: the beam search compares scores from
   * different batches, so an order that depended on the batch would make it depend on the gather.
   */
  @Test
  void aNodeScoresTheSameBitsInEveryBatchWidth() {
    SplittableRandom r = new SplittableRandom(13);
    for (int dim : new int[] {16, 100, 784}) {
      int stride = dim + 4, n = 64;
      byte[] array = new byte[n * stride];
      for (int i = 0; i < array.length; i++) array[i] = (byte) r.nextInt(-128, 128);
      MemorySegment nativeCodes = Arena.ofAuto().allocate(array.length, 64);
      MemorySegment.copy(MemorySegment.ofArray(array), 0, nativeCodes, 0, array.length);
      float[] w = new float[dim];
      for (int j = 0; j < dim; j++) w[j] = (float) r.nextGaussian();
      for (Int8Kernel k : new Int8Kernel[] {new PanamaInt8Kernel(nativeCodes, dim, stride),
          new PanamaInt8ArrayKernel(array, 0, dim, stride)}) {
        int[] sixteen = new int[16];
        for (int i = 0; i < 16; i++) sixteen[i] = r.nextInt(n);
        float[] full = new float[16];
        k.dot(w, sixteen, 16, full);
        for (int count : new int[] {1, 3, 8, 9}) {
          float[] part = new float[count];
          k.dot(w, sixteen, count, part);
          for (int i = 0; i < count; i++) {
            assertThat(Float.floatToRawIntBits(part[i])).as("%s dim %d: node %d in a batch of %d", k.getClass().getSimpleName(),
                dim, sixteen[i], count).isEqualTo(Float.floatToRawIntBits(full[i]));
          }
        }
        assertThat(Float.floatToRawIntBits(k.dot(w, sixteen[5]))).isEqualTo(Float.floatToRawIntBits(full[5]));
      }
    }
  }

  /** The int8 estimate equals the exact score of the quantizer's reconstruction x̂, for every similarity. */
  @Test
  void int8ScorerEstimatesTheReconstructionsScore() {
    float[][] rows = TestVectors.clustered(400, 40, 20, 3);
    FloatVectors v = TestVectors.vectors(rows);
    QuantizedVectors q = QuantizedVectors.encode(v, Quantization.INT8);
    float[] query = TestVectors.clustered(1, 40, 20, 4)[0];
    for (Similarity sim : new Similarity[] {Similarity.EUCLIDEAN, Similarity.DOT_PRODUCT, Similarity.COSINE}) {
      Int8Scorer s = new Int8Scorer(q, sim, Kernels.get()).setQuery(query);
      int[] nodes = {0, 17, 399, 5, 250};
      float[] out = new float[nodes.length];
      s.score(nodes, nodes.length, out);
      for (int i = 0; i < nodes.length; i++) {
        float[] recon = q.scalar().decode(q.scalar().encode(rows[nodes[i]]));
        double expected = TestVectors.exact(sim, query, recon);
        double raw = expected; // already raw: -‖q − x̂‖² for Euclidean
        assertThat((double) out[i]).as("%s node %d", sim, nodes[i])
            .isCloseTo(raw, org.assertj.core.data.Offset.offset(1e-3 * Math.max(1, Math.abs(raw))));
      }
    }
  }
}
