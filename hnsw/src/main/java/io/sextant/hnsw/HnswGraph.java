package io.sextant.hnsw;

/**
 * Read access to an HNSW graph's links: the one thing the searcher needs. Implemented by the
 * graph being built in memory ({@link OnHeapHnswGraph}) and by a graph read in place from a
 * mapped file ({@link MappedHnswGraph}), so the same search code runs over both.
 *
 * <p>Nodes are the ordinals {@code 0..size()-1} of the vectors the graph was built over. Level 0
 * holds every node; level {@code l} holds the nodes whose drawn level is at least {@code l}.
 */
public interface HnswGraph {

  /** Number of nodes. */
  int size();

  /** Highest level that has a node, or -1 for an empty graph. */
  int maxLevel();

  /** The node searches start from (it lives on {@link #maxLevel()}), or -1 for an empty graph. */
  int entryPoint();

  /** Maximum links per node on {@code level}. */
  int maxConn(int level);

  /** The highest level {@code node} lives on. */
  int levelOf(int node);

  /**
   * Copies the neighbours of {@code node} on {@code level} into {@code dst} (which must hold at
   * least {@link #maxConn(int) maxConn(level)} ints) and returns how many there are.
   * {@code node} must live on {@code level}.
   */
  int neighbors(int level, int node, int[] dst);
}
