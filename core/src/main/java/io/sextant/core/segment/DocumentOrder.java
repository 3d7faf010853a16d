package io.sextant.core.segment;

import io.sextant.core.data.VectorBlock;
import io.sextant.core.index.IndexSpec;
import io.sextant.core.index.IndexType;
import io.sextant.core.store.BytesOutput;
import io.sextant.core.store.ChecksummedOutput;
import io.sextant.core.text.TextAnalyzer;
import io.sextant.core.vector.FloatVectors;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * The order a new segment's documents are written in, when the index type asks for one
 * ({@link IndexType#ordersDocuments}): the flush or merge computes it over a copy of the vectors,
 * writes the segment from {@link #reordered} and renumbers its own ordinal maps ({@link #apply}),
 * so deletes that race the write and a merge's reused structures land on the right documents.
 */
public final class DocumentOrder {
  private DocumentOrder() {}

  /**
   * The type's order for {@code source} (element {@code i}: the source ordinal written as
   * {@code i}), or null to write the source as it is.
   *
   * @throws IllegalStateException when the type returns something other than a permutation
   */
  public static int[] of(IndexType type, IndexSpec spec, SegmentSource source) throws IOException {
    int n = source.size();
    if (n < 2 || !type.ordersDocuments(spec)) return null;
    int[] order;
    // A copy even where the source is mapped: a merge's vectors are spread over several segments.
    try (VectorBlock block = VectorBlock.allocate(n, spec.dimension())) {
      FloatVectors v = block.vectors();
      MemorySegment data = v.data();
      for (int i = 0; i < n; i++) source.copyVector(i, data, v.offset(i));
      order = type.documentOrder(spec, v);
    }
    check(type, order, n);
    return order;
  }

  private static void check(IndexType type, int[] order, int n) {
    if (order == null || order.length != n) {
      throw new IllegalStateException("index type '" + type.name() + "' ordered " + (order == null ? "no" : order.length)
          + " documents of " + n);
    }
    boolean[] seen = new boolean[n];
    for (int i = 0; i < n; i++) {
      int o = order[i];
      if (o < 0 || o >= n || seen[o]) {
        throw new IllegalStateException("index type '" + type.name() + "' returned an order that is not a permutation: "
            + "position " + i + " holds " + o);
      }
      seen[o] = true;
    }
  }

  /** {@code source} with document {@code i} being its document {@code order[i]}. */
  public static SegmentSource reordered(SegmentSource source, int[] order) {
    return new Reordered(source, order);
  }

  /**
   * What a flush or merge writes: {@code source} as it is when the type keeps the arrival order,
   * else {@link #reordered} by the type's order, with every map in {@code maps} (values: source
   * ordinals, -1 for none) rewritten in place to the new ordinals, so that deletes racing the write
   * and a merge's inputs follow the renumbering.
   */
  public static SegmentSource apply(IndexType type, IndexSpec spec, SegmentSource source, List<int[]> maps)
      throws IOException {
    int[] order = of(type, spec, source);
    if (order == null) return source;
    renumber(order, maps);
    return reordered(source, order);
  }

  /** Rewrites, in place, maps whose values are source ordinals (-1: none) to positions under {@code order}. */
  public static void renumber(int[] order, List<int[]> maps) {
    int[] position = new int[order.length];
    for (int i = 0; i < order.length; i++) position[order[i]] = i;
    for (int[] map : maps) {
      for (int i = 0; i < map.length; i++) if (map[i] >= 0) map[i] = position[map[i]];
    }
  }

  private record Reordered(SegmentSource source, int[] order) implements SegmentSource {
    @Override public int size() { return order.length; }

    @Override public void writeVector(int i, ChecksummedOutput out) throws IOException {
      source.writeVector(order[i], out);
    }

    @Override public void copyVector(int i, MemorySegment dst, long offset) throws IOException {
      source.copyVector(order[i], dst, offset);
    }

    @Override public byte[] id(int i) throws IOException { return source.id(order[i]); }

    @Override public void writeStoredFields(int i, BytesOutput out) throws IOException {
      source.writeStoredFields(order[i], out);
    }

    @Override public TextAnalyzer textAnalyzer() { return source.textAnalyzer(); }
  }
}
