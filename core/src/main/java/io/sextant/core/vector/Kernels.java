package io.sextant.core.vector;

import io.sextant.core.internal.LazyLogger;

/**
 * Chooses the kernels once per JVM: Panama when {@code jdk.incubator.vector} is readable and the
 * CPU has vector registers wider than 128 bits, scalar otherwise (one log line says why).
 * {@code -Dsextant.simd=false} forces scalar.
 */
public final class Kernels {
  private static final System.Logger LOG = LazyLogger.of(Kernels.class);
  private static final VectorKernels DEFAULT = choose();

  private Kernels() {}

  /** The kernels this JVM uses. */
  public static VectorKernels get() {
    return DEFAULT;
  }

  /** The portable implementation, whatever {@link #get()} chose. */
  public static VectorKernels scalar() {
    return ScalarKernels.INSTANCE;
  }

  private static VectorKernels choose() {
    if (!Boolean.parseBoolean(System.getProperty("sextant.simd", "true"))) {
      LOG.log(System.Logger.Level.INFO, "sextant: scalar distance kernels (-Dsextant.simd=false)");
      return ScalarKernels.INSTANCE;
    }
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      LOG.log(System.Logger.Level.INFO,
          "sextant: scalar distance kernels; start the JVM with --add-modules jdk.incubator.vector for SIMD");
      return ScalarKernels.INSTANCE;
    }
    try {
      // Loaded reflectively so this class links even when the incubator module is absent.
      Class<?> c = Class.forName("io.sextant.core.vector.PanamaKernels");
      VectorKernels k = (VectorKernels) c.getMethod("createIfUseful").invoke(null);
      if (k != null) return k;
      LOG.log(System.Logger.Level.INFO, "sextant: scalar distance kernels (no vector registers wider than 128 bits, or no C2 compiler)");
    } catch (ReflectiveOperationException | LinkageError e) {
      LOG.log(System.Logger.Level.INFO, "sextant: scalar distance kernels (Vector API unusable: " + e + ")");
    }
    return ScalarKernels.INSTANCE;
  }
}
