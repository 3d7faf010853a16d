package io.sextant.hnsw;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The graph while it is built and searched in memory. Nodes live in chunks of
 * {@value #CHUNK_NODES}: each chunk holds layer 0 as one flat {@code int[]} of fixed-size records
 * ({@code count, id_0 .. id_{2M-1}}), so a node's links are one contiguous read, plus one small
 * record array per node that lives on upper layers. Chunks let the graph grow (the write buffer
 * adds nodes one by one) without ever moving a record a search may be reading.
 *
 * <p>Concurrency: nodes are added by one thread at a time ({@link #addNode}); links may be written
 * by several threads, each node's under its own (striped) lock; reads take no lock. A writer
 * stores ids first and publishes the count with release semantics, and a reader loads the count
 * with acquire semantics, so an appended link is never read before it is written. A reader racing
 * a rewrite (pruning) may see a mix of the old and new lists: every id it sees is a node that was
 * added before, which is all a search needs.
 *
 * <p>Per-link scores (raw similarity to the owning node) are kept beside the ids while building
 * so that pruning an overfull list does not recompute them; they are not part of the written form.
 */
public final class OnHeapHnswGraph implements HnswGraph {
  private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);
  private static final long EMPTY = -1L;
  private static final int LOCK_STRIPES = 1 << 12;
  static final int CHUNK_SHIFT = 12;
  static final int CHUNK_NODES = 1 << CHUNK_SHIFT;
  private static final int CHUNK_MASK = CHUNK_NODES - 1;

  /** Storage of {@value #CHUNK_NODES} consecutive nodes. */
  private static final class Chunk {
    final byte[] levels = new byte[CHUNK_NODES];
    final int[] links0;
    final float[] scores0;
    final int[][] upperLinks = new int[CHUNK_NODES][];
    final float[][] upperScores = new float[CHUNK_NODES][];

    Chunk(int maxConn0) {
      links0 = new int[CHUNK_NODES * (1 + maxConn0)];
      scores0 = new float[CHUNK_NODES * maxConn0];
    }
  }

  private final int m;
  private final int maxConn0;
  private final int stride0;
  private final int strideUp;
  private final Object[] locks;
  private volatile Chunk[] chunks = new Chunk[0];
  private volatile int size;
  /** {@code (level << 32) | node} of the entry point, or {@link #EMPTY}. */
  private volatile long entry = EMPTY;

  /** An empty graph whose nodes get up to {@code m} links above layer 0 and {@code 2m} on it. */
  OnHeapHnswGraph(int m) {
    this.m = m;
    this.maxConn0 = 2 * m;
    this.stride0 = 1 + maxConn0;
    this.strideUp = 1 + m;
    this.locks = new Object[LOCK_STRIPES];
    for (int i = 0; i < locks.length; i++) locks[i] = new Object();
  }

  /** A graph holding nodes {@code 0..levels.length-1} with the given levels and no links yet. */
  OnHeapHnswGraph(byte[] levels, int m) {
    this(m);
    for (int i = 0; i < levels.length; i++) addNode(i, levels[i]);
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

  @Override public int levelOf(int node) { return chunk(node).levels[node & CHUNK_MASK]; }

  /** M (links per node on upper layers). */
  public int m() { return m; }

  private Chunk chunk(int node) {
    return chunks[node >>> CHUNK_SHIFT];
  }

  /**
   * Adds node {@code node} (which must equal {@link #size()}) living on levels {@code 0..level},
   * without links. One thread at a time; searches may run concurrently.
   */
  void addNode(int node, int level) {
    if (node != size) throw new IllegalArgumentException("nodes are added in order: expected " + size + ", got " + node);
    if (level < 0 || level > Byte.MAX_VALUE) throw new IllegalArgumentException("level of node " + node + " is " + level);
    int c = node >>> CHUNK_SHIFT;
    Chunk[] cs = chunks;
    if (c == cs.length) {
      cs = Arrays.copyOf(cs, c + 1);
      cs[c] = new Chunk(maxConn0);
      chunks = cs;
    }
    Chunk ch = cs[c];
    int i = node & CHUNK_MASK;
    ch.levels[i] = (byte) level;
    if (level > 0) {
      ch.upperLinks[i] = new int[level * strideUp];
      ch.upperScores[i] = new float[level * m];
    }
    size = node + 1; // volatile: publishes the node's storage before its ordinal is used anywhere
  }

  @Override
  public int neighbors(int level, int node, int[] dst) {
    Chunk ch = chunk(node);
    int i = node & CHUNK_MASK;
    if (level == 0) {
      int base = i * stride0;
      int count = (int) INTS.getAcquire(ch.links0, base);
      System.arraycopy(ch.links0, base + 1, dst, 0, count);
      return count;
    }
    int[] rec = ch.upperLinks[i];
    int base = (level - 1) * strideUp;
    int count = (int) INTS.getAcquire(rec, base);
    System.arraycopy(rec, base + 1, dst, 0, count);
    return count;
  }

  /** Approximate heap bytes held by the links (and build-time scores). */
  public long ramBytesUsed() {
    long bytes = 0;
    Chunk[] cs = chunks;
    for (Chunk ch : cs) {
      bytes += 4L * ch.links0.length + 4L * ch.scores0.length + ch.levels.length + 2L * 16 * CHUNK_NODES;
      for (int i = 0; i < CHUNK_NODES; i++) {
        if (ch.upperLinks[i] != null) bytes += 4L * ch.upperLinks[i].length + 4L * ch.upperScores[i].length;
      }
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
    Chunk ch = chunk(node);
    int i = node & CHUNK_MASK;
    if (level == 0) {
      int base = i * stride0;
      int count = ch.links0[base];
      System.arraycopy(ch.links0, base + 1, ids, 0, count);
      System.arraycopy(ch.scores0, i * maxConn0, scores, 0, count);
      return count;
    }
    int[] rec = ch.upperLinks[i];
    int base = (level - 1) * strideUp;
    int count = rec[base];
    System.arraycopy(rec, base + 1, ids, 0, count);
    System.arraycopy(ch.upperScores[i], (level - 1) * m, scores, 0, count);
    return count;
  }

  /** Appends one link; caller holds {@link #lockFor} and has checked there is room. */
  void append(int level, int node, int id, float score) {
    Chunk ch = chunk(node);
    int i = node & CHUNK_MASK;
    int[] rec = level == 0 ? ch.links0 : ch.upperLinks[i];
    int base = level == 0 ? i * stride0 : (level - 1) * strideUp;
    float[] sc = level == 0 ? ch.scores0 : ch.upperScores[i];
    int scBase = level == 0 ? i * maxConn0 : (level - 1) * m;
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
    Chunk ch = chunk(node);
    int i = node & CHUNK_MASK;
    int[] rec = level == 0 ? ch.links0 : ch.upperLinks[i];
    int base = level == 0 ? i * stride0 : (level - 1) * strideUp;
    float[] sc = level == 0 ? ch.scores0 : ch.upperScores[i];
    int scBase = level == 0 ? i * maxConn0 : (level - 1) * m;
    // Shrink the visible count first so a concurrent reader never reads past what is being rewritten.
    int old = rec[base];
    if (count < old) INTS.setRelease(rec, base, count);
    System.arraycopy(ids, 0, rec, base + 1, count);
    System.arraycopy(scores, 0, sc, scBase, count);
    INTS.setRelease(rec, base, count);
  }
}
