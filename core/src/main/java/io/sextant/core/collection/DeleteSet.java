package io.sextant.core.collection;

import org.roaringbitmap.RoaringBitmap;

/**
 * Deleted ordinals of one segment or buffer, copy-on-write: {@link #freeze()} hands out the
 * current bitmap for snapshots to read, and the next {@link #add} copies it first, so a frozen
 * bitmap is never modified. Mutated only under the collection's writer lock.
 */
final class DeleteSet {
  /** Null until needed: a clean open then does not initialise RoaringBitmap (a large class to load and verify). */
  private RoaringBitmap bits;
  private boolean shared;

  DeleteSet() {
    this(null);
  }

  DeleteSet(RoaringBitmap initial) {
    this.bits = initial;
  }

  boolean contains(int ord) {
    return bits != null && bits.contains(ord);
  }

  /** Marks {@code ord} deleted; false when it already was. */
  boolean add(int ord) {
    if (bits == null) bits = new RoaringBitmap();
    if (bits.contains(ord)) return false;
    if (shared) {
      bits = bits.clone();
      shared = false;
    }
    bits.add(ord);
    return true;
  }

  int cardinality() {
    return bits == null ? 0 : bits.getCardinality();
  }

  /** The current deletes, never to be modified again (by anyone). */
  RoaringBitmap freeze() {
    if (bits == null) bits = new RoaringBitmap();
    shared = true;
    return bits;
  }
}
