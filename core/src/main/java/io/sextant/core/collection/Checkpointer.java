package io.sextant.core.collection;

import io.sextant.core.segment.Tombstones;
import io.sextant.core.store.FileStamp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes checkpoints one at a time: the plan captured by {@link CollectionState#planCheckpoint()},
 * then the changed tombstone generations, then the manifest (atomically), and only once that is
 * durable deletes what it made obsolete. Flushes, merges, recovery and close all checkpoint
 * through here.
 */
final class Checkpointer {
  private final CollectionState state;
  private final ReentrantLock lock = new ReentrantLock();

  Checkpointer(CollectionState state) {
    this.state = state;
  }

  void checkpoint() throws IOException {
    lock.lock();
    try {
      CollectionState.CheckpointPlan plan = state.planCheckpoint();
      Path dir = state.dir;
      List<FileStamp> written = new ArrayList<>();
      Path manifest = dir.resolve(Manifest.fileName(plan.manifest().generation()));
      try {
        for (CollectionState.TombstoneWrite w : plan.tombstones()) {
          written.add(Tombstones.write(dir, w.segment().name(), plan.manifest().generation(), w.segment().docCount(),
              w.deleted()));
        }
        plan.manifest().write(dir);
      } catch (IOException | RuntimeException e) {
        // Once renamed into place the manifest may be the live one (only the folder fsync failed):
        // then its tombstones must stay, and nothing older may go until a later checkpoint succeeds.
        if (!Files.exists(manifest)) {
          for (FileStamp f : written) CollectionFolder.delete(dir.resolve(f.name()));
        }
        throw e;
      }
      for (String f : state.checkpointWritten(plan)) CollectionFolder.delete(dir.resolve(f));
    } finally {
      lock.unlock();
    }
  }

  /** Runs {@code action} while no checkpoint writes or deletes files. */
  <T> T exclusive(Callable<T> action) throws Exception {
    lock.lock();
    try {
      return action.call();
    } finally {
      lock.unlock();
    }
  }
}
