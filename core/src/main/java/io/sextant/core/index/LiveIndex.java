package io.sextant.core.index;

/**
 * The index of the in-memory write buffer: vectors are appended to its {@link LiveVectors} and
 * announced with {@link #add(int)}, and are searchable as soon as {@code add} returns.
 *
 * <p>Concurrency contract: {@link #add(int)} is called by one thread at a time, in ordinal order;
 * {@link #search} is called by any number of threads concurrently with {@code add}. A search
 * always receives a non-null accept bitmap that only holds ordinals whose {@code add} has
 * returned, so an index may traverse newer ordinals (a graph being linked) but must only return
 * accepted ones.
 */
public interface LiveIndex extends VectorSearcher {
  /** Indexes the vector just appended at {@code ord} (equal to the previous ord + 1). */
  void add(int ord);
}
