package io.sextant.core.quant;

import io.sextant.core.vector.Similarity;
import io.sextant.core.vector.VectorChecks;
import io.sextant.core.vector.VectorKernels;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Objects;

/**
 * int8 scalar quantization: each component of a float vector becomes one signed byte, and the
 * int8 kernels estimate the float scores. Immutable and thread-safe once trained.
 *
 * <h2>Encoding</h2>
 * A range {@code [loⱼ, hiⱼ]} per dimension (or one range for all dimensions) is learned from a
 * sample as a central confidence interval: the {@code (1−c)/2} and {@code (1+c)/2} quantiles, so
 * rare outliers are clipped instead of stretching the grid for everyone. With
 * {@code Δⱼ = (hiⱼ − loⱼ)/255} and {@code mⱼ = loⱼ + 128·Δⱼ}:
 * <pre>
 *   cⱼ = round((clamp(xⱼ, loⱼ, hiⱼ) − loⱼ)/Δⱼ) − 128  ∈ [−128, 127]
 *   x̂ⱼ = mⱼ + Δⱼ·cⱼ                                   (the reconstruction)
 * </pre>
 * so {@code |xⱼ − x̂ⱼ| ≤ Δⱼ/2} for every component inside its range.
 *
 * <h2>Scoring a float query q against codes c</h2>
 * {@code q·x̂ = Σ qⱼmⱼ + Σ (qⱼΔⱼ)·cⱼ}. The first sum depends on the query only. For the second,
 * {@code wⱼ = qⱼΔⱼ} is itself quantized symmetrically with its own scale {@code s = max|wⱼ|/127},
 * {@code eⱼ = round(wⱼ/s)}, so it becomes one int8 dot product:
 * <pre>
 *   q·x̂ ≈ Σ qⱼmⱼ + s · dot₈(e, c)          error ≤ (s/2)·Σ|cⱼ|
 * </pre>
 * This works for per-dimension ranges (the scales are folded into the query) and for a global
 * range alike. The other similarities need one float per stored vector, its
 * {@link #correction(byte[]) correction} {@code ‖x̂‖²}:
 * <pre>
 *   ‖q − x̂‖² = ‖q‖² − 2·q·x̂ + ‖x̂‖²          cos(q, x̂) = q·x̂ / (‖q‖·‖x̂‖)
 * </pre>
 * Between two stored vectors with a global range the offsets cancel, {@code ‖x̂ − ŷ‖² = Δ²·l2₈(c, d)}
 * exactly, and {@code x̂·ŷ = (‖x̂‖² + ‖ŷ‖² − ‖x̂ − ŷ‖²)/2}; with per-dimension ranges the
 * reconstructions are compared in float.
 */
public final class ScalarQuantizer {
  /** How the quantization range is chosen. */
  public enum Range { GLOBAL, PER_DIMENSION }

  static final byte VERSION = 1;
  private static final int MAGIC = 0x53513801; // "SQ8" + 1

  private final Range range;
  private final float confidence;
  private final float[] lo;
  private final float[] hi;
  /** Δⱼ, and 1/Δⱼ (0 for a constant dimension: every value encodes to −128 and decodes to loⱼ). */
  private final float[] step;
  private final float[] inverseStep;
  private final float[] offset;

  private ScalarQuantizer(Range range, float confidence, float[] lo, float[] hi) {
    this.range = range;
    this.confidence = confidence;
    this.lo = lo;
    this.hi = hi;
    int d = lo.length;
    step = new float[d];
    inverseStep = new float[d];
    offset = new float[d];
    for (int j = 0; j < d; j++) {
      step[j] = (hi[j] - lo[j]) / 255f;
      inverseStep[j] = step[j] > 0 ? 1f / step[j] : 0f;
      offset[j] = lo[j] + 128f * step[j];
    }
  }

  /**
   * The default confidence, 0.9999: for Gaussian-like components the mean squared error of a
   * 256-level uniform grid is lowest when it spans about ±4σ, which holds 0.9999 of the mass.
   * (Measured on a 128-d Gaussian mixture: Lucene's {@code 1 − 1/(d+1)}, 0.992 there, gave 6×
   * (per dimension) to 19× (global) the mean squared reconstruction error of 0.9999.) Data with
   * heavy-tailed components wants a lower value.
   */
  public static final float DEFAULT_CONFIDENCE = 0.9999f;

  /** Learns ranges from {@code sample} (rows of equal dimension) with the {@link #DEFAULT_CONFIDENCE default confidence}. */
  public static ScalarQuantizer train(float[][] sample, Range range) {
    return train(sample, range, DEFAULT_CONFIDENCE);
  }

