package io.sextant.core.collection;

/** When {@link Collection#commit()} forces the write-ahead log to disk. */
public enum Durability {
  /**
   * Every {@code commit()} fsyncs the log before returning: an acknowledged commit survives a
   * crash of the process and a power loss. The default.
   */
  SYNC_ON_COMMIT,
  /**
   * {@code commit()} hands the log to the operating system and a background task fsyncs it every
   * {@link CollectionOptions#batchedSyncInterval()}. Weaker: an acknowledged commit survives a
   * crash of the process but a power loss may lose up to one interval of commits (never
   * half of one: a replayed log stops at the last intact record).
   */
  BATCHED
}
