package io.sextant.core.vector;

import io.sextant.core.testing.FloatErrorBounds;
import io.sextant.core.testing.KernelAssertions;
import io.sextant.core.testing.RandomVectors;
import io.sextant.core.testing.ReferenceKernels;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Vector API runs plain Java fallbacks in the interpreter and intrinsics once C2 compiles a
 * method: two different code paths. This calls every Panama kernel often enough (tens of
 * thousands of times) to be compiled and keeps checking the results, so a miscompiled masked
 * tail or widening would show here even if the other tests ran interpreted.
 */
class CompiledKernelsTest {
  private static final int ROUNDS = 20_000;

  @Test
  void panamaKernelsStayCorrectAfterJitCompilation() {
    VectorKernels k = KernelImplementations.all().get(1);
    Random r = new Random(99);
    float[][] fa = new float[64][], fb = new float[64][];
    byte[][] ba = new byte[64][], bb = new byte[64][];
    long[][] la = new long[64][], lb = new long[64][];
    MemorySegment[] fseg = new MemorySegment[64], bseg = new MemorySegment[64], lseg = new MemorySegment[64];
    try (Arena arena = Arena.ofConfined()) {
      for (int i = 0; i < 64; i++) {
        int n = 1 + r.nextInt(200);
        fa[i] = RandomVectors.gaussian(r, n, 1);
        fb[i] = RandomVectors.gaussian(r, n, 1);
        ba[i] = RandomVectors.int8(r, n);
        bb[i] = RandomVectors.int8(r, n);
        la[i] = RandomVectors.bits(r, 1 + n / 8);
        lb[i] = RandomVectors.bits(r, la[i].length);
        // off-heap at byte offset 3: unaligned, and the vector ends exactly at the end of the memory
        fseg[i] = arena.allocate(3 + 4L * n).asSlice(3);
        MemorySegment.copy(fb[i], 0, fseg[i], io.sextant.core.testing.SegmentPlacement.FLOAT_LE, 0, n);
        bseg[i] = arena.allocate(1 + n).asSlice(1);
        MemorySegment.copy(bb[i], 0, bseg[i], java.lang.foreign.ValueLayout.JAVA_BYTE, 0, n);
        lseg[i] = arena.allocate(5 + 8L * lb[i].length).asSlice(5);
        MemorySegment.copy(lb[i], 0, lseg[i], io.sextant.core.testing.SegmentPlacement.LONG_LE, 0, lb[i].length);
      }
      double[] dot = new double[64], l2 = new double[64], cos = new double[64];
      double[] dotB = new double[64], l2B = new double[64], cosB = new double[64];
      long[] idot = new long[64], il2 = new long[64], ham = new long[64];
      for (int i = 0; i < 64; i++) {
        dot[i] = ReferenceKernels.dot(fa[i], fb[i]);
        dotB[i] = FloatErrorBounds.dot(fa[i], fb[i]);
        l2[i] = ReferenceKernels.squareDistance(fa[i], fb[i]);
        l2B[i] = FloatErrorBounds.squareDistance(fa[i], fb[i]);
        cos[i] = ReferenceKernels.cosine(fa[i], fb[i]);
        cosB[i] = FloatErrorBounds.cosine(fa[i], fb[i]);
        idot[i] = ReferenceKernels.dot(ba[i], bb[i]);
        il2[i] = ReferenceKernels.squareDistance(ba[i], bb[i]);
        ham[i] = ReferenceKernels.hamming(la[i], lb[i]);
      }
      for (int round = 0; round < ROUNDS; round++) {
        int i = round & 63;
        String at = "round " + round;
        KernelAssertions.within(k.dot(fa[i], fb[i]), dot[i], dotB[i], "dot " + at);
        KernelAssertions.within(k.dot(fa[i], fseg[i], 0), dot[i], dotB[i], "dot(segment) " + at);
        KernelAssertions.within(k.squareDistance(fa[i], fb[i]), l2[i], l2B[i], "l2 " + at);
        KernelAssertions.within(k.squareDistance(fa[i], fseg[i], 0), l2[i], l2B[i], "l2(segment) " + at);
        KernelAssertions.within(k.cosine(fa[i], fb[i]), cos[i], cosB[i], "cos " + at);
        KernelAssertions.within(k.cosine(fa[i], fseg[i], 0), cos[i], cosB[i], "cos(segment) " + at);
        KernelAssertions.exact(k.dot(ba[i], bb[i]), idot[i], "int8 dot " + at);
        KernelAssertions.exact(k.dot(ba[i], bseg[i], 0), idot[i], "int8 dot(segment) " + at);
        KernelAssertions.exact(k.squareDistance(ba[i], bb[i]), il2[i], "int8 l2 " + at);
        KernelAssertions.exact(k.squareDistance(ba[i], bseg[i], 0), il2[i], "int8 l2(segment) " + at);
        KernelAssertions.exact(k.hamming(la[i], lb[i]), ham[i], "hamming " + at);
        KernelAssertions.exact(k.hamming(la[i], lseg[i], 0), ham[i], "hamming(segment) " + at);
      }
    }
  }
}
