package io.sextant.hnsw;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The graph while it is built and searched in memory. Layer 0 is one flat {@code int[]} of
 * fixed-size records ({@code count, id_0 .. id_{2M-1}}) so a node's links are one contiguous
 * read; the few nodes on upper layers get one small record array each. Every node's level is
 * fixed up front (drawn by the builder), so all storage is allocated before any thread starts.
 *
 * <p>Concurrency: writes to a node's links happen under that node's lock (striped); reads take
 * no lock. A writer stores the ids first and publishes the count with release semantics, and a
 * reader loads the count with acquire semantics, so an appended link is never read before it is
 * written. A reader racing a rewrite (pruning) may see a mix of the old and new lists: every id
 * it sees is a valid node, which is all a search needs.
 *
 * <p>Per-link scores (raw similarity to the owning node) are kept beside the ids while building
 * so that pruning an overfull list does not recompute them; they are not part of the written form.
 */
public final class OnHeapHnswGraph implements HnswGraph {
  private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);
  private static final long EMPTY = -1L;
  private static final int LOCK_STRIPES = 1 << 12;

  private final int size;
  private final int m;
  private final int maxConn0;
  private final int stride0;
  private final int strideUp;
  private final byte[] levels;
  private final int[] links0;
  private final float[] scores0;
  private final int[][] upperLinks;
  private final float[][] upperScores;
  private final Object[] locks;
  /** {@code (level << 32) | node} of the entry point, or {@link #EMPTY}. */
  private volatile long entry = EMPTY;

  /**
   * @param levels the level of every node (index = node ordinal); not copied
   * @param m      links per node above layer 0; layer 0 keeps {@code 2m}
   */
  OnHeapHnswGraph(byte[] levels, int m) {
    this.size = levels.length;
    this.m = m;
    this.maxConn0 = 2 * m;
    this.stride0 = 1 + maxConn0;
    this.strideUp = 1 + m;
    long cells = (long) size * stride0;
    if (cells > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("an in-memory HNSW graph with M=" + m + " holds at most "
          + ((Integer.MAX_VALUE - 16) / stride0) + " nodes, got " + size);
    }
    this.levels = levels;
    this.links0 = new int[(int) cells];
    this.scores0 = new float[size * maxConn0];
    this.upperLinks = new int[size][];
    this.upperScores = new float[size][];
    for (int i = 0; i < size; i++) {
      int l = levels[i];
      if (l < 0) throw new IllegalArgumentException("level of node " + i + " is negative: " + l);
      if (l > 0) {
        upperLinks[i] = new int[l * strideUp];
        upperScores[i] = new float[l * m];
      }
    }
    this.locks = new Object[Math.min(LOCK_STRIPES, Integer.highestOneBit(Math.max(1, size)) << 1)];
    for (int i = 0; i < locks.length; i++) locks[i] = new Object();
  }

  @Override public int size() { return size; }

  @Override public int maxLevel() {
    long e = entry;
    return e == EMPTY ? -1 : (int) (e >>> 32);
  }

  @Override public int entryPoint() {
    long e = entry;
    return e == EMPTY ? -1 : (int) e;
  }

  @Override public int maxConn(int level) { return level == 0 ? maxConn0 : m; }

  @Override public int levelOf(int node) { return levels[node]; }

  /** M (links per node on upper layers). */
  public int m() { return m; }

  @Override
  public int neighbors(int level, int node, int[] dst) {
    if (level == 0) {
      int base = node * stride0;
      int count = (int) INTS.getAcquire(links0, base);
      System.arraycopy(links0, base + 1, dst, 0, count);
      return count;
    }
    int[] rec = upperLinks[node];
    int base = (level - 1) * strideUp;
    int count = (int) INTS.getAcquire(rec, base);
    System.arraycopy(rec, base + 1, dst, 0, count);
    return count;
  }

  /** Approximate heap bytes held by the links (and build-time scores). */
  public long ramBytesUsed() {
    long bytes = 4L * links0.length + 4L * scores0.length + levels.length + 16L * size * 2;
    for (int i = 0; i < size; i++) {
      if (upperLinks[i] != null) bytes += 4L * upperLinks[i].length + 4L * upperScores[i].length;
    }
    return bytes;
  }

  // ---- builder-side access (package-private) ----

  long entryPacked() { return entry; }

  static boolean isEmpty(long packed) { return packed == EMPTY; }

  static int entryNode(long packed) { return (int) packed; }

  static int entryLevel(long packed) { return (int) (packed >>> 32); }

  void setEntry(int node, int level) { entry = ((long) level << 32) | (node & 0xFFFFFFFFL); }

  /** The lock guarding writes to {@code node}'s links, on every level. */
  Object lockFor(int node) { return locks[node & (locks.length - 1)]; }

  /** Links and their scores; call with {@link #lockFor} held for a consistent view. */
  int neighborsWithScores(int level, int node, int[] ids, float[] scores) {
    if (level == 0) {
      int base = node * stride0;
      int count = links0[base];
      System.arraycopy(links0, base + 1, ids, 0, count);
      System.arraycopy(scores0, node * maxConn0, scores, 0, count);
      return count;
    }
    int[] rec = upperLinks[node];
    int base = (level - 1) * strideUp;
    int count = rec[base];
    System.arraycopy(rec, base + 1, ids, 0, count);
    System.arraycopy(upperScores[node], (level - 1) * m, scores, 0, count);
    return count;
  }

  /** Appends one link; caller holds {@link #lockFor} and has checked there is room. */
  void append(int level, int node, int id, float score) {
    int[] rec;
    int base;
    float[] sc;
    int scBase;
    if (level == 0) {
      rec = links0;
      base = node * stride0;
      sc = scores0;
      scBase = node * maxConn0;
    } else {
      rec = upperLinks[node];
      base = (level - 1) * strideUp;
      sc = upperScores[node];
      scBase = (level - 1) * m;
    }
    int count = rec[base];
    rec[base + 1 + count] = id;
    sc[scBase + count] = score;
    INTS.setRelease(rec, base, count + 1);
  }

  /** Replaces the links of {@code node}; caller holds {@link #lockFor}. */
  void setNeighbors(int level, int node, int[] ids, float[] scores, int count) {
    if (count > maxConn(level)) {
      throw new IllegalStateException(count + " links exceed the maximum " + maxConn(level) + " on level " + level);
    }
    int[] rec;
    int base;
    float[] sc;
    int scBase;
    if (level == 0) {
      rec = links0;
      base = node * stride0;
      sc = scores0;
      scBase = node * maxConn0;
    } else {
      rec = upperLinks[node];
      base = (level - 1) * strideUp;
      sc = upperScores[node];
      scBase = (level - 1) * m;
    }
    // Shrink the visible count first so a concurrent reader never reads past what is being rewritten.
    int old = rec[base];
    if (count < old) INTS.setRelease(rec, base, count);
    System.arraycopy(ids, 0, rec, base + 1, count);
    System.arraycopy(scores, 0, sc, scBase, count);
    INTS.setRelease(rec, base, count);
  }
}
