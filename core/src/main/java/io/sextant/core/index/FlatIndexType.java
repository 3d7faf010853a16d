package io.sextant.core.index;

import io.sextant.core.flat.FlatIndex;
import io.sextant.core.search.TopK;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Kernels;
import io.sextant.core.vector.Similarity;
import io.sextant.core.vector.VectorKernels;
import org.roaringbitmap.BatchIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * The exact index: no structure at all, every accepted vector is scored. It writes no files;
 * the segment's vector block is all it needs. Registered as {@code "flat"}.
 *
 * <p>Segments are searched by {@link FlatIndex}; the write buffer, whose vectors live in chunks
 * rather than one {@link FloatVectors}, by a plain scan of its accepted ordinals.
 */
public final class FlatIndexType implements IndexType {
  public static final String NAME = "flat";
  private static final int BLOCK = 256;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public IndexParams configure(IndexParams params, int dimension, Similarity similarity) {
    params.requireOnly(NAME);
    return IndexParams.EMPTY;
  }

  @Override
  public void validateSearchParams(IndexParams searchParams) {
    searchParams.requireOnly(NAME);
  }

  @Override
  public void write(IndexSpec spec, FloatVectors vectors, IndexFiles files) {
    // Nothing beyond the segment's own vector block.
  }

  @Override
  public VectorSearcher open(IndexSpec spec, FloatVectors vectors, IndexFiles files) {
    // Kernels are chosen at the first search, not here: choosing initialises the Vector API (tens
    // of milliseconds in a fresh JVM), which opening a collection should not pay.
    Similarity sim = spec.similarity();
    return new VectorSearcher() {
      private volatile FlatIndex flat;

      @Override
      public TopK.ScoredOrds search(float[] query, int k, IndexParams params, RoaringBitmap accept) {
        FlatIndex f = flat;
        if (f == null) flat = f = new FlatIndex(vectors, sim, Kernels.get());
        return f.search(query, k, accept);
      }
    };
  }

  @Override
  public LiveIndex newLiveIndex(IndexSpec spec, LiveVectors vectors) {
    Similarity sim = spec.similarity();
    return new LiveIndex() {
      @Override
      public void add(int ord) {
        // The vector is already in LiveVectors; a scan needs nothing more.
      }

      @Override
      public TopK.ScoredOrds search(float[] query, int k, IndexParams params, RoaringBitmap accept) {
        if (accept == null) throw new IllegalArgumentException("a live index is searched with an accept bitmap");
        TopK top = new TopK(k);
        VectorKernels kernels = Kernels.get(); // at first use, as in open()
        forEachAccepted(accept, vectors.size(), ord -> top.offer(ord, vectors.raw(kernels, sim, query, ord)));
        return toScores(top, sim);
      }
    };
  }

  private static void forEachAccepted(RoaringBitmap accept, int limit, java.util.function.IntConsumer action) {
    int[] buf = new int[BLOCK];
    BatchIterator it = accept.getBatchIterator();
    while (it.hasNext()) {
      int m = it.nextBatch(buf);
      for (int i = 0; i < m; i++) {
        int ord = buf[i];
        if (ord < 0 || ord >= limit) return; // ordinals come sorted (unsigned); the rest are out of range
        action.accept(ord);
      }
    }
  }

  private static TopK.ScoredOrds toScores(TopK top, Similarity sim) {
    TopK.ScoredOrds r = top.drainBestFirst();
    float[] s = r.scores();
    for (int i = 0; i < s.length; i++) s[i] = sim.toScore(s[i]);
    return r;
  }
}
