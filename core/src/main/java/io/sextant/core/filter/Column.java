package io.sextant.core.filter;

import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

/** One field of a segment's attribute index. */
sealed interface Column permits KeywordColumn, NumericColumn, BooleanColumn {
  /** The documents that have a value for the field. */
  ImmutableRoaringBitmap exists();
}
