package io.sextant.core.collection;

import java.util.List;

/** Picks the next merge among segments of the given sizes. */
@FunctionalInterface
interface MergeSelector {
  /** Sizes of one segment as a selector sees it. */
  record Sizes(int docCount, int liveCount) {}

  /** Indices (into {@code segments}) of the segments to merge next, or an empty list. */
  List<Integer> select(List<Sizes> segments);
}
