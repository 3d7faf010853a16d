package io.sextant.hnsw;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NeighborQueueTest {
  record Entry(int node, float score) {}

  // Higher score first; equal scores: smaller node first.
  static final Comparator<Entry> BEST_FIRST =
      Comparator.comparing(Entry::score, Comparator.reverseOrder()).thenComparingInt(Entry::node);

  @Test
  void packingRoundTripsScoresAndNodesAndSortsLikeTheFloats() {
    float[] scores = {Float.NEGATIVE_INFINITY, -1e30f, -2.5f, -0f, 0f, 1e-40f, 3.25f, Float.MAX_VALUE};
    int[] nodes = {0, 1, 7, 123456, Integer.MAX_VALUE};
    for (float s : scores) {
      for (int n : nodes) {
        long p = NeighborQueue.encode(n, s);
        assertThat(NeighborQueue.decodeNode(p)).isEqualTo(n);
        assertThat(Float.floatToIntBits(NeighborQueue.decodeScore(p))).isEqualTo(Float.floatToIntBits(s));
      }
    }
    for (int i = 1; i < scores.length; i++) {
      assertThat(NeighborQueue.encode(5, scores[i])).isGreaterThanOrEqualTo(NeighborQueue.encode(5, scores[i - 1]));
    }
    assertThat(NeighborQueue.encode(3, 1f)).as("smaller node wins a tie").isGreaterThan(NeighborQueue.encode(4, 1f));
  }

  @Test
  void maxQueuePopsBestFirstLikeASortedList() {
    SplittableRandom r = new SplittableRandom(1);
    NeighborQueue q = new NeighborQueue(4, true);
    List<Entry> ref = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      Entry e = new Entry(r.nextInt(200), (float) r.nextInt(50) - 25);
      q.add(e.node(), e.score());
      ref.add(e);
    }
    ref.sort(BEST_FIRST);
    for (Entry e : ref) {
      long p = q.pop();
      assertThat(new Entry(NeighborQueue.decodeNode(p), NeighborQueue.decodeScore(p))).isEqualTo(e);
    }
    assertThat(q.isEmpty()).isTrue();
  }

  @Test
  void boundedMinQueueKeepsTheBestEntries() {
    SplittableRandom r = new SplittableRandom(2);
    NeighborQueue q = new NeighborQueue(4, false);
    List<Entry> ref = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      Entry e = new Entry(i, (float) r.nextGaussian());
      q.insertWithOverflow(e.node(), e.score(), 37);
      ref.add(e);
    }
    ref.sort(BEST_FIRST);
    List<Entry> kept = new ArrayList<>();
    while (!q.isEmpty()) {
      long p = q.pop();
      kept.add(0, new Entry(NeighborQueue.decodeNode(p), NeighborQueue.decodeScore(p)));
    }
    assertThat(kept).containsExactlyElementsOf(ref.subList(0, 37));
  }

  @Test
  void visitedSetMatchesABitSetAcrossClears() {
    SplittableRandom r = new SplittableRandom(3);
    VisitedSet v = new VisitedSet(100);
    java.util.BitSet ref = new java.util.BitSet();
    for (int round = 0; round < 50; round++) {
      int cap = 100 + round * 97;
      v.ensureCapacity(cap);
      int adds = r.nextInt(cap * 2);
      for (int i = 0; i < adds; i++) {
        int n = r.nextInt(cap);
        assertThat(v.add(n)).isEqualTo(!ref.get(n));
        ref.set(n);
      }
      for (int n = 0; n < cap; n++) assertThat(v.contains(n)).isEqualTo(ref.get(n));
      v.clear();
      ref.clear();
      for (int n = 0; n < cap; n++) assertThat(v.contains(n)).isFalse();
    }
  }
}
