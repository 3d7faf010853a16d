package io.sextant.hnsw;

import io.sextant.core.vector.VectorKernels;
import java.lang.foreign.MemorySegment;

/**
 * Picks the {@link Int8Kernel}: {@link PanamaInt8ArrayKernel} for codes in a heap array or
 * {@link PanamaInt8Kernel} for codes in native or mapped memory when core chose its Panama kernels
 * (reached reflectively so this module runs without {@code jdk.incubator.vector}), else
 * {@link ScalarInt8Kernel}; the same rule as {@link BatchKernels}.
 */
final class Int8Kernels {
  private static final System.Logger LOG = System.getLogger(Int8Kernels.class.getName());

  private Int8Kernels() {}

  /** Kernel over codes of {@code dimension} bytes at the start of each {@code stride}-byte record of {@code codes}. */
  static Int8Kernel create(MemorySegment codes, int dimension, int stride, VectorKernels kernels) {
    if ("panama".equals(kernels.name())) {
      try {
        byte[] array = heapArray(codes);
        if (array != null) {
          Class<?> c = Class.forName("io.sextant.hnsw.PanamaInt8ArrayKernel");
          return (Int8Kernel) c.getDeclaredMethod("create", byte[].class, int.class, int.class, int.class)
              .invoke(null, array, (int) codes.address(), dimension, stride);
        }
        Class<?> c = Class.forName("io.sextant.hnsw.PanamaInt8Kernel");
        return (Int8Kernel) c.getDeclaredMethod("create", MemorySegment.class, int.class, int.class)
            .invoke(null, io.sextant.core.vector.SegmentViews.kernelView(codes), dimension, stride); // see PanamaBatchKernels
      } catch (ReflectiveOperationException | LinkageError e) {
        LOG.log(System.Logger.Level.DEBUG, "hnsw: Panama int8 kernel unavailable (" + e + "), scoring byte by byte");
      }
    }
    return new ScalarInt8Kernel(codes, dimension, stride);
  }

  /** The heap {@code byte[]} behind {@code codes} when there is one and every record's offset fits an int, else null. */
  static byte[] heapArray(MemorySegment codes) {
    Object base = codes.heapBase().orElse(null);
    if (!(base instanceof byte[] array)) return null;
    return codes.address() + codes.byteSize() <= array.length ? array : null;
  }
}
