package io.sextant.core.vector;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * How the Panama kernels read a {@link MemorySegment} so that HotSpot compiles their loads well.
 *
 * <p>{@code FloatVector.fromMemorySegment} and friends are intrinsics, but they go through
 * virtual methods of the JDK's segment classes whose type profiles are shared by every caller in
 * the JVM. Once a JVM has scored vectors in several kinds of segment (an arena buffer, a mapped
 * file, a heap array), those calls stop inlining and every vector load becomes a real call:
 * measured here, a 768-d dot product went from 34 ns to about 270 ns. So the kernels never hand
 * the JDK more than one kind of segment:
 * <ul>
 *   <li>native memory (arena or mapped) is re-viewed through {@link MemorySegment#reinterpret(long)},
 *       which yields the same plain native segment class for both, with the same scope (so a
 *       closed arena is still detected); this is a restricted method, used only when native access
 *       is enabled for this module ({@code --enable-native-access}), otherwise the segment is used
 *       as given (correct, possibly slower when kinds mix);</li>
 *   <li>heap segments over an array of the element type are read straight from the array;</li>
 *   <li>any other heap segment (e.g. floats in a {@code byte[]}) is copied to a temporary array:
 *       correct, slower, and rare.</li>
 * </ul>
 */
public final class SegmentViews {
  private static final boolean CAN_REINTERPRET = SegmentViews.class.getModule().isNativeAccessEnabled();
  private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
  static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private SegmentViews() {}

  /**
   * For kernels outside this package that load vectors from segments themselves (hnsw's segment
   * kernels): a native {@code s} as {@link #nativeView}, any other as it is. A kernel that loaded
   * straight from a mapped file's segment would bring a second native class into the JDK's shared
   * profiles next to this view's, and with heap segments a third: then every load is a call.
   */
  public static MemorySegment kernelView(MemorySegment s) {
    return s.isNative() ? nativeView(s) : s;
  }

  /** {@code s} (native) as the one native segment class the kernels load from. */
  static MemorySegment nativeView(MemorySegment s) {
    return CAN_REINTERPRET ? s.reinterpret(s.byteSize()) : s;
  }

  /** Checks that {@code bytes} bytes at {@code offset} lie inside {@code s}. */
  static void checkBounds(MemorySegment s, long offset, long bytes) {
    Objects.checkFromIndexSize(offset, bytes, s.byteSize());
  }

  /**
   * The float[] behind a heap segment when the {@code n} floats at byte {@code offset} can be
   * read from it in place, else null. Values are little endian, so that needs a little-endian CPU.
   */
  static float[] floatArray(MemorySegment s, long offset, int n) {
    checkBounds(s, offset, 4L * n);
    return LITTLE_ENDIAN && s.heapBase().orElse(null) instanceof float[] f && ((s.address() + offset) & 3) == 0 ? f : null;
  }

  /** Index in {@link #floatArray}'s result of the float at byte {@code offset} of {@code s}. */
  static int floatIndex(MemorySegment s, long offset) {
    return (int) ((s.address() + offset) >>> 2);
  }

  static byte[] byteArray(MemorySegment s, long offset, int n) {
    checkBounds(s, offset, n);
    return s.heapBase().orElse(null) instanceof byte[] b ? b : null;
  }

  static int byteIndex(MemorySegment s, long offset) {
    return (int) (s.address() + offset);
  }

  static long[] longArray(MemorySegment s, long offset, int n) {
    checkBounds(s, offset, 8L * n);
    return LITTLE_ENDIAN && s.heapBase().orElse(null) instanceof long[] l && ((s.address() + offset) & 7) == 0 ? l : null;
  }

  static int longIndex(MemorySegment s, long offset) {
    return (int) ((s.address() + offset) >>> 3);
  }

  static float[] copyFloats(MemorySegment s, long offset, int n) {
    float[] v = new float[n];
    MemorySegment.copy(s, FLOAT_LE, offset, v, 0, n);
    return v;
  }

  static byte[] copyBytes(MemorySegment s, long offset, int n) {
    byte[] v = new byte[n];
    MemorySegment.copy(s, ValueLayout.JAVA_BYTE, offset, v, 0, n);
    return v;
  }

  static long[] copyLongs(MemorySegment s, long offset, int n) {
    long[] v = new long[n];
    MemorySegment.copy(s, LONG_LE, offset, v, 0, n);
    return v;
  }
}
