package io.sextant.core.vector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.classfile.MethodModel;
import java.lang.reflect.AccessFlag;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Guards the deliberate size of the float kernel loops (see {@link PanamaFloatKernels}): above
 * HotSpot's FreqInlineSize (325 bytes of bytecode) so C2 compiles them on their own instead of
 * inlining them into a large caller whose node budget could run out in the middle of a kernel.
 */
class KernelMethodSizeTest {
  private static final int FREQ_INLINE_SIZE = 325;
  private static final Set<String> KERNELS = Set.of("dot", "squareDistance", "cosine", "dot4", "squareDistance4");

  @Test
  void everyFloatKernelLoopIsTooBigToInline() throws IOException {
    List<MethodModel> loops = new java.util.ArrayList<>(kernelMethods(PanamaFloatKernels.class));
    loops.addAll(kernelMethods(PanamaBlockKernels.class));
    assertThat(loops).hasSize(12);
    for (MethodModel m : loops) {
      int size = m.findAttribute(java.lang.classfile.Attributes.code()).map(CodeAttribute::codeLength).orElse(0);
      assertThat(size).as("bytecode size of %s%s", m.methodName(), m.methodType()).isGreaterThan(FREQ_INLINE_SIZE);
    }
  }

  private static List<MethodModel> kernelMethods(Class<?> c) throws IOException {
    ClassModel model;
    try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
      model = ClassFile.of().parse(in.readAllBytes());
    }
    return model.methods().stream()
        .filter(m -> KERNELS.contains(m.methodName().stringValue()) && m.flags().has(AccessFlag.STATIC))
        .toList();
  }
}
