package io.sextant.core.collection;

import io.sextant.core.internal.LazyLogger;
import io.sextant.core.segment.SegmentReader;
import io.sextant.core.segment.DocumentOrder;
import io.sextant.core.segment.SegmentSource;
import io.sextant.core.segment.SegmentWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import io.sextant.core.index.MergeInput;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the merges {@link TieredMergePolicy} asks for, one at a time on a background thread.
 * A merge reads snapshots of its sources (searches go on against them), writes the merged
 * segment without the documents deleted when it started, and swaps it in under the writer lock,
 * carrying over deletes that arrived meanwhile. Closing aborts a running merge.
 */
final class Merger {
  private static final System.Logger LOG = LazyLogger.of(Merger.class);

  private final CollectionState state;
  private final ExecutorService executor;
  private final TieredMergePolicy policy;
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private volatile boolean aborted;
  private final java.util.concurrent.atomic.AtomicLong completed = new java.util.concurrent.atomic.AtomicLong();

  Merger(CollectionState state, ExecutorService executor) {
    this.state = state;
    this.executor = executor;
    this.policy = new TieredMergePolicy(state.options);
  }

  /** Schedules a look at the segments (coalesced); no-op when background merges are off. */
  void maybeMerge() {
    if (!state.options.backgroundMerges() || aborted) return;
    if (scheduled.compareAndSet(false, true)) {
      try {
        executor.execute(() -> {
          scheduled.set(false);
          runMerges(policy);
        });
      } catch (RejectedExecutionException e) {
        scheduled.set(false);
      }
    }
  }

  /** Makes running and future merges stop. */
  void abort() {
    aborted = true;
  }

  private void runMerges(MergeSelector p) {
    while (!aborted) {
      try {
        if (!mergeOnce(p)) return;
      } catch (MergeSource.MergeAbortedException e) {
        return;
      } catch (IOException | RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "merge in " + state.dir + " failed; the source segments stay as they are", e);
        return;
      }
    }
  }

  /** Merges until at most {@code maxSegments} segments remain (and deleted documents are dropped). */
  void forceMerge(int maxSegments) throws IOException {
    if (maxSegments < 1) throw new IllegalArgumentException("maxSegments must be at least 1, got " + maxSegments);
    MergeSelector force = segments -> {
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < segments.size(); i++) order.add(i);
      if (segments.size() > maxSegments) {
        order.sort(java.util.Comparator.comparingInt(i -> segments.get(i).liveCount()));
        return List.copyOf(order.subList(0, segments.size() - maxSegments + 1));
      }
      // Few enough segments: rewrite those that still carry deletes.
      return order.stream().filter(i -> segments.get(i).liveCount() < segments.get(i).docCount()).toList();
    };
    java.util.concurrent.Future<?> f;
    try {
      f = executor.submit(() -> {
        while (!aborted && mergeOnce(force)) { /* next */ }
        return null;
      });
    } catch (RejectedExecutionException e) {
      throw new IllegalStateException("collection " + state.dir + " is closed", e);
    }
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted during forceMerge");
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof IOException io) throw io;
      if (e.getCause() instanceof RuntimeException re) throw re;
      throw new IOException(e.getCause());
    }
  }

  private boolean mergeOnce(MergeSelector p) throws IOException {
    List<CollectionState.MergeCandidate> candidates = state.mergeCandidates();
    List<MergeSelector.Sizes> sizes = candidates.stream()
        .map(c -> new MergeSelector.Sizes(c.docCount(), c.liveCount())).toList();
    List<Integer> pick = p.select(sizes);
    if (pick.isEmpty()) return false;
    List<LiveSegment> sources = new ArrayList<>();
    for (int i : pick) sources.add(candidates.get(i).segment());
    CollectionState.MergeTask task = state.startMerge(sources);
    if (task == null) return false;
    boolean done = false;
    try {
      List<SegmentReader> readers = new ArrayList<>();
      for (LiveSegment s : task.sources()) {
        s.reader.verifyChecksums(); // never propagate damage into a new segment
        readers.add(s.reader);
      }
      MergeSource source = new MergeSource(readers, task.deletedAtStart(), () -> aborted, state.options.textAnalyzer());
      SegmentReader merged = null;
      if (source.size() > 0) {
        // Renumbers newOrd before the merge inputs below share its maps.
        SegmentSource written = DocumentOrder.apply(state.type, state.spec, source, source.newOrd);
        List<MergeInput> inputs = new ArrayList<>();
        for (int i = 0; i < readers.size(); i++) {
          SegmentReader r = readers.get(i);
          inputs.add(new MergeInput(r.info().indexType(), r.spec(), r.vectors(), r.indexFiles(), source.newOrd.get(i)));
        }
        SegmentWriter.write(state.dir, task.segmentName(), written, state.type, state.spec, inputs);
        merged = SegmentReader.open(state.dir, task.segmentName(), state.options.verifyChecksumsBelowBytes());
      }
      state.completeMerge(task, merged, source.newOrd);
      done = true;
    } finally {
      if (!done) state.abortMerge(task);
      for (LiveSegment s : task.sources()) s.reader.decRef();
    }
    state.checkpoint();
    completed.incrementAndGet();
    return true;
  }

  /** Merges completed since open. */
  long completedMerges() {
    return completed.get();
  }
}
