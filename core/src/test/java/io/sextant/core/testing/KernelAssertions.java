package io.sextant.core.testing;

import io.sextant.core.vector.VectorKernels;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Locale;

/**
 * Checks a {@link VectorKernels} against {@link ReferenceKernels} within {@link FloatErrorBounds}
 * (float kernels) or exactly (int8, Hamming), in array and segment forms. Plain Java (throws
 * {@link AssertionError}), so child JVMs can run it without a test framework.
 */
public final class KernelAssertions {
  private KernelAssertions() {}

  /** Every float kernel of {@code k} on {@code (a, b)}: array form and segment form at {@code offset} in each placement. */
  public static void floatKernels(VectorKernels k, float[] a, float[] b, long offset, Arena arena, String context) {
    String ctx = context + ", n=" + a.length + ", " + k;
    within(k.dot(a, b), ReferenceKernels.dot(a, b), FloatErrorBounds.dot(a, b), "dot(float[], float[]) " + ctx);
    within(k.squareDistance(a, b), ReferenceKernels.squareDistance(a, b), FloatErrorBounds.squareDistance(a, b),
        "squareDistance(float[], float[]) " + ctx);
    within(k.cosine(a, b), ReferenceKernels.cosine(a, b), FloatErrorBounds.cosine(a, b), "cosine(float[], float[]) " + ctx);
    for (SegmentPlacement p : SegmentPlacement.values()) {
      MemorySegment s = p.place(arena, b, offset, 0);
      long at = p.effectiveOffset(offset);
      String where = " " + p + " at byte " + at + " " + ctx;
      within(k.dot(a, s, at), ReferenceKernels.dot(a, b), FloatErrorBounds.dot(a, b), "dot(segment)" + where);
      within(k.squareDistance(a, s, at), ReferenceKernels.squareDistance(a, b), FloatErrorBounds.squareDistance(a, b),
          "squareDistance(segment)" + where);
      within(k.cosine(a, s, at), ReferenceKernels.cosine(a, b), FloatErrorBounds.cosine(a, b), "cosine(segment)" + where);
      // the same memory through a slice that starts at the vector (a heap slice has a non-zero address)
      MemorySegment slice = s.asSlice(at);
      within(k.dot(a, slice, 0), ReferenceKernels.dot(a, b), FloatErrorBounds.dot(a, b), "dot(slice)" + where);
      within(k.squareDistance(a, slice, 0), ReferenceKernels.squareDistance(a, b), FloatErrorBounds.squareDistance(a, b),
          "squareDistance(slice)" + where);
    }
  }

  /** Two implementations agree within twice the bound (each is within the bound of the exact value). */
  public static void agree(VectorKernels k1, VectorKernels k2, float[] a, float[] b, String context) {
    String ctx = context + ", n=" + a.length + ", " + k1 + " vs " + k2;
    within(k1.dot(a, b), k2.dot(a, b), 2 * FloatErrorBounds.dot(a, b), "dot " + ctx);
    within(k1.squareDistance(a, b), k2.squareDistance(a, b), 2 * FloatErrorBounds.squareDistance(a, b), "squareDistance " + ctx);
    within(k1.cosine(a, b), k2.cosine(a, b), 2 * FloatErrorBounds.cosine(a, b), "cosine " + ctx);
  }

  /** int8 dot and squared distance, exact, array and segment forms. */
  public static void int8Kernels(VectorKernels k, byte[] a, byte[] b, long offset, Arena arena, String context) {
    String ctx = context + ", n=" + a.length + ", " + k;
    exact(k.dot(a, b), ReferenceKernels.dot(a, b), "dot(byte[], byte[]) " + ctx);
    exact(k.squareDistance(a, b), ReferenceKernels.squareDistance(a, b), "squareDistance(byte[], byte[]) " + ctx);
    for (SegmentPlacement p : SegmentPlacement.values()) {
      MemorySegment s = p.place(arena, b, offset, 0);
      long at = p.effectiveOffset(offset);
      exact(k.dot(a, s, at), ReferenceKernels.dot(a, b), "dot(byte[], segment) " + p + " at byte " + at + " " + ctx);
      exact(k.squareDistance(a, s, at), ReferenceKernels.squareDistance(a, b),
          "squareDistance(byte[], segment) " + p + " at byte " + at + " " + ctx);
      exact(k.dot(a, s.asSlice(at), 0), ReferenceKernels.dot(a, b), "dot(byte[], slice) " + p + " at byte " + at + " " + ctx);
    }
  }

  /** Hamming distance, exact, array and segment forms. */
  public static void hamming(VectorKernels k, long[] a, long[] b, long offset, Arena arena, String context) {
    String ctx = context + ", words=" + a.length + ", " + k;
    exact(k.hamming(a, b), ReferenceKernels.hamming(a, b), "hamming(long[], long[]) " + ctx);
    for (SegmentPlacement p : SegmentPlacement.values()) {
      MemorySegment s = p.place(arena, b, offset, 0);
      long at = p.effectiveOffset(offset);
      exact(k.hamming(a, s, at), ReferenceKernels.hamming(a, b), "hamming(segment) " + p + " at byte " + at + " " + ctx);
      exact(k.hamming(a, s.asSlice(at), 0), ReferenceKernels.hamming(a, b), "hamming(slice) " + p + " at byte " + at + " " + ctx);
    }
  }

  public static void within(float actual, double expected, double bound, String what) {
    double err = Math.abs(actual - expected);
    if (!(err <= bound)) { // also catches NaN
      throw new AssertionError(String.format(Locale.ROOT, "%s: got %s, reference %s, |error| %.3e exceeds the bound %.3e",
          what, actual, expected, err, bound));
    }
  }

  public static void exact(long actual, long expected, String what) {
    if (actual != expected) throw new AssertionError(what + ": got " + actual + ", exact value " + expected);
  }
}
