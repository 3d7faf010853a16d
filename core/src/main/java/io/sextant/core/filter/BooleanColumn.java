package io.sextant.core.filter;

import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

/** A boolean field as two bitmaps, read in place. */
final class BooleanColumn implements Column {
  private final ImmutableRoaringBitmap exists;
  private final ImmutableRoaringBitmap falses;
  private final ImmutableRoaringBitmap trues;

  BooleanColumn(IndexBytes bytes, String field, long start, long end) {
    String p = "boolean field '" + field + "'";
    exists = bytes.bitmapAt(start, p + " exists bitmap");
    long pos = IndexBytes.align8(start + 4 + bytes.getInt(start, p));
    falses = bytes.bitmapAt(pos, p + " false bitmap");
    pos = IndexBytes.align8(pos + 4 + bytes.getInt(pos, p));
    trues = bytes.bitmapAt(pos, p + " true bitmap");
    if (!(IndexBytes.align8(pos + 4 + bytes.getInt(pos, p)) <= end)) throw bytes.corrupt(pos, p + " overruns its block");
  }

  @Override
  public ImmutableRoaringBitmap exists() {
    return exists;
  }

  ImmutableRoaringBitmap docs(boolean value) {
    return value ? trues : falses;
  }
}
