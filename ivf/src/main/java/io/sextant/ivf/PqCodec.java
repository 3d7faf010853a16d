package io.sextant.ivf;

import io.sextant.core.vector.VectorKernels;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Product quantization (IVF-PQ): the dimensions are cut into m sub-spaces (sub-space j holds
 * dimensions {@code [j·dim/m, (j+1)·dim/m)}, so m need not divide dim), each quantized to one of
 * 256 centroids learned with {@link PqCodebookTrainer} (Euclidean, on residuals when residual). A code is m
 * bytes. A query builds one table of {@code q_j · centroid} per sub-space (256·m floats, shared by
 * all lists thanks to the inner-product form, see {@link VectorCodec}) and scores a code by m
 * table lookups (asymmetric distance computation).
 *
 * <p>Parameters as stored: {@code starts[m+1]} int32, padding to 64 bytes, then for each
 * sub-space its codebook transposed, {@code dsub} rows of 256 float32, so building a table row
 * is a SIMD multiply-add over 256 contiguous floats.
 */
final class PqCodec implements VectorCodec {
  static final int KSUB = IvfKernels.CODEBOOK;
  /**
   * Lloyd passes per sub-space codebook (at most; they stop earlier when the objective settles).
   * Codebook training is {@code sample·256·dim} multiply-adds per pass: with the rerank that
   * IVF-PQ does by default, the final recall does not depend on the last few percent of
   * quantization error (measured in the IVF README), but the build time does.
   */
  static final int TRAIN_ITERATIONS = 6;
  /** Training vectors used for the codebooks: 16 per codeword (FAISS trains on up to 256). */
  static final int TRAIN_SAMPLE = 16 * KSUB;

  private final int dim;
  private final int m;
  private final int[] starts;
  private final boolean l2;
  private final boolean residual;
  private final MemorySegment params;
  private final long codebooks;
  private final IvfKernels kernels;
  private final VectorKernels vectorKernels;
  private final BlockLayout layout;
  private volatile NearestCentroid[] encoders;

  private PqCodec(int dim, int m, int[] starts, boolean l2, boolean residual, MemorySegment params,
                  IvfKernels kernels, VectorKernels vectorKernels) {
    this.dim = dim;
    this.m = m;
    this.starts = starts;
    this.l2 = l2;
    this.residual = residual;
    this.params = params;
    this.codebooks = startsBytes(m);
    this.kernels = kernels;
    this.vectorKernels = vectorKernels;
    this.layout = new BlockLayout(m, l2, true);
  }

  static long startsBytes(int m) {
    return ((4L * (m + 1)) + 63) & ~63L;
  }

  static long paramBytes(int m, int dim) {
    return startsBytes(m) + (long) KSUB * dim * Float.BYTES;
  }

  /** Trains m codebooks on {@code count} vectors of {@code train} (residuals when residual). */
  static PqCodec train(float[] train, int count, int dim, int m, boolean l2, boolean residual, long seed, int threads,
                       IvfKernels kernels, VectorKernels vk) {
    if (m < 1 || m > dim) throw new IllegalArgumentException("PQ needs 1..dim sub-quantizers, got " + m + " for dim " + dim);
    if (count < 1) throw new IllegalArgumentException("PQ training needs at least one vector");
    MemorySegment params = GrowableLists.allocate(paramBytes(m, dim));
    int[] starts = new int[m + 1];
    for (int j = 0; j <= m; j++) {
      starts[j] = (int) ((long) j * dim / m);
      params.set(BlockLayout.INT_LE, 4L * j, starts[j]);
    }
    long cbBase = startsBytes(m);
    // An evenly strided subset of the caller's sample, which is random but in ordinal order: the
    // first rows could all come from the start of data stored in some order.
    int rows = Math.min(count, TRAIN_SAMPLE);
    try (ParallelChunks par = new ParallelChunks(threads)) {
      // The per-sub-space work is in short methods: a loop body inlined into this lambda was
      // compiled on-stack at more JIT time than the training itself.
      par.forEach(m, 1, (from, to) -> {
        for (int j = from; j < to; j++) {
          int s = starts[j];
          int dsub = starts[j + 1] - s;
          float[] sub = subspace(train, count, dim, rows, s, dsub);
          float[] cents = PqCodebookTrainer.train(sub, rows, dsub, KSUB, TRAIN_ITERATIONS, seed + 1 + j, kernels);
          storeCodebook(params, cbBase + (long) KSUB * s * Float.BYTES, cents, dsub);
        }
      });
    }
    return open(params, 0, dim, m, l2, residual, kernels, vk);
  }