  /**
   * Learns ranges from {@code sample}: per dimension (or over all components for {@link Range#GLOBAL}),
   * the central interval holding a fraction {@code confidence} of the values, in (0, 1].
   */
  public static ScalarQuantizer train(float[][] sample, Range range, float confidence) {
    Objects.requireNonNull(range, "range");
    if (sample.length == 0) throw new IllegalArgumentException("cannot train a scalar quantizer on an empty sample");
    if (!(confidence > 0f && confidence <= 1f)) {
      throw new IllegalArgumentException("confidence must be in (0, 1], got " + confidence);
    }
    int d = sample[0] == null ? 0 : sample[0].length;
    if (d == 0) throw new IllegalArgumentException("sample vector 0 is null or empty");
    for (int i = 0; i < sample.length; i++) VectorChecks.requireValid(sample[i], d, "sample vector " + i);
    double tail = (1.0 - confidence) / 2;
    float[] lo = new float[d], hi = new float[d];
    if (range == Range.GLOBAL) {
      float[] all = new float[Math.multiplyExact(sample.length, d)];
      for (int i = 0; i < sample.length; i++) System.arraycopy(sample[i], 0, all, i * d, d);
      Arrays.sort(all);
      Arrays.fill(lo, quantile(all, tail));
      Arrays.fill(hi, quantile(all, 1 - tail));
    } else {
      float[] column = new float[sample.length];
      for (int j = 0; j < d; j++) {
        for (int i = 0; i < sample.length; i++) column[i] = sample[i][j];
        Arrays.sort(column);
        lo[j] = quantile(column, tail);
        hi[j] = quantile(column, 1 - tail);
      }
    }
    return new ScalarQuantizer(range, confidence, lo, hi);
  }

  /** Linear interpolation between the order statistics around {@code p·(n−1)}. */
  private static float quantile(float[] sorted, double p) {
    double pos = p * (sorted.length - 1);
    int i = (int) Math.floor(pos);
    if (i >= sorted.length - 1) return sorted[sorted.length - 1];
    double frac = pos - i;
    return (float) (sorted[i] + frac * ((double) sorted[i + 1] - sorted[i]));
  }

  public int dimension() { return lo.length; }

  public Range range() { return range; }

  public float confidence() { return confidence; }

  /** Lower end of the range of dimension {@code j}. */
  public float lower(int j) { return lo[j]; }

  /** Upper end of the range of dimension {@code j}. */
  public float upper(int j) { return hi[j]; }

  /** Grid step Δⱼ of dimension {@code j}: components inside the range reconstruct within Δⱼ/2. */
  public float step(int j) { return step[j]; }

  /** The codes of {@code v}. */
  public byte[] encode(float[] v) {
    byte[] out = new byte[dimension()];
    encode(v, out);
    return out;
  }

  /** Writes the codes of {@code v} into {@code out} and returns their {@link #correction(byte[]) correction} ‖x̂‖². */
  public float encode(float[] v, byte[] out) {
    VectorChecks.requireValid(v, dimension(), "vector to quantize");
    VectorChecks.requireSameLength(out.length, dimension());
    double norm2 = 0;
    for (int j = 0; j < v.length; j++) {
      float x = Math.min(hi[j], Math.max(lo[j], v[j]));
      int c = Math.round((x - lo[j]) * inverseStep[j]);
      c = Math.min(255, Math.max(0, c)) - 128;
      out[j] = (byte) c;
      double r = offset[j] + (double) step[j] * c;
      norm2 += r * r;
    }
    return (float) norm2;
  }

  /** The reconstruction x̂ of {@code codes}. */
  public float[] decode(byte[] codes) {
    VectorChecks.requireSameLength(codes.length, dimension());
    float[] v = new float[codes.length];
    for (int j = 0; j < v.length; j++) v[j] = reconstruct(j, codes[j]);
    return v;
  }

  private float reconstruct(int j, byte c) {
    return (float) (offset[j] + (double) step[j] * c);
  }

  /** ‖x̂‖², the per-vector float that EUCLIDEAN and COSINE estimates need; store it beside the codes. */
  public float correction(byte[] codes) {
    VectorChecks.requireSameLength(codes.length, dimension());
    double norm2 = 0;
    for (int j = 0; j < codes.length; j++) {
      double r = offset[j] + (double) step[j] * codes[j];
      norm2 += r * r;
    }
    return (float) norm2;
  }

  /**
   * A float query prepared for int8 scoring against this quantizer's codes: {@code codes} = e,
   * {@code scale} = s, {@code offsetDot} = Σ qⱼmⱼ, {@code squaredNorm} = ‖q‖².
   */
  public record Query(byte[] codes, float scale, float offsetDot, float squaredNorm) {}

  /** Prepares {@code q} (once per search) for the {@code estimate} methods. */
  public Query prepare(float[] q) {
    VectorChecks.requireValid(q, dimension(), "query");
    double maxAbs = 0, offsetDot = 0, qq = 0;
    for (int j = 0; j < q.length; j++) {
      maxAbs = Math.max(maxAbs, Math.abs((double) q[j] * step[j]));
      offsetDot += (double) q[j] * offset[j];
      qq += (double) q[j] * q[j];
    }
    double s = maxAbs / 127;
    byte[] e = new byte[q.length];
    if (s > 0) {
      for (int j = 0; j < q.length; j++) e[j] = (byte) Math.round((double) q[j] * step[j] / s);
    }
    return new Query(e, (float) s, (float) offsetDot, (float) qq);
  }

