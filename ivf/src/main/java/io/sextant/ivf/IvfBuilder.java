package io.sextant.ivf;

import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import io.sextant.core.vector.VectorKernels;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Trains an IVF index on a block of vectors and fills its lists: k-means for the centroids,
 * the codec on a sample of (residual) vectors, then every vector assigned and encoded in
 * parallel and written straight into its slot, so the lists come out in ordinal order whatever
 * the thread count.
 */
final class IvfBuilder {
  /** Vectors the SQ8 ranges and PQ codebooks are trained on: 32 per PQ centroid (64 gave the same recall on Fashion-MNIST). */
  static final int CODEC_SAMPLE = 32 * PqCodec.KSUB;
  private static final System.Logger LOG = System.getLogger(IvfBuilder.class.getName());
  private static final ValueLayout.OfFloat FLOAT_LE =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  /**
   * From this many lists on, the centroids are trained in two levels ({@link TwoLevelKMeans}):
   * flat Lloyd passes cost n·nlist·dim each and would dominate the build. Measured on
   * Fashion-MNIST (nlist 1024, one thread): 39 s flat against 14 s two-level, recall@10 at
   * nprobe 8 0.960 against 0.956 (README).
   */
  static final int TWO_LEVEL_MIN_NLIST = 256;
  /**
   * Full Lloyd passes after the two-level start, before the final assignment. One pass moved
   * recall@10 at nprobe 8 on Fashion-MNIST from 0.955 to 0.958 for a third of the training time.
   */
  static final int TWO_LEVEL_REFINE = 0;
  /**
   * Training points per list for the coarse k-means: FAISS's lower rule of thumb is 39 (it warns
   * below), its cap 256. Every Lloyd pass costs in proportion to the sample; the points left out
   * are assigned once at the end.
   */
  static final int COARSE_SAMPLE_PER_LIST = 64;

  /** Vectors encoded together (PQ scores a vector's width of them at a time against each codebook). */
  private static final int ENCODE_TILE = 32;

  private IvfBuilder() {}

  static IvfIndex build(FloatVectors vectors, Similarity sim, IvfSpec spec, int threads, ExactScorer exact,
                        VectorKernels vk, IvfKernels ik) {
    int n = vectors.size();
    int dim = vectors.dimension();
    if (n == 0) throw new IllegalArgumentException("cannot train an IVF index on 0 vectors");
    int nlist = spec.effectiveNlist(n);
    if (threads > 1 && !vectors.data().isAccessibleBy(new Thread(() -> { }))) {
      threads = 1; // memory confined to the calling thread (e.g. a segment being written): no helpers
    }
    boolean spherical = sim != Similarity.EUCLIDEAN;
    boolean cosine = sim == Similarity.COSINE;
    long t0 = System.nanoTime();
    long cpu0 = processCpuNanos();
    // PQ: the codeword kernel compiles on a side thread while the coarse k-means runs (KernelWarmup).
    IvfKernels codecKernels = spec.encoding() == IvfSpec.Encoding.PQ
        ? KernelWarmup.start(ik, Math.max(1, dim / spec.pqSubquantizers(dim))) : ik;

    KMeans.Options kmOptions = KMeans.options(nlist).spherical(spherical).seed(spec.seed()).threads(threads)
        .maxIterations(spec.iterations()).samplePerCentroid(COARSE_SAMPLE_PER_LIST).build();
    KMeans.Result km = nlist >= TWO_LEVEL_MIN_NLIST
        ? TwoLevelKMeans.train(vectors, kmOptions, TWO_LEVEL_REFINE, vk, ik)
        : KMeans.train(vectors, kmOptions, vk, ik);
    long t1 = System.nanoTime();
    long cpu1 = processCpuNanos();
    float[][] centroids = km.centroidRows();
    MemorySegment centroidMem = GrowableLists.allocate(Math.multiplyExact((long) nlist * dim, Float.BYTES));
    MemorySegment.copy(km.centroidsRef(), 0, centroidMem, FLOAT_LE, 0, nlist * dim);
    CoarseQuantizer quantizer = new CoarseQuantizer(new FloatVectors(centroidMem, 0, nlist, dim), spherical, vk);

    try (ParallelChunks par = new ParallelChunks(threads)) {
      boolean warmed = !(codecKernels instanceof KernelWarmup w) || w.ready();
      VectorCodec codec = trainCodec(vectors, sim, spec, km, centroids, threads, vk, codecKernels, par);
      long t2 = System.nanoTime();
      long cpu2 = processCpuNanos();
      int[] listOf = assignAll(vectors, spherical, km, centroids, vk, ik, par);

      int[] counts = new int[nlist];
      int[] slot = new int[n];
      for (int i = 0; i < n; i++) slot[i] = counts[listOf[i]]++;
      GrowableLists lists = new GrowableLists(nlist, codec.layout());
      lists.reserve(counts);
      int codeBytes = codec.layout().codeBytes();
      par.forEach(n, 256, (from, to) -> {
        float[] x = new float[dim];
        float[] xs = new float[ENCODE_TILE * dim];
        float[][] cs = new float[ENCODE_TILE][];
        byte[] codes = new byte[ENCODE_TILE * codeBytes];
        byte[] code = new byte[codeBytes];
        float[] norms = new float[ENCODE_TILE];
        for (int t = from; t < to; t += ENCODE_TILE) {
          int count = Math.min(ENCODE_TILE, to - t);
          for (int i = 0; i < count; i++) {
            read(vectors, t + i, x, cosine);
            System.arraycopy(x, 0, xs, i * dim, dim);
            cs[i] = centroids[listOf[t + i]];
          }
          codec.encodeAll(xs, cs, count, codes, norms);
          for (int i = 0; i < count; i++) {
            System.arraycopy(codes, i * codeBytes, code, 0, codeBytes);
            lists.writeReserved(listOf[t + i], slot[t + i], t + i, norms[i], code);
          }
        }
      });
      lists.publishReserved(counts);
      long t3 = System.nanoTime();
      long cpu3 = processCpuNanos();
      LOG.log(System.Logger.Level.DEBUG, () -> String.format(
          "ivf build %s: n=%d dim=%d nlist=%d, k-means %d iterations %.0f ms, codec %.0f ms, add %.0f ms"
              + " (process CPU: %.0f, %.0f, %.0f ms); codeword kernel warm when the codec started: %s",
          spec, n, dim, nlist, km.iterations(), (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6,
          (cpu1 - cpu0) / 1e6, (cpu2 - cpu1) / 1e6, (cpu3 - cpu2) / 1e6, warmed));
      return new IvfIndex(spec, sim, quantizer, codec, lists, exact, n, null, "in-memory index");
    }
  }

  /** CPU time of the whole process (JIT and GC included), for the build log: wall time is noisy on a shared machine. */
  private static long processCpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
  }

