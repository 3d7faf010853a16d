package io.sextant.core.collection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses merges, Lucene-style in spirit: segments are grouped in tiers of live size growing by
 * a factor {@code segmentsPerTier} from {@code floorSegmentDocs}; a tier that holds
 * {@code segmentsPerTier} segments or more has its smallest ones merged (at most
 * {@code maxMergeAtOnce}, at most {@code maxMergedSegmentDocs} live documents). A segment whose
 * share of deleted documents exceeds {@code deletesPctAllowed} is rewritten without them first.
 */
final class TieredMergePolicy implements MergeSelector {
  private final CollectionOptions options;

  TieredMergePolicy(CollectionOptions options) {
    this.options = options;
  }


  private static double pctDeleted(MergeSelector.Sizes s) {
    return 100.0 * (s.docCount() - s.liveCount()) / s.docCount();
  }

  /** Indices (into {@code segments}) of the next merge, or an empty list. */
  @Override
  public List<Integer> select(List<MergeSelector.Sizes> segments) {
    // Deletes first: segments mostly made of tombstones waste scans and disk. Those over the
    // threshold are rewritten together (worst first), so many small ones cost one merge.
    List<Integer> deleted = new ArrayList<>();
    for (int i = 0; i < segments.size(); i++) {
      MergeSelector.Sizes s = segments.get(i);
      if (s.docCount() > 0 && (s.liveCount() == 0 || pctDeleted(s) > options.deletesPctAllowed())) deleted.add(i);
    }
    if (!deleted.isEmpty()) {
      deleted.sort(Comparator.comparingDouble((Integer i) -> -pctDeleted(segments.get(i))).thenComparing(i -> i));
      List<Integer> pick = new ArrayList<>();
      long live = 0;
      for (int i : deleted) {
        int l = segments.get(i).liveCount();
        if (!pick.isEmpty() && (pick.size() == options.maxMergeAtOnce() || live + l > options.maxMergedSegmentDocs())) break;
        pick.add(i);
        live += l;
      }
      return pick;
    }

    int floor = options.floorSegmentDocs();
    double logTier = Math.log(options.segmentsPerTier());
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < segments.size(); i++) order.add(i);
    order.sort(Comparator.comparingInt((Integer i) -> segments.get(i).liveCount()).thenComparing(i -> i));
    int maxTier = 0;
    int[] tier = new int[segments.size()];
    for (int i = 0; i < segments.size(); i++) {
      double size = Math.max(segments.get(i).liveCount(), floor);
      tier[i] = (int) Math.floor(Math.log(size / floor) / logTier + 1e-9);
      maxTier = Math.max(maxTier, tier[i]);
    }
    for (int t = 0; t <= maxTier; t++) {
      List<Integer> members = new ArrayList<>();
      for (int i : order) if (tier[i] == t) members.add(i);
      if (members.size() < options.segmentsPerTier()) continue;
      List<Integer> pick = new ArrayList<>();
      long live = 0;
      for (int i : members) {
        int l = segments.get(i).liveCount();
        if (pick.size() == options.maxMergeAtOnce() || live + l > options.maxMergedSegmentDocs()) break;
        pick.add(i);
        live += l;
      }
      if (pick.size() >= 2) return pick;
    }
    return List.of();
  }
}
