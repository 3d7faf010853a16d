package io.sextant.bench.run;

import io.sextant.bench.engine.BuiltIndex;
import io.sextant.bench.engine.Params;
import io.sextant.bench.engine.QuerySearcher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.roaringbitmap.RoaringBitmap;

/**
 * One {@link QuerySearcher} per query thread, created before timing starts. The query runner
 * starts its own threads for each phase, so searchers cannot be pinned to threads; instead each
 * query takes a free searcher and puts it back (two uncontended CAS operations, the same small
 * cost for every engine). With as many searchers as threads, one is always free.
 */
final class SearcherPool implements AutoCloseable {
  private final List<QuerySearcher> all = new ArrayList<>();
  private final ConcurrentLinkedQueue<QuerySearcher> free = new ConcurrentLinkedQueue<>();

  SearcherPool(BuiltIndex index, int k, Params searchParams, int threads) throws Exception {
    this(index, k, searchParams, threads, null);
  }

  /** Searchers restricted to {@code accept} (null: unfiltered). */
  SearcherPool(BuiltIndex index, int k, Params searchParams, int threads, RoaringBitmap accept) throws Exception {
    try {
      for (int t = 0; t < threads; t++) {
        QuerySearcher s = accept == null ? index.searcher(k, searchParams) : index.searcher(k, searchParams, accept);
        all.add(s);
        free.add(s);
      }
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  int[] search(float[] query) throws Exception {
    QuerySearcher s = free.poll();
    if (s == null) throw new IllegalStateException("more query threads than searchers");
    try {
      return s.search(query);
    } finally {
      free.offer(s);
    }
  }

  @Override public void close() throws Exception {
    Exception first = null;
    for (QuerySearcher s : all) {
      try {
        s.close();
      } catch (Exception e) {
        if (first == null) first = e;
      }
    }
    if (first != null) throw first;
  }
}
