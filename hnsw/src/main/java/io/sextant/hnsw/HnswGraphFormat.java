package io.sextant.hnsw;

import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The on-disk layout of an HNSW graph, little endian throughout, offsets relative to the start
 * of the graph (which a segment file places at a 64-byte boundary):
 *
 * <pre>
 * header   64 bytes
 *   0  8  magic "SXHNSW\0\1"
 *   8  4  format version (1)
 *  12  4  node count n
 *  16  4  M (links per node above layer 0)
 *  20  4  maxConn0 (links per node on layer 0)
 *  24  4  top level (-1 when empty)
 *  28  4  entry point (-1 when empty)
 *  32  8  offset of the level-0 records
 *  40  8  offset of the node levels
 *  48  8  offset of the upper-level directory
 *  56  8  total byte length of the graph, footer included
 * level 0   n records of (1 + maxConn0) ints: count, then ids (unused slots are 0)
 * levels    n bytes: the top level of each node, padded to 8 bytes
 * directory for each level 1..top: count (4), pad (4), offset of its sorted node list (8),
 *           offset of its records (8)
 * per level sorted node ids (count ints, padded to 8 bytes), then count records of (1 + M) ints
 * footer    8 bytes: CRC32C of every byte before it (4), footer magic "SXHE" (4)
 * </pre>
 *
 * Fixed-size records make a node's links one multiply away, with no offset table to read first.
 */
final class HnswGraphFormat {
  private HnswGraphFormat() {}

  static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  /** "SXHNSW", 0, 1 read as a little-endian long. */
  static final long MAGIC = 0x0100_5753_4E48_5853L;
  static final int FOOTER_MAGIC = 0x4548_5853; // "SXHE"
  static final int VERSION = 1;
  static final int HEADER_BYTES = 64;
  static final int FOOTER_BYTES = 8;
  static final int DIRECTORY_ENTRY_BYTES = 24;
  static final int MAX_LEVEL = 30;

  static final int OFF_MAGIC = 0;
  static final int OFF_VERSION = 8;
  static final int OFF_SIZE = 12;
  static final int OFF_M = 16;
  static final int OFF_MAXCONN0 = 20;
  static final int OFF_TOP_LEVEL = 24;
  static final int OFF_ENTRY = 28;
  static final int OFF_LEVEL0 = 32;
  static final int OFF_LEVELS = 40;
  static final int OFF_DIRECTORY = 48;
  static final int OFF_LENGTH = 56;

  static long pad8(long x) { return (x + 7) & ~7L; }
}
