package io.sextant.hnsw;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.core.testing.FloatErrorBounds;
import io.sextant.core.testing.KernelAssertions;
import io.sextant.core.testing.ReferenceKernels;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Kernels;
import io.sextant.core.vector.Similarity;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The batch kernels against the double-precision reference, on every memory kind and batch shape. */
class BatchKernelTest {
  private static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final int[] DIMS = {1, 3, 15, 16, 17, 31, 33, 64, 100, 784};
  private static final int N = 40;

  enum Memory { HEAP_FLOATS, HEAP_FLOATS_OFFSET, NATIVE_UNALIGNED, HEAP_BYTES }

  static FloatVectors place(float[][] rows, int dim, Memory memory, Arena arena) {
    long bytes = (long) rows.length * dim * 4;
    return switch (memory) {
      case HEAP_FLOATS -> FloatVectors.copyOf(rows, dim);
      case HEAP_FLOATS_OFFSET -> {
        // Vector 0 two floats into the array: the array kernel must honour the base offset.
        float[] flat = new float[rows.length * dim + 2];
        for (int i = 0; i < rows.length; i++) System.arraycopy(rows[i], 0, flat, 2 + i * dim, dim);
        yield new FloatVectors(MemorySegment.ofArray(flat), 8, rows.length, dim);
      }
      case NATIVE_UNALIGNED -> {
        MemorySegment s = arena.allocate(bytes + 3, 64);
        for (int i = 0; i < rows.length; i++) MemorySegment.copy(rows[i], 0, s, FLOAT_LE, 3 + 4L * i * dim, dim);
        yield new FloatVectors(s, 3, rows.length, dim);
      }
      case HEAP_BYTES -> {
        MemorySegment s = MemorySegment.ofArray(new byte[(int) bytes]);
        for (int i = 0; i < rows.length; i++) MemorySegment.copy(rows[i], 0, s, FLOAT_LE, 4L * i * dim, dim);
        yield new FloatVectors(s, 0, rows.length, dim);
      }
    };
  }

  @Test
  void batchAndSingleScoresMatchTheReferenceWithinRoundingBounds() {
    Random r = new Random(5);
    try (Arena arena = Arena.ofConfined()) {
      for (int dim : DIMS) {
        float[][] rows = new float[N][dim];
        for (float[] row : rows) for (int d = 0; d < dim; d++) row[d] = (float) (r.nextGaussian() * 3);
        rows[7] = new float[dim]; // a zero vector: cosine must give 0, not NaN
        float[] q = new float[dim];
        for (int d = 0; d < dim; d++) q[d] = (float) r.nextGaussian();
        for (Memory memory : Memory.values()) {
          FloatVectors v = place(rows, dim, memory, arena);
          for (Similarity sim : Similarity.values()) {
            BatchKernel k = BatchKernels.create(v, sim, Kernels.get());
            String ctx = memory + " dim " + dim + " " + sim + " " + k.getClass().getSimpleName();
            for (int count = 0; count <= 21; count++) {
              int[] nodes = new int[count];
              for (int i = 0; i < count; i++) nodes[i] = r.nextInt(N);
              float[] out = new float[count + 1];
              out[count] = 12345f;
              k.score(q, nodes, count, out);
              for (int i = 0; i < count; i++) {
                float[] row = rows[nodes[i]];
                KernelAssertions.within(out[i], ReferenceKernels.raw(sim, q, row), FloatErrorBounds.raw(sim, q, row),
                    ctx + " batch of " + count + " item " + i);
              }
              assertThat(out[count]).as("no write past the batch, " + ctx).isEqualTo(12345f);
            }
            for (int node = 0; node < N; node++) {
              KernelAssertions.within(k.score(q, node), ReferenceKernels.raw(sim, q, rows[node]),
                  FloatErrorBounds.raw(sim, q, rows[node]), ctx + " single " + node);
            }
          }
        }
      }
    }
  }

  /**
   * A node's score has the same bits whichever batch width scored it (16, 8, 4 or the padded
   * tail): the 16-wide kernels sum their lanes in one combined tree that must reproduce
   * {@code LaneSum}'s order, or a build would depend on how neighbours happened to be batched.
   */
  @Test
  void aNodeScoresTheSameBitsInEveryBatchWidth() {
    Random r = new Random(11);
    try (Arena arena = Arena.ofConfined()) {
      for (int dim : new int[] {16, 17, 100, 384, 784}) {
        float[][] rows = new float[N][dim];
        for (float[] row : rows) for (int d = 0; d < dim; d++) row[d] = (float) (r.nextGaussian() * 3);
        float[] q = new float[dim];
        for (int d = 0; d < dim; d++) q[d] = (float) r.nextGaussian();
        for (Memory memory : Memory.values()) {
          FloatVectors v = place(rows, dim, memory, arena);
          for (Similarity sim : Similarity.values()) {
            BatchKernel k = BatchKernels.create(v, sim, Kernels.get());
            String ctx = memory + " dim " + dim + " " + sim + " " + k.getClass().getSimpleName();
            int[] nodes = new int[16];
            for (int i = 0; i < nodes.length; i++) nodes[i] = r.nextInt(N);
            float[] wide = new float[16];
            k.score(q, nodes, 16, wide);
            for (int width : new int[] {8, 4, 1}) {
              float[] part = new float[width];
              for (int from = 0; from < 16; from += width) {
                k.score(q, java.util.Arrays.copyOfRange(nodes, from, from + width), width, part);
                for (int i = 0; i < width; i++) {
                  assertThat(Float.floatToRawIntBits(part[i])).as(ctx + " node " + nodes[from + i] + " in a batch of " + width)
                      .isEqualTo(Float.floatToRawIntBits(wide[from + i]));
                }
              }
            }
          }
        }
      }
    }
  }

  @Test
  void panamaKernelsAreUsedWhenCoreUsesThemAndMatchTheMemoryKind() {
    float[][] rows = {{1, 2, 3}, {4, 5, 6}};
    try (Arena arena = Arena.ofConfined()) {
      for (Memory memory : Memory.values()) {
        BatchKernel k = BatchKernels.create(place(rows, 3, memory, arena), Similarity.EUCLIDEAN, Kernels.get());
        if (!Kernels.get().name().equals("panama")) {
          assertThat(k).isInstanceOf(ScalarBatchKernel.class);
        } else if (memory == Memory.HEAP_FLOATS || memory == Memory.HEAP_FLOATS_OFFSET) {
          assertThat(k).as(memory.toString()).isInstanceOf(PanamaArrayKernel.class);
        } else {
          assertThat(k).as(memory.toString()).isInstanceOf(PanamaSegmentKernel.class);
        }
      }
      assertThat(BatchKernels.create(place(rows, 3, Memory.HEAP_FLOATS, arena), Similarity.EUCLIDEAN, Kernels.scalar()))
          .isInstanceOf(ScalarBatchKernel.class);
    }
  }

  @Test
  void aClosedArenaFailsCleanlyInsteadOfReadingFreedMemory() {
    Arena arena = Arena.ofShared();
    float[][] rows = {{1, 2, 3, 4}, {5, 6, 7, 8}};
    FloatVectors v = place(rows, 4, Memory.NATIVE_UNALIGNED, arena);
    BatchKernel k = BatchKernels.create(v, Similarity.EUCLIDEAN, Kernels.get());
    arena.close();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> k.score(new float[4], new int[] {0, 1}, 2, new float[2]))
        .isInstanceOf(IllegalStateException.class);
  }
}
