package io.sextant.core.collection;

import io.sextant.core.internal.LazyLogger;
import io.sextant.core.segment.SegmentReader;
import io.sextant.core.segment.DocumentOrder;
import io.sextant.core.segment.SegmentSource;
import io.sextant.core.segment.SegmentWriter;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns frozen write buffers into segments, oldest first, on one background thread, then writes
 * a checkpoint. A failure (disk full) leaves the buffer in memory and in the log, is logged, and
 * is reported by the next explicit {@link #flushNow()}; the next freeze retries.
 */
final class Flusher {
  private static final System.Logger LOG = LazyLogger.of(Flusher.class);

  private final CollectionState state;
  private final ExecutorService executor;
  private final Runnable afterFlush;
  private final AtomicBoolean scheduled = new AtomicBoolean();

  Flusher(CollectionState state, ExecutorService executor, Runnable afterFlush) {
    this.state = state;
    this.executor = executor;
    this.afterFlush = afterFlush;
  }

  /** Schedules a background pass over the frozen buffers (coalesced). */
  void schedule() {
    if (scheduled.compareAndSet(false, true)) {
      try {
        executor.execute(() -> {
          scheduled.set(false);
          try {
            flushPending();
          } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "background flush of " + state.dir + " failed; the data stays in "
                + "memory and in the log, and the flush is retried", e);
          }
        });
      } catch (java.util.concurrent.RejectedExecutionException e) {
        scheduled.set(false); // closing
      }
    }
  }

  /** Flushes every frozen buffer now, on the flush thread, and writes a checkpoint; rethrows failures. */
  void flushNow() throws IOException {
    Future<?> f;
    try {
      f = executor.submit(() -> {
        flushPending();
        state.checkpoint();
        return null;
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      throw new IllegalStateException("collection " + state.dir + " is closed", e);
    }
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while flushing " + state.dir);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException io) throw io;
      if (c instanceof RuntimeException re) throw re;
      if (c instanceof Error err) throw err;
      throw new IOException(c);
    }
  }

  private void flushPending() throws IOException {
    CollectionState.FlushTask task;
    while ((task = state.nextFlush()) != null) {
      try {
        flushOne(task);
      } catch (IOException | RuntimeException e) {
        state.flushFailed(e instanceof IOException io ? io : new IOException(e));
        throw e;
      }
      afterFlush.run(); // after each segment: under a steady write load this loop may not end for long
    }
  }

  private void flushOne(CollectionState.FlushTask task) throws IOException {
    BufferSource source = new BufferSource(task.buffer(), task.deletedAtStart(), state.options.textAnalyzer());
    SegmentReader reader = null;
    if (source.size() > 0) {
      // newOrd follows the type's document order: deletes racing the flush are carried by it.
      SegmentSource written = DocumentOrder.apply(state.type, state.spec, source, java.util.List.of(source.newOrd));
      SegmentWriter.write(state.dir, task.segmentName(), written, state.type, state.spec);
      try {
        reader = SegmentReader.open(state.dir, task.segmentName(), state.options.verifyChecksumsBelowBytes());
      } catch (IOException | RuntimeException e) {
        deleteSegmentFiles(task.segmentName());
        throw e;
      }
    }
    state.completeFlush(task, reader, source.newOrd);
    state.checkpoint();
  }

  private void deleteSegmentFiles(String segment) {
    try {
      for (String name : CollectionFolder.list(state.dir)) {
        if (segment.equals(CollectionFolder.segmentOf(name))) CollectionFolder.delete(state.dir.resolve(name));
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "could not list " + state.dir, e);
    }
  }
}
