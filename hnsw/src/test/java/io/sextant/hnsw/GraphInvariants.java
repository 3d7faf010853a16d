package io.sextant.hnsw;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.BitSet;

/** Structural checks every valid HNSW graph passes, and a structural equality for determinism tests. */
final class GraphInvariants {
  private GraphInvariants() {}

  /** Links in range, no self links, no duplicates, degree bounds, levels nested, all nodes reachable. */
  static void check(HnswGraph g) {
    int n = g.size();
    int[] buf = new int[g.maxConn(0)];
    int top = g.maxLevel();
    if (n == 0) {
      assertThat(top).isEqualTo(-1);
      return;
    }
    assertThat(g.levelOf(g.entryPoint())).isEqualTo(top);
    for (int node = 0; node < n; node++) {
      assertThat(g.levelOf(node)).isLessThanOrEqualTo(top);
      for (int level = 0; level <= g.levelOf(node); level++) {
        int c = g.neighbors(level, node, buf);
        assertThat(c).as("degree of %d on level %d", node, level).isBetween(0, g.maxConn(level));
        BitSet seen = new BitSet();
        for (int i = 0; i < c; i++) {
          int nb = buf[i];
          assertThat(nb).as("link of %d on level %d", node, level).isBetween(0, n - 1).isNotEqualTo(node);
          assertThat(g.levelOf(nb)).as("level of %d linked from %d on level %d", nb, node, level)
              .isGreaterThanOrEqualTo(level);
          assertThat(seen.get(nb)).as("duplicate link %d of %d on level %d", nb, node, level).isFalse();
          seen.set(nb);
        }
      }
    }
    // Every node is reachable on layer 0 from the entry point: otherwise some vectors can never be found.
    BitSet reached = new BitSet(n);
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    queue.add(g.entryPoint());
    reached.set(g.entryPoint());
    while (!queue.isEmpty()) {
      int c = g.neighbors(0, queue.poll(), buf);
      for (int i = 0; i < c; i++) {
        if (!reached.get(buf[i])) {
          reached.set(buf[i]);
          queue.add(buf[i]);
        }
      }
    }
    assertThat(reached.cardinality()).as("nodes reachable from the entry point on layer 0").isEqualTo(n);
  }

  /** Same nodes, levels, entry point and link lists (in order) on every level. */
  static void assertSameStructure(HnswGraph a, HnswGraph b) {
    assertThat(b.size()).isEqualTo(a.size());
    assertThat(b.maxLevel()).isEqualTo(a.maxLevel());
    assertThat(b.entryPoint()).isEqualTo(a.entryPoint());
    int[] x = new int[a.maxConn(0)], y = new int[b.maxConn(0)];
    for (int node = 0; node < a.size(); node++) {
      assertThat(b.levelOf(node)).isEqualTo(a.levelOf(node));
      for (int level = 0; level <= a.levelOf(node); level++) {
        int ca = a.neighbors(level, node, x);
        int cb = b.neighbors(level, node, y);
        assertThat(java.util.Arrays.copyOf(y, cb)).as("links of %d on level %d", node, level)
            .containsExactly(java.util.Arrays.copyOf(x, ca));
      }
    }
  }

  /** Number of (level, node, link) triples that differ; 0 for identical graphs. */
  static long differingLinks(HnswGraph a, HnswGraph b) {
    long diff = 0;
    int[] x = new int[a.maxConn(0)], y = new int[b.maxConn(0)];
    for (int node = 0; node < a.size(); node++) {
      int c = a.neighbors(0, node, x);
      int d = b.neighbors(0, node, y);
      BitSet s = new BitSet();
      for (int i = 0; i < d; i++) s.set(y[i]);
      for (int i = 0; i < c; i++) if (!s.get(x[i])) diff++;
    }
    return diff;
  }
}
