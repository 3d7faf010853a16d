package io.sextant.hnsw;

import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import io.sextant.core.vector.VectorKernels;
import java.lang.foreign.MemorySegment;

/**
 * Picks the {@link BatchKernel} for a block of vectors: the Panama batch kernels when core chose
 * its Panama kernels (so {@code -Dsextant.simd=false}, a missing {@code jdk.incubator.vector} or
 * a CPU without wide vectors all fall back alike), over the heap array itself when the vectors
 * live in one, else over the segment; otherwise the core kernels one vector at a time.
 *
 * <p>The Panama classes are reached through reflection so that this module links and runs
 * without the incubator module.
 */
final class BatchKernels {
  private static final System.Logger LOG = System.getLogger(BatchKernels.class.getName());

  private BatchKernels() {}

  static BatchKernel create(FloatVectors vectors, Similarity similarity, VectorKernels kernels) {
    if ("panama".equals(kernels.name())) {
      try {
        Class<?> c = Class.forName("io.sextant.hnsw.PanamaBatchKernels");
        return (BatchKernel) c.getDeclaredMethod("create", FloatVectors.class, Similarity.class).invoke(null, vectors, similarity);
      } catch (ReflectiveOperationException | LinkageError e) {
        LOG.log(System.Logger.Level.DEBUG, "hnsw: Panama batch kernels unavailable (" + e + "), scoring one vector at a time");
      }
    }
    return new ScalarBatchKernel(vectors, similarity, kernels);
  }

  /** The heap {@code float[]} behind {@code vectors} when vector 0 starts on a float boundary, else null. */
  static float[] heapArray(FloatVectors vectors) {
    MemorySegment data = vectors.data();
    Object base = data.heapBase().orElse(null);
    if (!(base instanceof float[] array)) return null;
    long byteIndex = data.address() + vectors.offset(0);
    if ((byteIndex & 3) != 0) return null;
    return array;
  }
}
