package io.sextant.bench.engine;

import io.sextant.core.collection.Collection;
import io.sextant.core.collection.CollectionOptions;
import io.sextant.core.collection.Hit;
import io.sextant.core.collection.SearchRequest;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The base vectors stored in a {@link Collection} on disk and searched the way a user would: the
 * product path (write-ahead log, segments, index files through the index SPI, memory-mapped
 * reads), rather than an index object over vectors already in memory.
 * <ul>
 *   <li>Document ids are the base ordinals as decimal text; hits are mapped back by parsing.</li>
 *   <li>The build upserts every vector (from {@code threads} threads), commits, force-merges to
 *       one segment (one index structure, like the peers' single graph), closes and reopens, so
 *       queries run on a freshly opened, fully persisted collection.</li>
 *   <li>{@link #indexBytes()} is the size of the collection's files after the reopen: vectors,
 *       index files, stored fields, ids, manifest and log.</li>
 *   <li>The folder is a temporary one, deleted on {@link #close()}.</li>
 * </ul>
 */
final class CollectionIndex implements BuiltIndex {
  private final Path folder;
  private final Collection collection;
  private final long indexBytes;
  private final UnaryOperator<Map<String, Integer>> searchParams;

  private CollectionIndex(Path folder, Collection collection, long indexBytes,
      UnaryOperator<Map<String, Integer>> searchParams) {
    this.folder = folder;
    this.collection = collection;
    this.indexBytes = indexBytes;
    this.searchParams = searchParams;
  }

  /**
   * Builds a collection with index type {@code indexType} (any name the index SPI knows) and
   * build parameters {@code indexParams} over {@code base}.
   */
  static CollectionIndex build(String indexType, Params indexParams, FloatVectors base, Similarity similarity,
      int threads) throws Exception {
    return build(indexType, indexParams.values(), p -> p, base, similarity, threads);
  }

  /**
   * As above with the build parameters as the index type takes them, and {@code searchParams}
   * turning the harness's search values into the request's (e.g. dropping a "0 means default").
   */
  static CollectionIndex build(String indexType, Map<String, ?> indexParams,
      UnaryOperator<Map<String, Integer>> searchParams, FloatVectors base, Similarity similarity, int threads)
      throws Exception {
    Path folder = Files.createTempDirectory("sextant-bench-collection-");
    try {
      CollectionOptions options = CollectionOptions.builder()
          .dimension(base.dimension())
          .similarity(similarity)
          .index(indexType, indexParams)
          .build();
      try (Collection c = Collection.open(folder, options)) {
        upsertAll(c, base, threads);
        c.commit();
        c.forceMerge(1);
      }
      Collection reopened = Collection.open(folder);
      try {
        if (reopened.size() != base.size()) {
          throw new IllegalStateException("collection in " + folder + " holds " + reopened.size()
              + " documents after reopening, expected " + base.size());
        }
        return new CollectionIndex(folder, reopened, reopened.diskBytes(), searchParams);
      } catch (Exception | Error e) {
        reopened.close();
        throw e;
      }
    } catch (Exception | Error e) {
      deleteTree(folder);
      throw e;
    }
  }

  private static void upsertAll(Collection c, FloatVectors base, int threads) throws Exception {
    if (threads <= 1) {
      for (int i = 0; i < base.size(); i++) c.upsert(Integer.toString(i), base.get(i));
      return;
    }
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      Future<?>[] tasks = new Future<?>[threads];
      for (int t = 0; t < threads; t++) {
        int first = t;
        tasks[t] = pool.submit(() -> {
          for (int i = first; i < base.size(); i += threads) c.upsert(Integer.toString(i), base.get(i));
          return null;
        });
      }
      for (Future<?> f : tasks) f.get();
    }
  }

  /** The temporary folder holding the collection (deleted by {@link #close()}). */
  Path folder() {
    return folder;
  }

  @Override public long indexBytes() {
    return indexBytes;
  }

  @Override public QuerySearcher searcher(int k, Params searchParams) {
    Map<String, Integer> params = this.searchParams.apply(searchParams.values());
    return query -> {
      SearchRequest request = SearchRequest.of(query).k(k).includeFields(false);
      if (!params.isEmpty()) request = request.params(params);
      List<Hit> hits = collection.search(request);
      int[] ords = new int[hits.size()];
      for (int i = 0; i < ords.length; i++) ords[i] = Integer.parseInt(hits.get(i).id());
      return ords;
    };
  }

  @Override public QuerySearcher searcher(int k, Params searchParams, org.roaringbitmap.RoaringBitmap accept) {
    throw new UnsupportedOperationException("unsupported param filter for engine sextant with storage=collection "
        + "(the harness's accept-sets are over base ordinals; use storage=memory)");
  }

  @Override public void close() throws IOException {
    try {
      collection.close();
    } finally {
      deleteTree(folder);
    }
  }

  private static void deleteTree(Path folder) throws IOException {
    if (!Files.exists(folder)) return;
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }
}
