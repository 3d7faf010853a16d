package io.sextant.core.flat;

import io.sextant.core.search.TopK;
import io.sextant.core.search.TopK.ScoredOrds;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Kernels;
import io.sextant.core.vector.Similarity;
import io.sextant.core.vector.VectorChecks;
import io.sextant.core.vector.VectorKernels;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.roaringbitmap.PeekableIntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * Exact nearest-neighbour search: every vector is scored against the query, in place in its
 * {@link FloatVectors} memory (heap, off-heap or mapped), and the best {@code k} are kept in a
 * bounded heap. The reference every approximate index is measured against.
 *
 * <p>Results are {@link ScoredOrds}: ordinals best first with their public scores
 * ({@link Similarity#toScore}, higher is better). Equal scores rank the smaller ordinal first.
 * When {@code k} exceeds the number of candidates, all candidates are returned.
 *
 * <p>An optional accept filter limits the candidates to the ordinals it contains (ordinals at or
 * beyond {@link #size()} are ignored); {@code null} accepts everything. A sparse filter is
 * iterated directly instead of scanning all vectors.
 *
 * <p>Thread-safe: searches share nothing mutable.
 */
public final class FlatIndex {
  /** Vectors scored per kernel call; big enough to amortize the call, small enough for L1/L2. */
  private static final int BLOCK = 128;
  /** Queries that scan the data together, so each block of vectors is read from memory once for all of them. */
  private static final int QUERY_GROUP = 8;
  /** A filter accepting fewer than 1/SPARSE of the vectors is iterated instead of scanned. */
  private static final int SPARSE = 4;

  private final FloatVectors vectors;
  private final Similarity similarity;
  private final VectorKernels kernels;

  /** An index over {@code vectors} using the JVM's default kernels ({@link Kernels#get()}). */
  public FlatIndex(FloatVectors vectors, Similarity similarity) {
    this(vectors, similarity, Kernels.get());
  }

  public FlatIndex(FloatVectors vectors, Similarity similarity, VectorKernels kernels) {
    if (vectors == null || similarity == null || kernels == null) {
      throw new IllegalArgumentException("vectors, similarity and kernels must not be null");
    }
    this.vectors = vectors;
    this.similarity = similarity;
    this.kernels = kernels;
  }

  public int size() {
    return vectors.size();
  }

  public int dimension() {
    return vectors.dimension();
  }

  public Similarity similarity() {
    return similarity;
  }

  /** The {@code k} vectors most similar to {@code query}. */
  public ScoredOrds search(float[] query, int k) {
    return search(query, k, null);
  }

  /** The {@code k} vectors most similar to {@code query} among those {@code accept} contains ({@code null}: all). */
  public ScoredOrds search(float[] query, int k, RoaringBitmap accept) {
    requireK(k);
    VectorChecks.requireValid(query, dimension(), similarity, "query");
    return searchGroup(new float[][] {query}, k, accept)[0];
  }

  /**
   * Searches every query of {@code queries} on {@code threads} threads; result {@code i} answers
   * query {@code i}. Queries are validated before any search starts.
   */
  public ScoredOrds[] search(float[][] queries, int k, RoaringBitmap accept, int threads) {
    requireK(k);
    if (threads <= 0) throw new IllegalArgumentException("threads must be positive, got " + threads);
    for (int i = 0; i < queries.length; i++) {
      VectorChecks.requireValid(queries[i], dimension(), similarity, "query " + i);
    }
    ScoredOrds[] out = new ScoredOrds[queries.length];
    int groups = (queries.length + QUERY_GROUP - 1) / QUERY_GROUP;
    AtomicInteger next = new AtomicInteger();
    Runnable worker = () -> {
      for (int g; (g = next.getAndIncrement()) < groups; ) {
        int from = g * QUERY_GROUP;
        int to = Math.min(queries.length, from + QUERY_GROUP);
        float[][] group = java.util.Arrays.copyOfRange(queries, from, to);
        System.arraycopy(searchGroup(group, k, accept), 0, out, from, to - from);
      }
    };
    int n = Math.min(threads, groups);
    if (n <= 1) {
      worker.run();
      return out;
    }
    ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
      Thread t = new Thread(r, "sextant-flat-search");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int i = 0; i < n; i++) fs.add(pool.submit(worker));
      for (Future<?> f : fs) f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during batch search", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) throw re;
      if (e.getCause() instanceof Error err) throw err;
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return out;
  }

  /** Search with a whole {@link FloatVectors} of queries. */
  public ScoredOrds[] search(FloatVectors queries, int k, RoaringBitmap accept, int threads) {
    float[][] qs = new float[queries.size()][];
    for (int i = 0; i < qs.length; i++) qs[i] = queries.get(i);
    return search(qs, k, accept, threads);
  }

  private ScoredOrds[] searchGroup(float[][] queries, int k, RoaringBitmap accept) {
    int n = vectors.size();
    TopK[] tops = new TopK[queries.length];
    for (int i = 0; i < tops.length; i++) tops[i] = new TopK(k);
    if (accept != null && accept.rangeCardinality(0, n) * (long) SPARSE < n) {
      for (int i = 0; i < queries.length; i++) scanAccepted(queries[i], accept, tops[i]);
    } else {
      scanAll(queries, accept, tops);
    }
    ScoredOrds[] out = new ScoredOrds[tops.length];
    for (int i = 0; i < tops.length; i++) {
      ScoredOrds best = tops[i].drainBestFirst();
      float[] s = best.scores();
      for (int j = 0; j < s.length; j++) s[j] = similarity.toScore(s[j]);
      out[i] = best;
    }
    return out;
  }

  private void scanAll(float[][] queries, RoaringBitmap accept, TopK[] tops) {
    int n = vectors.size();
    float[] raw = new float[BLOCK];
    for (int start = 0; start < n; start += BLOCK) {
      int count = Math.min(BLOCK, n - start);
      long offset = vectors.offset(start);
      for (int q = 0; q < queries.length; q++) {
        kernels.rawScores(similarity, queries[q], vectors.data(), offset, count, raw);
        TopK top = tops[q];
        float min = top.minScore();
        for (int i = 0; i < count; i++) {
          // Strictly greater once full: ordinals ascend, so an equal score never displaces a kept one.
          if ((raw[i] > min || !top.isFull()) && (accept == null || accept.contains(start + i))
              && top.offer(start + i, raw[i])) {
            min = top.minScore();
          }
        }
      }
    }
  }

  private void scanAccepted(float[] query, RoaringBitmap accept, TopK top) {
    int n = vectors.size();
    PeekableIntIterator it = accept.getIntIterator();
    while (it.hasNext()) {
      int ord = it.next();
      if (ord < 0 || ord >= n) break; // unsigned order: ordinals >= n and "negative" ones come last
      top.offer(ord, vectors.raw(kernels, similarity, query, ord));
    }
  }

  private static void requireK(int k) {
    if (k <= 0) throw new IllegalArgumentException("k must be positive, got " + k);
  }
}
