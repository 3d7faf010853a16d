package io.sextant.ivf;

import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.VectorKernels;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Product quantization (IVF-PQ): the dimensions are cut into m sub-spaces (sub-space j holds
 * dimensions {@code [j·dim/m, (j+1)·dim/m)}, so m need not divide dim), each quantized to one of
 * 256 centroids learned with {@link KMeans} (Euclidean, on residuals when residual). A code is m
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
  /** Lloyd passes per sub-space codebook. */
  static final int TRAIN_ITERATIONS = 10;

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
    try (ParallelChunks par = new ParallelChunks(threads)) {
      par.forEach(m, 1, (from, to) -> {
        for (int j = from; j < to; j++) {
          int s = starts[j];
          int dsub = starts[j + 1] - s;
          float[] sub = new float[count * dsub];
          for (int i = 0; i < count; i++) System.arraycopy(train, i * dim + s, sub, i * dsub, dsub);
          int k = Math.min(KSUB, count);
          KMeans.Result r = KMeans.train(new FloatVectors(MemorySegment.ofArray(sub), 0, count, dsub),
              KMeans.options(k).seed(seed + 1 + j).threads(1).maxIterations(TRAIN_ITERATIONS)
                  .samplePerCentroid(Integer.MAX_VALUE / KSUB).initSamplePerCentroid(8).build(), vk, kernels);
          float[] cents = r.centroidsRef();
          long cb = cbBase + (long) KSUB * s * Float.BYTES;
          for (int c = 0; c < KSUB; c++) {
            int src = c < k ? c : 0; // unused codes repeat centroid 0, which wins ties, so they are never chosen
            for (int d = 0; d < dsub; d++) {
              params.set(BlockLayout.FLOAT_LE, cb + 4L * ((long) d * KSUB + c), cents[src * dsub + d]);
            }
          }
        }
      });
    }
    return open(params, 0, dim, m, l2, residual, kernels, vk);
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

  @Override
  public float encode(float[] x, float[] centroid, byte[] code, float[] work) {
    NearestCentroid[] enc = encoders();
    float[] scratch = new float[KSUB];
    double norm = 0;
    for (int j = 0; j < m; j++) {
      int s = starts[j];
      int dsub = starts[j + 1] - s;
      float[] sub = new float[dsub];
      for (int d = 0; d < dsub; d++) sub[d] = x[s + d] - (residual ? centroid[s + d] : 0f);
      int c = NearestCentroid.index(enc[j].nearest(sub, scratch));
      code[j] = (byte) c;
      if (l2) {
        for (int d = 0; d < dsub; d++) {
          double rec = (residual ? centroid[s + d] : 0f) + codeword(j, c, d);
          norm += rec * rec;
        }
      }
    }
    return (float) norm;
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