  /** Dimensions {@code [s, s+dsub)} of {@code rows} rows evenly strided over the {@code count} training rows. */
  private static float[] subspace(float[] train, int count, int dim, int rows, int s, int dsub) {
    float[] sub = new float[rows * dsub];
    for (int i = 0; i < rows; i++) {
      int row = (int) ((long) i * count / rows);
      System.arraycopy(train, row * dim + s, sub, i * dsub, dsub);
    }
    return sub;
  }

  /** The 256 codewords (row-major) transposed into the parameters at {@code cb}: {@code dsub} rows of 256 floats. */
  private static void storeCodebook(MemorySegment params, long cb, float[] words, int dsub) {
    float[] row = new float[KSUB];
    for (int d = 0; d < dsub; d++) {
      for (int c = 0; c < KSUB; c++) row[c] = words[c * dsub + d];
      MemorySegment.copy(row, 0, params, BlockLayout.FLOAT_LE, cb + 4L * d * KSUB, KSUB);
    }
  }

  /** A codec over parameters stored at {@code offset} of {@code seg}; validates the sub-space bounds. */
  static PqCodec open(MemorySegment seg, long offset, int dim, int m, boolean l2, boolean residual, IvfKernels kernels,
                      VectorKernels vk) {
    if (m < 1 || m > dim) throw new IllegalArgumentException("PQ sub-quantizer count " + m + " out of range 1.." + dim);
    MemorySegment params = seg.asSlice(offset, paramBytes(m, dim));
    int[] starts = new int[m + 1];
    for (int j = 0; j <= m; j++) {
      starts[j] = params.get(BlockLayout.INT_LE, 4L * j);
      if (j == 0 ? starts[0] != 0 : starts[j] <= starts[j - 1] || starts[j] > dim) {
        throw new IllegalArgumentException("PQ sub-space table corrupt: start " + j + " is " + starts[j]
            + (j == 0 ? ", expected 0" : " after " + starts[j - 1] + " (dimension " + dim + ")"));
      }
    }
    if (starts[m] != dim) {
      throw new IllegalArgumentException("PQ sub-spaces end at " + starts[m] + ", expected the dimension " + dim);
    }
    return new PqCodec(dim, m, starts, l2, residual, params, kernels, vk);
  }

  int subquantizers() { return m; }

  @Override public BlockLayout layout() { return layout; }

  @Override public int dimension() { return dim; }

  @Override public boolean residual() { return residual; }

  @Override public MemorySegment params() { return params; }

  private long codebookOffset(int j) {
    return codebooks + (long) KSUB * starts[j] * Float.BYTES;
  }

  /** Codeword {@code c} of sub-space {@code j}, component {@code d}. */
  private float codeword(int j, int c, int d) {
    return params.get(BlockLayout.FLOAT_LE, codebookOffset(j) + 4L * ((long) d * KSUB + c));
  }

  private NearestCentroid[] encoders() {
    NearestCentroid[] e = encoders;
    if (e == null) {
      synchronized (this) {
        e = encoders;
        if (e == null) {
          e = new NearestCentroid[m];
          for (int j = 0; j < m; j++) {
            int dsub = starts[j + 1] - starts[j];
            float[][] rows = new float[KSUB][dsub];
            for (int c = 0; c < KSUB; c++) for (int d = 0; d < dsub; d++) rows[c][d] = codeword(j, c, d);
            e[j] = new NearestCentroid(rows, dsub, false, vectorKernels, kernels, NearestCentroid.Strategy.TRANSPOSED);
          }
          encoders = e;
        }
      }
    }
    return e;
  }

  /** One vector through the batched path, so codes never depend on how vectors were grouped. */
  @Override
  public float encode(float[] x, float[] centroid, byte[] code, float[] work) {
    byte[] out = new byte[m];
    float[] norm = new float[1];
    encodeAll(x, new float[][] {centroid}, 1, out, norm);
    System.arraycopy(out, 0, code, 0, m);
    return norm[0];
  }

