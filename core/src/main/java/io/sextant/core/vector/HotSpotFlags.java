package io.sextant.core.vector;

import java.util.Locale;
import java.util.Optional;

/**
 * Reads HotSpot VM options ({@code UseFMA}, {@code UseAVX}, ...) to decide how the Panama kernels
 * should compute. Reflective so that {@code io.sextant.core} does not require {@code jdk.management}:
 * when the management beans are absent (a trimmed runtime, a non-HotSpot VM) every flag is
 * {@link Optional#empty() unknown} and callers fall back to their defaults.
 */
final class HotSpotFlags {
  private static final Object BEAN = diagnosticBean();

  private HotSpotFlags() {}

  /** The value of VM option {@code name}, or empty when it does not exist or cannot be read. */
  static Optional<String> get(String name) {
    if (BEAN == null) return Optional.empty();
    try {
      Class<?> beanType = Class.forName("com.sun.management.HotSpotDiagnosticMXBean");
      Object option = beanType.getMethod("getVMOption", String.class).invoke(BEAN, name);
      Class<?> optionType = Class.forName("com.sun.management.VMOption");
      return Optional.ofNullable((String) optionType.getMethod("getValue").invoke(option));
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return Optional.empty(); // unknown option (IllegalArgumentException wrapped) or no access
    }
  }

  static boolean isX86() {
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    return arch.equals("amd64") || arch.equals("x86_64");
  }

  private static Object diagnosticBean() {
    try {
      Class<?> factory = Class.forName("java.lang.management.ManagementFactory");
      Class<?> beanType = Class.forName("com.sun.management.HotSpotDiagnosticMXBean");
      return factory.getMethod("getPlatformMXBean", Class.class).invoke(null, beanType);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null;
    }
  }
}
