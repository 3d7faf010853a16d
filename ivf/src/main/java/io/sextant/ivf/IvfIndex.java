package io.sextant.ivf;

import io.sextant.core.search.TopK;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Kernels;
import io.sextant.core.vector.Similarity;
import io.sextant.core.vector.VectorChecks;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An inverted-file (IVF) vector index: vectors are grouped by their nearest of {@code nlist}
 * k-means centroids, and a query scans only the lists of its {@code nprobe} nearest centroids.
 * Lists hold float32 vectors (IVF-Flat), int8 codes (IVF-SQ8) or PQ codes (IVF-PQ); the last two
 * rerank an oversampled candidate list exactly against the original vectors through an
 * {@link ExactScorer}. Configured by an {@link IvfSpec} factory string.
 *
 * <p>An index is built in memory ({@link #build}), can take more vectors afterwards
 * ({@link #add}, assigned to the existing centroids), and is written to a file ({@link #write})
 * that {@link #open} maps and searches in place with the same code. Searches are thread-safe and
 * may run while one thread adds. Ordinals are ints chosen by the caller: {@code 0..n-1} for the
 * rows given to {@link #build}.
 */
public final class IvfIndex implements AutoCloseable {
  private final IvfSpec spec;
  private final Similarity similarity;
  private final CoarseQuantizer quantizer;
  private final VectorCodec codec;
  private final InvertedLists lists;
  private final ExactScorer exact;
  private final Arena arena;
  private final String source;
  private final IvfSearcher searcher;
  private volatile long ordinalBound;

  IvfIndex(IvfSpec spec, Similarity similarity, CoarseQuantizer quantizer, VectorCodec codec, InvertedLists lists,
           ExactScorer exact, long ordinalBound, Arena arena, String source) {
    this.spec = spec;
    this.similarity = similarity;
    this.quantizer = quantizer;
    this.codec = codec;
    this.lists = lists;
    this.exact = exact;
    this.ordinalBound = ordinalBound;
    this.arena = arena;
    this.source = source;
    this.searcher = new IvfSearcher(this);
  }

  /**
   * Trains on and indexes all rows of {@code vectors} (ordinals {@code 0..n-1}), which also serve
   * the exact rerank. Uses all available processors.
   */
  public static IvfIndex build(FloatVectors vectors, Similarity similarity, IvfSpec spec) {
    return build(vectors, similarity, spec, Runtime.getRuntime().availableProcessors());
  }

  /** As {@link #build(FloatVectors, Similarity, IvfSpec)} with {@code threads} worker threads. */
  public static IvfIndex build(FloatVectors vectors, Similarity similarity, IvfSpec spec, int threads) {
    Objects.requireNonNull(vectors, "vectors");
    return build(vectors, similarity, spec, threads, ExactScorer.of(vectors, similarity, Kernels.get()));
  }

  /** As above, with the exact scores for the rerank coming from {@code exact}. */
  public static IvfIndex build(FloatVectors vectors, Similarity similarity, IvfSpec spec, int threads,
                               ExactScorer exact) {
    Objects.requireNonNull(similarity, "similarity");
    Objects.requireNonNull(spec, "spec");
    return IvfBuilder.build(vectors, similarity, spec, threads, exact, Kernels.get(), IvfKernels.get());
  }

  /**
   * Maps an index file written by {@link #write} and searches it in place; checks its layout,
   * bounds and CRC32C. {@code exact} scores the original vectors for the rerank (may be null:
   * then results carry approximate scores). Close the index to unmap the file.
   */
  public static IvfIndex open(Path file, ExactScorer exact) throws IOException {
    return IvfFile.open(file, exact, true);
  }

  /** As {@link #open(Path, ExactScorer)}; {@code verifyChecksum=false} skips the full-file CRC pass. */
  public static IvfIndex open(Path file, ExactScorer exact, boolean verifyChecksum) throws IOException {
    return IvfFile.open(file, exact, verifyChecksum);
  }

  /** Writes this index to {@code file} (replacing it) in the layout {@link #open} maps. */
  public void write(Path file) throws IOException {
    IvfFile.write(this, file);
  }

  /** The top {@code k} ordinals for {@code query}, best first, with default parameters. */
  public TopK.ScoredOrds search(float[] query, int k) {
    return searcher.search(query, k, IvfSearchParams.defaults());
  }

  /**
   * The top {@code k} accepted ordinals for {@code query}, best first, with public scores
   * ({@link Similarity#toScore}). Filtered searches probe past {@code nprobe} until they have
   * scored as many accepted vectors as an unfiltered search would score in total; see
   * {@link IvfSearcher} for the exact rule.
   */
  public TopK.ScoredOrds search(float[] query, int k, IvfSearchParams params) {
    return searcher.search(query, k, params);
  }

  /**
   * Adds vector {@code ord} to the list of its nearest existing centroid (no retraining). The
   * exact scorer must know {@code ord} for the rerank to see it. One adding thread at a time.
   */
  public synchronized void add(int ord, float[] vector) {
    if (!(lists instanceof GrowableLists growable)) {
      throw new UnsupportedOperationException("index mapped from " + source + " is read-only; add() needs an in-memory index");
    }
    if (ord < 0) throw new IllegalArgumentException("ordinal must be >= 0, got " + ord);
    float[] x = prepareQuery(vector, "vector " + ord);
    int list = quantizer.assign(x, new float[quantizer.lists()]);
    byte[] code = new byte[codec.layout().codeBytes()];
    float norm = codec.encode(x, quantizer.centroid(list), code, new float[x.length]);
    growable.append(list, ord, norm, code);
    ordinalBound = Math.max(ordinalBound, ord + 1L);
  }

  public IvfSpec spec() { return spec; }

  public Similarity similarity() { return similarity; }

  public int dimension() { return quantizer.dimension(); }

  /** Number of lists (the effective nlist). */
  public int nlist() { return quantizer.lists(); }

  /** Number of indexed vectors. */
  public long size() { return lists.size(); }

  /** Probes per query when a search does not say. */
  public int defaultNprobe() {
    return spec.nprobe().orElse(IvfSpec.nprobeFor(quantizer.lists()));
  }

  /** Bytes per vector of list payload: the code plus the stored norm, if any (ids not counted). */
  public int codeBytesPerVector() {
    BlockLayout l = lists.layout();
    return l.codeBytes() + (l.norms() ? Float.BYTES : 0);
  }

  /** Bytes of the index as written by {@link #write} (centroids, codec parameters, lists, header); rerank vectors not included. */
  public long indexBytes() {
    return IvfFile.sizeOf(this);
  }

  /** Releases the file mapping of an opened index; no-op for an in-memory one. */
  @Override
  public void close() {
    if (arena != null) arena.close();
  }

  @Override
  public String toString() {
    return "IvfIndex[" + spec + ", " + similarity + ", nlist=" + quantizer.lists() + ", n=" + size() + ", " + source + "]";
  }

  // ---- package-private parts for the searcher and the file writer ----

  CoarseQuantizer quantizer() { return quantizer; }

  VectorCodec codec() { return codec; }

  InvertedLists lists() { return lists; }

  ExactScorer exactScorer() { return exact; }

  long ordinalBound() { return ordinalBound; }

  /** True when the ordinals are exactly {@code 0..size-1}, so a filter bitmap lists indexed vectors only. */
  boolean denseOrdinals() { return ordinalBound == lists.size(); }

  /** Validates {@code v}; for cosine returns a unit-length copy, else {@code v}. */
  float[] prepareQuery(float[] v, String what) {
    VectorChecks.requireValid(v, quantizer.dimension(), similarity, what);
    if (similarity != Similarity.COSINE) return v;
    float[] u = v.clone();
    TrainingPoints.normalizeInPlace(u);
    return u;
  }
}