  /** Estimate of {@link Similarity#raw} between the query and the vector with {@code codes} and {@code correction}. */
  public float estimate(VectorKernels k, Similarity similarity, Query q, byte[] codes, float correction) {
    return fromDot(similarity, q, q.offsetDot() + q.scale() * k.dot(q.codes(), codes), correction);
  }

  /** As {@link #estimate(VectorKernels, Similarity, Query, byte[], float)}, codes read at byte {@code offset} of {@code data}. */
  public float estimate(VectorKernels k, Similarity similarity, Query q, MemorySegment data, long offset, float correction) {
    return fromDot(similarity, q, q.offsetDot() + q.scale() * k.dot(q.codes(), data, offset), correction);
  }

  private static float fromDot(Similarity similarity, Query q, float dot, float correction) {
    return switch (similarity) {
      case DOT_PRODUCT, MAXIMUM_INNER_PRODUCT -> dot;
      case EUCLIDEAN -> -Math.max(0f, q.squaredNorm() - 2 * dot + correction);
      case COSINE -> cosine(dot, q.squaredNorm(), correction);
    };
  }

  private static float cosine(float dot, float aa, float bb) {
    double denom = Math.sqrt((double) aa * bb);
    return denom == 0 ? 0f : (float) (dot / denom);
  }

  /**
   * Estimate of {@link Similarity#raw} between two stored vectors (e.g. while building a graph).
   * With a global range this is exact on the reconstructions (int8 squared distance); with
   * per-dimension ranges it compares the reconstructions in float.
   */
  public float estimateBetweenCodes(VectorKernels k, Similarity similarity, byte[] a, float correctionA, byte[] b,
      float correctionB) {
    VectorChecks.requireSameLength(a.length, dimension());
    VectorChecks.requireSameLength(b.length, dimension());
    float l2;
    if (range == Range.GLOBAL) {
      l2 = step[0] * step[0] * k.squareDistance(a, b);
    } else {
      double s = 0;
      for (int j = 0; j < a.length; j++) {
        double d = (double) step[j] * (a[j] - b[j]);
        s += d * d;
      }
      l2 = (float) s;
    }
    if (similarity == Similarity.EUCLIDEAN) return -l2;
    float dot = (correctionA + correctionB - l2) / 2;
    return similarity == Similarity.COSINE ? cosine(dot, correctionA, correctionB) : dot;
  }

  /** Serialized form: magic, version byte, range, dimension, confidence, then lo and hi per dimension. */
  public void writeTo(DataOutput out) throws IOException {
    out.writeInt(MAGIC);
    out.writeByte(VERSION);
    out.writeByte(range.ordinal());
    out.writeInt(dimension());
    out.writeFloat(confidence);
    for (int j = 0; j < dimension(); j++) {
      out.writeFloat(lo[j]);
      out.writeFloat(hi[j]);
    }
  }

  /** Reads what {@link #writeTo} wrote; a corrupt or foreign input is an {@link IOException} naming the field. */
  public static ScalarQuantizer readFrom(DataInput in) throws IOException {
    int magic = in.readInt();
    if (magic != MAGIC) {
      throw new IOException(String.format("not a scalar quantizer: magic 0x%08x, expected 0x%08x", magic, MAGIC));
    }
    byte version = in.readByte();
    if (version != VERSION) throw new IOException("scalar quantizer version " + version + " is not supported (expected " + VERSION + ")");
    int r = in.readUnsignedByte();
    if (r >= Range.values().length) throw new IOException("scalar quantizer range code " + r + " is unknown (expected 0 or 1)");
    int d = in.readInt();
    if (d <= 0 || d > (1 << 20)) throw new IOException("scalar quantizer dimension " + d + " is out of range (1.." + (1 << 20) + ")");
    float confidence = in.readFloat();
    if (!(confidence > 0f && confidence <= 1f)) throw new IOException("scalar quantizer confidence " + confidence + " is not in (0, 1]");
    float[] lo = new float[d], hi = new float[d];
    for (int j = 0; j < d; j++) {
      lo[j] = in.readFloat();
      hi[j] = in.readFloat();
      if (!Float.isFinite(lo[j]) || !Float.isFinite(hi[j]) || lo[j] > hi[j]) {
        throw new IOException("scalar quantizer range of dimension " + j + " is invalid: [" + lo[j] + ", " + hi[j] + "]");
      }
    }
    return new ScalarQuantizer(Range.values()[r], confidence, lo, hi);
  }

  public byte[] toBytes() {
    return QuantizerBytes.write(this::writeTo);
  }

  public static ScalarQuantizer fromBytes(byte[] bytes) throws IOException {
    return QuantizerBytes.read(bytes, ScalarQuantizer::readFrom);
  }

  @Override public String toString() {
    return "ScalarQuantizer[" + range + ", dimension " + dimension() + ", confidence " + confidence + "]";
  }
}
