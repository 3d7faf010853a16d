package io.sextant.core.collection;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.core.segment.SegmentRoundTripTestAccess;
import io.sextant.core.vector.Similarity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One writer (upserts, deletes, commits; buffers flushed and segments merged in the background)
 * and four searchers. Every snapshot a searcher takes must be exactly the writer's state after
 * some prefix of its operations, and its search results the exact top k of that state.
 */
class ConcurrencyTest {
  @TempDir Path dir;
  private static final int DIM = 16;
  private static final int IDS = 1500;
  private static final float[] CLOCK_VECTOR = new float[DIM];

  static {
    java.util.Arrays.fill(CLOCK_VECTOR, 0.25f);
  }

  /** Operation j: upsert (version j) or delete of id {@code ids[j]}. */
  private final int[] ids = new int[5_000_000];
  private final boolean[] deletes = new boolean[5_000_000];
  private final AtomicLong published = new AtomicLong(-1);

  @Test
  void shortRun() throws Exception {
    run(4_000);
  }

  @Test
  @Tag("slow")
  void fourSearchersOneWriterAndMergesForOneMinute() throws Exception {
    run(Long.getLong("sextant.concurrency.millis", 60_000));
  }

  static float[] vector(long version) {
    Random r = new Random(version * 31 + 7);
    float[] v = new float[DIM];
    for (int i = 0; i < DIM; i++) v[i] = (float) r.nextGaussian();
    return v;
  }

  private void run(long millis) throws Exception {
    CollectionOptions options = CollectionOptions.builder().dimension(DIM).similarity(Similarity.EUCLIDEAN).index("flat")
        .maxBufferedDocs(300).segmentsPerTier(3).maxMergeAtOnce(3).floorSegmentDocs(50).deletesPctAllowed(15).build();
    ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger checks = new AtomicInteger();
    AtomicInteger searches = new AtomicInteger();
    try (Collection c = Collection.open(dir, options)) {
      Thread writer = new Thread(() -> {
        Random r = new Random(1);
        try {
          for (int j = 0; !stop.get() && j < ids.length; j++) {
            int id = r.nextInt(IDS);
            boolean del = r.nextInt(100) < 25;
            ids[j] = id;
            deletes[j] = del;
            published.set(j); // the op log entry is visible before the operation is
            if (del) c.delete("d" + id);
            else c.upsert("d" + id, vector(j), Map.of("v", (long) j), null);
            c.upsert("clock", CLOCK_VECTOR, Map.of("op", (long) j), null);
            if (j % 200 == 0) c.commit();
          }
        } catch (Throwable t) {
          errors.add(t);
        }
      }, "writer");
      List<Thread> searchers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int seed = t;
        searchers.add(new Thread(() -> {
          Random r = new Random(100 + seed);
          try {
            while (!stop.get()) {
              if (r.nextInt(4) == 0) {
                checkSnapshot(c, r);
                checks.incrementAndGet();
              } else {
                checkPlainSearch(c, r);
              }
              searches.incrementAndGet();
            }
          } catch (Throwable e) {
            errors.add(e);
            stop.set(true);
          }
        }, "searcher-" + t));
      }
      writer.start();
      searchers.forEach(Thread::start);
      long end = System.currentTimeMillis() + millis;
      while (System.currentTimeMillis() < end && errors.isEmpty()) Thread.sleep(50);
      stop.set(true);
      writer.join();
      for (Thread t : searchers) t.join();
      if (!errors.isEmpty()) {
        AssertionError e = new AssertionError("failures during the run: " + errors.size());
        errors.forEach(e::addSuppressed);
        throw e;
      }
      c.check();
      int segments = c.state().inspect(s -> s.segmentsUnsafe().size());
      System.out.println("segments: " + c.state().inspect(s -> s.segmentsUnsafe().toString()));
      System.out.println("concurrency test: " + millis + " ms, " + (published.get() + 1) + " operations, " + searches.get()
          + " searches, " + checks.get() + " snapshot checks, " + c.completedMerges() + " merges, " + segments + " segments at the end");
    }
    assertThat(checks.get()).isPositive();
    assertThat(published.get()).isGreaterThan(100);
  }

  /** Plain search: hits sorted, distinct, and each score right for the version it carries. */
  private void checkPlainSearch(Collection c, Random r) throws IOException {
    float[] q = vector(-1 - r.nextInt(1000));
    List<Hit> hits = c.search(SearchRequest.of(q).k(1 + r.nextInt(20)));
    Set<String> seen = new HashSet<>();
    float prev = Float.POSITIVE_INFINITY;
    for (Hit h : hits) {
      assertThat(seen.add(h.id())).as("duplicate %s", h.id()).isTrue();
      assertThat(h.score()).isLessThanOrEqualTo(prev);
      prev = h.score();
      float[] v = h.id().equals("clock") ? CLOCK_VECTOR : vector((Long) h.attributes().get("v"));
      double ref = SegmentRoundTripTestAccess.refScore(Similarity.EUCLIDEAN, q, v);
      assertThat((double) h.score()).isCloseTo(ref, org.assertj.core.data.Offset.offset(1e-4));
    }
  }

  /** Snapshot: its content is the state after some prefix of operations; its search is exact on it. */
  private void checkSnapshot(Collection c, Random r) throws IOException {
    try (Snapshot s = c.snapshot()) {
      Map<Integer, Long> state = new HashMap<>();
      for (int i = 0; i < IDS; i++) {
        Optional<Document> d = s.get("d" + i);
        if (d.isPresent()) {
          long v = (Long) d.get().attributes().get("v");
          assertThat(d.get().vector()).containsExactly(vector(v));
          state.put(i, v);
        }
      }
      Optional<Document> clock = s.get("clock");
      long k = clock.map(d -> (Long) d.attributes().get("op")).orElse(-1L);
      Map<Integer, Long> model = modelAt(k);
      if (!model.equals(state)) {
        // The next operation may be visible before the clock moves.
        long next = k + 1;
        assertThat(next).as("snapshot state matches no prefix (clock %d)", k).isLessThanOrEqualTo(published.get());
        if (deletes[(int) next]) model.remove(ids[(int) next]);
        else model.put(ids[(int) next], next);
        assertThat(state).as("snapshot state matches no prefix (clock %d)", k).isEqualTo(model);
      }
      assertThat(s.size()).isEqualTo(state.size() + (clock.isPresent() ? 1 : 0));
      float[] q = vector(-1 - r.nextInt(1000));
      int kk = 1 + r.nextInt(20);
      List<Hit> hits = s.search(SearchRequest.of(q).k(kk));
      List<Double> expected = new ArrayList<>();
      for (long v : state.values()) expected.add(SegmentRoundTripTestAccess.refScore(Similarity.EUCLIDEAN, q, vector(v)));
      if (clock.isPresent()) expected.add(SegmentRoundTripTestAccess.refScore(Similarity.EUCLIDEAN, q, CLOCK_VECTOR));
      expected.sort((a, b) -> Double.compare(b, a));
      assertThat(hits).hasSize(Math.min(kk, expected.size()));
      for (int i = 0; i < hits.size(); i++) {
        assertThat((double) hits.get(i).score()).as("rank %d", i).isCloseTo(expected.get(i), org.assertj.core.data.Offset.offset(1e-4));
      }
    }
  }

  private Map<Integer, Long> modelAt(long k) {
    Map<Integer, Long> m = new HashMap<>();
    for (int j = 0; j <= k; j++) {
      if (deletes[j]) m.remove(ids[j]);
      else m.put(ids[j], (long) j);
    }
    return m;
  }
}
