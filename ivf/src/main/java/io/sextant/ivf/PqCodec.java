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
  private volatile Encoders encoders;

  /**
   * What encoding needs, built on first use: a nearest-codeword search per sub-space, and all
   * codewords row-major in one array (sub-space j's block at {@code 256·starts[j]}, codeword c of
   * it {@code dsub} floats further per c) for rebuilding reconstructions without a pointer per codeword.
   */
  private record Encoders(NearestCentroid[] nearest, float[] words) {}

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

  private Encoders encoders() {
    Encoders e = encoders;
    if (e == null) {
      synchronized (this) {
        e = encoders;
        if (e == null) {
          NearestCentroid[] nearest = new NearestCentroid[m];
          float[] words = new float[KSUB * dim];
          for (int j = 0; j < m; j++) {
            int dsub = starts[j + 1] - starts[j];
            float[][] rows = new float[KSUB][dsub];
            for (int c = 0; c < KSUB; c++) {
              for (int d = 0; d < dsub; d++) rows[c][d] = codeword(j, c, d);
              System.arraycopy(rows[c], 0, words, KSUB * starts[j] + c * dsub, dsub);
            }
            nearest[j] = new NearestCentroid(rows, dsub, false, vectorKernels, kernels, NearestCentroid.Strategy.TRANSPOSED);
          }
          e = new Encoders(nearest, words);
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

  /** Per-thread scratch for {@link #encodeAll}'s lane groups: 100 KB for 32 vectors of 784 floats. */
  private static final ThreadLocal<float[][]> LANES = ThreadLocal.withInitial(() -> new float[1][0]);

  /**
   * Each group of {@link IvfKernels#laneWidth()} vectors is transposed into lanes once, all
   * dimensions at a time (residual taken on the way), so a sub-space's points are a contiguous
   * slice of that group; then sub-space by sub-space, every group of the batch against the same
   * codebook while it is in L1. Encoding is {@code n·256·dim} multiply-adds, the largest part of
   * an IVF-PQ build after the coarse k-means; copying and transposing each sub-space separately
   * cost a third of it again (session 8 profile).
   */
  @Override
  public void encodeAll(float[] xs, float[][] centroids, int count, byte[] codes, float[] norms) {
    Encoders enc = encoders();
    int w = kernels.laneWidth();
    int groups = (count + w - 1) / w;
    int groupFloats = dim * w;
    float[][] holder = LANES.get();
    if (holder[0].length < groups * groupFloats) holder[0] = new float[groups * groupFloats];
    float[] lanes = holder[0];
    for (int g = 0; g < groups; g++) {
      residualLanes(xs, centroids, g * w, Math.min(w, count - g * w), w, lanes, g * groupFloats);
    }
    // One short call per sub-space: a long loop here would be compiled on-stack (and again
    // normally) with the kernels inlined, which cost more JIT time than the encoding itself.
    int[] best = new int[w];
    for (int j = 0; j < m; j++) encodeSubspace(enc.nearest()[j], j, lanes, groups, count, w, best, codes);
    if (l2) {
      reconstructionNorms(enc.words(), centroids, count, codes, norms);
    } else {
      java.util.Arrays.fill(norms, 0, count, 0f);
    }
  }

  /**
   * Vectors {@code first .. first+n} of {@code xs} (minus their list centroid when residual) into
   * lanes at {@code at}: component d of vector p at {@code at + d·w + p}; a short group repeats its
   * last vector, whose extra answers are ignored.
   */
  private void residualLanes(float[] xs, float[][] centroids, int first, int n, int w, float[] lanes, int at) {
    for (int p = 0; p < w; p++) {
      int i = first + Math.min(p, n - 1);
      int from = i * dim;
      if (residual) {
        float[] c = centroids[i];
        for (int d = 0; d < dim; d++) lanes[at + d * w + p] = xs[from + d] - c[d];
      } else {
        for (int d = 0; d < dim; d++) lanes[at + d * w + p] = xs[from + d];
      }
    }
  }

  private void encodeSubspace(NearestCentroid enc, int j, float[] lanes, int groups, int count, int w, int[] best,
                              byte[] codes) {
    int offset = starts[j] * w;
    for (int g = 0; g < groups; g++) {
      enc.nearestIndexesInLanes(lanes, g * dim * w + offset, w, best);
      int n = Math.min(w, count - g * w);
      for (int p = 0; p < n; p++) codes[(g * w + p) * m + j] = (byte) best[p];
    }
  }

  /**
   * {@code ‖x̂‖²} of each encoded vector (centroid plus codewords when residual, each component
   * rounded to float as the scan sees it), squared and summed in double. Four accumulators taking
   * the components in turn: one accumulator per vector made the sum a chain of 784 dependent adds,
   * which cost 7 % of a warm IVF-PQ build (session 8 profile).
   */
  private void reconstructionNorms(float[] words, float[][] centroids, int count, byte[] codes, float[] norms) {
    for (int i = 0; i < count; i++) {
      float[] cent = residual ? centroids[i] : null;
      double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
      for (int j = 0; j < m; j++) {
        int s = starts[j];
        int e = starts[j + 1];
        int word = KSUB * s + (codes[i * m + j] & 0xFF) * (e - s) - s; // words[word + d] is component d
        int d = s;
        for (; d + 4 <= e; d += 4) {
          float r0 = words[word + d], r1 = words[word + d + 1], r2 = words[word + d + 2], r3 = words[word + d + 3];
          if (cent != null) {
            r0 += cent[d];
            r1 += cent[d + 1];
            r2 += cent[d + 2];
            r3 += cent[d + 3];
          }
          a0 += (double) r0 * r0;
          a1 += (double) r1 * r1;
          a2 += (double) r2 * r2;
          a3 += (double) r3 * r3;
        }
        for (; d < e; d++) {
          float r = cent == null ? words[word + d] : cent[d] + words[word + d];
          a0 += (double) r * r;
        }
      }
      norms[i] = (float) ((a0 + a1) + (a2 + a3));
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