  /**
   * Sub-space by sub-space over the batch, so the batched nearest-codeword kernel scores a vector's
   * width of vectors (8 on AVX2) per pass over each codebook (encoding is {@code n·256·dim} multiply-adds, the largest
   * part of an IVF-PQ build after the coarse k-means).
   */
  @Override
  public void encodeAll(float[] xs, float[][] centroids, int count, byte[] codes, float[] norms) {
    NearestCentroid[] enc = encoders();
    int maxSub = 0;
    for (int j = 0; j < m; j++) maxSub = Math.max(maxSub, starts[j + 1] - starts[j]);
    float[] tile = new float[count * maxSub];
    int[] best = new int[count];
    double[] norm = new double[count];
    // One short call per sub-space and step: a long loop here would be compiled on-stack (and
    // again normally) with the kernels inlined, which cost more JIT time than the encoding itself.
    for (int j = 0; j < m; j++) {
      int s = starts[j];
      int dsub = starts[j + 1] - s;
      subTile(xs, dim, centroids, count, s, dsub, residual, tile);
      enc[j].nearestIndexes(tile, count, best);
      storeCodes(best, count, m, j, codes);
      if (l2) addNorms(enc[j], best, centroids, count, s, dsub, residual, norm);
    }
    for (int i = 0; i < count; i++) norms[i] = (float) norm[i];
  }

  /** Dimensions {@code [s, s+dsub)} of each of the {@code count} vectors, minus the list centroid when residual. */
  private static void subTile(float[] xs, int dim, float[][] centroids, int count, int s, int dsub, boolean residual,
                              float[] tile) {
    for (int i = 0; i < count; i++) {
      int from = i * dim + s;
      int to = i * dsub;
      if (residual) {
        float[] c = centroids[i];
        for (int d = 0; d < dsub; d++) tile[to + d] = xs[from + d] - c[s + d];
      } else {
        System.arraycopy(xs, from, tile, to, dsub);
      }
    }
  }

  private static void storeCodes(int[] best, int count, int m, int j, byte[] codes) {
    for (int i = 0; i < count; i++) codes[i * m + j] = (byte) best[i];
  }

  /** Adds the sub-space's share of {@code ‖x̂‖²} (centroid plus codeword when residual) to {@code norm}. */
  private static void addNorms(NearestCentroid enc, int[] best, float[][] centroids, int count, int s, int dsub,
                               boolean residual, double[] norm) {
    for (int i = 0; i < count; i++) {
      float[] word = enc.centroidRef(best[i]);
      float[] cent = centroids[i];
      double acc = 0;
      for (int d = 0; d < dsub; d++) {
        double rec = (residual ? cent[s + d] : 0f) + word[d];
        acc += rec * rec;
      }
      norm[i] += acc;
    }
  }

  @Override
  public QueryScorer scorer(float[] q) {
    float[] table = new float[m * KSUB];
    for (int j = 0; j < m; j++) {
      kernels.lookupTable(q, starts[j], starts[j + 1] - starts[j], params, codebookOffset(j), table, j * KSUB);
    }
    double qq = 0;
    for (float v : q) qq += (double) v * v;
    float queryNorm = (float) qq;
    long codes = layout.codesOffset();
    return new QueryScorer() {
      @Override
      public void scoreBlock(MemorySegment seg, long block, int count, float listDot, float[] out) {
        kernels.adcBlock(table, m, seg, block + codes, out);
        float bias = residual ? listDot : 0f;
        if (l2) {
          for (int v = 0; v < count; v++) out[v] = 2f * (out[v] + bias) - layout.norm(seg, block, v) - queryNorm;
        } else if (bias != 0f) {
          for (int v = 0; v < count; v++) out[v] += bias;
        }
      }

      @Override
      public float score(MemorySegment seg, long block, int v, float listDot) {
        long at = block + codes + v;
        float s = 0f;
        for (int j = 0; j < m; j++) {
          s += table[(j << 8) + (seg.get(ValueLayout.JAVA_BYTE, at + (long) j * BlockLayout.BLOCK) & 0xFF)];
        }
        s += residual ? listDot : 0f;
        return l2 ? 2f * s - layout.norm(seg, block, v) - queryNorm : s;
      }
    };
  }
}
