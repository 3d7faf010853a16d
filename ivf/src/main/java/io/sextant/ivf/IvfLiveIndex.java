package io.sextant.ivf;

import io.sextant.core.index.IndexParams;
import io.sextant.core.index.LiveIndex;
import io.sextant.core.index.LiveVectors;
import io.sextant.core.search.TopK;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Kernels;
import io.sextant.core.vector.Similarity;
import io.sextant.core.vector.VectorKernels;
import java.lang.foreign.MemorySegment;
import org.roaringbitmap.BatchIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * IVF over the write buffer. Until the buffer holds {@code trainAt} vectors it is searched
 * exactly (there is nothing to train on yet, and a small buffer scans fast); at that point the
 * adding thread trains an IVF index on the buffer so far, and every later vector is assigned to
 * the existing centroids ({@link IvfIndex#add}). Searches run concurrently with adds.
 */
final class IvfLiveIndex implements LiveIndex {

  private final IvfSpec spec;
  private final Similarity similarity;
  private final LiveVectors vectors;
  private final int trainAt;
  private final VectorKernels kernels = Kernels.get();
  private volatile IvfIndex ivf;

  IvfLiveIndex(IvfSpec spec, Similarity similarity, LiveVectors vectors, int trainAt) {
    this.spec = spec;
    this.similarity = similarity;
    this.vectors = vectors;
    this.trainAt = trainAt;
  }

  /** True once the IVF index has been trained. */
  boolean trained() {
    return ivf != null;
  }

  @Override
  public void add(int ord) {
    IvfIndex index = ivf;
    if (index != null) {
      index.add(ord, vectors.get(ord));
    } else if (ord + 1 >= trainAt) {
      ivf = train(ord + 1);
    }
  }

  private IvfIndex train(int n) {
    int dim = vectors.dimension();
    MemorySegment copy = MemorySegment.ofArray(new byte[Math.multiplyExact(Math.multiplyExact(n, dim), Float.BYTES)]);
    for (int i = 0; i < n; i++) {
      MemorySegment.copy(vectors.chunkOf(i), vectors.offsetInChunk(i), copy, (long) i * dim * Float.BYTES,
          (long) dim * Float.BYTES);
    }
    return IvfIndex.build(new FloatVectors(copy, 0, n, dim), similarity, spec, Runtime.getRuntime().availableProcessors(),
        (q, ord) -> vectors.raw(kernels, similarity, q, ord));
  }

  @Override
  public TopK.ScoredOrds search(float[] query, int k, IndexParams params, RoaringBitmap accept) {
    if (accept == null) throw new IllegalArgumentException("a live index is searched with an accept bitmap");
    IvfIndex index = ivf;
    if (index != null) return index.search(query, k, IvfIndexType.searchParams(params, accept));
    TopK top = new TopK(k);
    int[] buf = new int[256];
    int limit = vectors.size();
    BatchIterator it = accept.getBatchIterator();
    while (it.hasNext()) {
      int m = it.nextBatch(buf);
      for (int i = 0; i < m; i++) {
        int ord = buf[i];
        if (ord < 0 || ord >= limit) break;
        top.offer(ord, vectors.raw(kernels, similarity, query, ord));
      }
    }
    TopK.ScoredOrds r = top.drainBestFirst();
    float[] s = r.scores();
    for (int i = 0; i < s.length; i++) s[i] = similarity.toScore(s[i]);
    return r;
  }
}