  /** Reads row {@code i}, scaled to unit length for cosine. */
  static void read(FloatVectors vectors, int i, float[] x, boolean unit) {
    MemorySegment.copy(vectors.data(), FLOAT_LE, vectors.offset(i), x, 0, x.length);
    if (unit) TrainingPoints.normalizeInPlace(x);
  }

  private static VectorCodec trainCodec(FloatVectors vectors, Similarity sim, IvfSpec spec, KMeans.Result km,
                                        float[][] centroids, int threads, VectorKernels vk, IvfKernels ik,
                                        ParallelChunks par) {
    int dim = vectors.dimension();
    boolean l2 = sim == Similarity.EUCLIDEAN;
    if (spec.encoding() == IvfSpec.Encoding.FLAT) return new FlatCodec(dim, sim, vk);
    int[] sample = km.sampleRef();
    int[] assignment = km.assignmentRef();
    int[] pick = TrainingPoints.sampleSorted(sample.length, Math.min(sample.length, CODEC_SAMPLE),
        new SplittableRandom(spec.seed() ^ 0x5DEECE66DL));
    int count = pick.length;
    float[] train = new float[Math.multiplyExact(count, dim)];
    boolean cosine = sim == Similarity.COSINE;
    boolean residual = spec.residual();
    par.forEach(count, 256, (from, to) -> {
      float[] x = new float[dim];
      for (int i = from; i < to; i++) {
        read(vectors, sample[pick[i]], x, cosine);
        float[] c = centroids[assignment[pick[i]]];
        for (int d = 0; d < dim; d++) train[i * dim + d] = residual ? x[d] - c[d] : x[d];
      }
    });
    return switch (spec.encoding()) {
      case SQ8 -> Sq8Codec.train(train, count, dim, l2, residual, ik);
      case PQ -> PqCodec.train(train, count, dim, spec.pqSubquantizers(dim), l2, residual, spec.seed(), threads, ik, vk);
      case FLAT -> throw new AssertionError();
    };
  }

  /** List of every row: from the k-means assignment where the row was sampled, else the nearest centroid. */
  private static int[] assignAll(FloatVectors vectors, boolean spherical, KMeans.Result km, float[][] centroids,
                                 VectorKernels vk, IvfKernels ik, ParallelChunks par) {
    int n = vectors.size();
    int[] listOf = new int[n];
    Arrays.fill(listOf, -1);
    int[] sample = km.sampleRef();
    int[] assignment = km.assignmentRef();
    for (int i = 0; i < sample.length; i++) listOf[sample[i]] = assignment[i];
    if (sample.length == n) return listOf;
    int dim = vectors.dimension();
    CentroidAssigner assigner = km.assigner();
    par.forEach(n, 256, (from, to) -> {
      float[] x = new float[dim];
      float[] tile = new float[(to - from) * dim];
      int[] rows = new int[to - from];
      int count = 0;
      for (int i = from; i < to; i++) {
        if (listOf[i] >= 0) continue;
        read(vectors, i, x, spherical);
        System.arraycopy(x, 0, tile, count * dim, dim);
        rows[count++] = i;
      }
      int[] best = new int[count];
      assigner.assign(tile, count, best, new float[count]);
      for (int j = 0; j < count; j++) listOf[rows[j]] = best[j];
    });
    return listOf;
  }
}
