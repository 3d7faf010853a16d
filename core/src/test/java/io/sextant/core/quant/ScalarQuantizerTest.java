package io.sextant.core.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.core.quant.ScalarQuantizer.Range;
import io.sextant.core.testing.ExactNeighbours;
import io.sextant.core.testing.RandomVectors;
import io.sextant.core.testing.ReferenceKernels;
import io.sextant.core.vector.Kernels;
import io.sextant.core.vector.Similarity;
import io.sextant.core.vector.VectorKernels;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ScalarQuantizerTest {
  private static final VectorKernels K = Kernels.get();
  private static ClusteredData data;

  @BeforeAll
  static void data() {
    data = ClusteredData.generate(1);
  }

  /** Float rounding slack of a reconstruction: a few ulps of the range ends. */
  private static double slack(ScalarQuantizer sq, int j) {
    return 4 * Math.ulp(Math.max(Math.abs(sq.lower(j)), Math.abs(sq.upper(j))));
  }

  @ParameterizedTest
  @EnumSource(Range.class)
  void componentsInsideTheRangeReconstructWithinHalfAStepAndOutliersAreClipped(Range range) {
    ScalarQuantizer sq = ScalarQuantizer.train(data.sample(), range, 0.99f);
    Random r = new Random(2);
    int inside = 0, clipped = 0;
    for (int i = 0; i < 2000; i++) {
      float[] x = data.base()[i].clone();
      if (i % 10 == 0) x[r.nextInt(x.length)] *= 25; // an outlier component
      float[] rec = sq.decode(sq.encode(x));
      for (int j = 0; j < x.length; j++) {
        double half = sq.step(j) / 2 + slack(sq, j);
        if (x[j] >= sq.lower(j) && x[j] <= sq.upper(j)) {
          inside++;
          assertThat((double) Math.abs(x[j] - rec[j])).as("vector %d dim %d", i, j).isLessThanOrEqualTo(half);
        } else {
          clipped++;
          float edge = x[j] < sq.lower(j) ? sq.lower(j) : sq.upper(j);
          assertThat((double) Math.abs(edge - rec[j])).as("clipped vector %d dim %d", i, j).isLessThanOrEqualTo(half);
        }
      }
    }
    // confidence 0.99 on the sample: about 1% of components fall outside on data from the same mixture
    assertThat((double) clipped / (inside + clipped)).isBetween(0.002, 0.03);
  }

  @ParameterizedTest
  @EnumSource(Range.class)
  void defaultConfidenceGivesSmallRelativeReconstructionError(Range range) {
    ScalarQuantizer sq = ScalarQuantizer.train(data.sample(), range);
    double rel = 0;
    for (float[] x : data.base()) {
      rel += ReferenceKernels.squareDistance(sq.decode(sq.encode(x)), x) / ReferenceKernels.dot(x, x);
    }
    rel /= data.base().length;
    System.out.printf("scalar quantizer %s, default confidence: mean ‖x−x̂‖²/‖x‖² = %.3e%n", range, rel);
    // A uniform 8-bit grid over ±4σ has step 8σ/255 and error variance step²/12 ≈ 8e-5·σ²; the
    // components here have σ² ≈ 1.25 and ‖x‖²/d ≈ 1.25, so the ratio is ≈ 8e-5 plus clipping and
    // the spread of the learned ranges. Measured 0.9e-4 (global) and 1.4e-4 (per dimension).
    assertThat(rel).isLessThan(2.5e-4);
  }

  /**
   * Deterministic error bound of the dot estimate: |est − q·x| ≤ Σ|qⱼ|·|xⱼ − x̂ⱼ| (reconstruction)
   * + (s/2)·Σ|cⱼ| (query quantization) + 1e-5·(Σ|qⱼmⱼ| + s·Σ|eⱼcⱼ|) (float rounding, ~170 u).
   * The squared distance and cosine follow from the same dot error.
   */
  @ParameterizedTest
  @EnumSource(Range.class)
  void estimatesStayWithinTheDerivedBound(Range range) {
    ScalarQuantizer sq = ScalarQuantizer.train(data.sample(), range);
    for (float[] q : Arrays.copyOf(data.queries(), 20)) {
      ScalarQuantizer.Query pq = sq.prepare(q);
      for (int i = 0; i < 300; i++) {
        float[] x = data.base()[i];
        byte[] c = sq.encode(x);
        float corr = sq.correction(c);
        float[] rec = sq.decode(c);
        double recErr = 0, codeSum = 0, roundingScale = 0;
        for (int j = 0; j < x.length; j++) {
          recErr += Math.abs((double) q[j]) * Math.abs((double) x[j] - rec[j]);
          codeSum += Math.abs(c[j]);
          roundingScale += Math.abs((double) q[j] * (rec[j] - sq.step(j) * c[j])) + pq.scale() * Math.abs(pq.codes()[j] * c[j]);
        }
        double dotErr = pq.scale() / 2 * codeSum + 1e-5 * roundingScale;
        double bound = recErr + dotErr;
        float est = sq.estimate(K, Similarity.DOT_PRODUCT, pq, c, corr);
        assertThat(Math.abs(est - ReferenceKernels.dot(q, x))).as("dot, vector %d", i).isLessThanOrEqualTo(bound);
        // against the reconstruction only the query quantization and rounding remain
        assertThat(Math.abs(est - ReferenceKernels.dot(q, rec))).as("dot vs x̂, vector %d", i).isLessThanOrEqualTo(dotErr);
        double l2 = -sq.estimate(K, Similarity.EUCLIDEAN, pq, c, corr);
        double exactL2 = ReferenceKernels.squareDistance(q, rec);
        assertThat(Math.abs(l2 - exactL2)).as("l2 vs x̂, vector %d", i)
            .isLessThanOrEqualTo(2 * dotErr + 1e-6 * (ReferenceKernels.dot(q, q) + corr));
        double cos = sq.estimate(K, Similarity.COSINE, pq, c, corr);
        double norms = Math.sqrt(ReferenceKernels.dot(q, q) * ReferenceKernels.dot(rec, rec));
        assertThat(Math.abs(cos - ReferenceKernels.cosine(q, rec))).as("cosine vs x̂, vector %d", i)
            .isLessThanOrEqualTo(dotErr / norms + 1e-5);
      }
    }
  }

  /**
   * Ranking quality on clustered data (5000 × 128-d, 40 clusters, 50 queries): the top 10 by
   * estimate must lie in the exact top 50 (measured 1.000) and overlap the exact top 10 by at
   * least 0.90 on average (measured 0.94–0.98; near ties inside a cluster swap places).
   */
  @ParameterizedTest
  @EnumSource(Range.class)
  void estimatesRankLikeTheExactScores(Range range) {
    ScalarQuantizer sq = ScalarQuantizer.train(data.sample(), range);
    float[][] base = data.base();
    byte[][] codes = new byte[base.length][ClusteredData.DIM];
    float[] corr = new float[base.length];
    for (int i = 0; i < base.length; i++) corr[i] = sq.encode(base[i], codes[i]);
    for (Similarity sim : Similarity.values()) {
      double in50 = 0, in10 = 0;
      for (float[] q : data.queries()) {
        ScalarQuantizer.Query pq = sq.prepare(q);
        double[] est = new double[base.length];
        for (int i = 0; i < base.length; i++) est[i] = sq.estimate(K, sim, pq, codes[i], corr[i]);
        double[] exact = ExactNeighbours.rawScores(sim, q, base);
        int[] top = ExactNeighbours.topK(est, 10);
        in50 += ExactNeighbours.overlap(top, ExactNeighbours.topK(exact, 50));
        in10 += ExactNeighbours.overlap(top, ExactNeighbours.topK(exact, 10));
      }
      in50 /= data.queries().length;
      in10 /= data.queries().length;
      System.out.printf("scalar quantizer %s %s: top-10 by estimate in exact top-50 %.3f, in exact top-10 %.3f%n",
          range, sim, in50, in10);
      assertThat(in50).as("%s %s top-10 in exact top-50", range, sim).isGreaterThanOrEqualTo(0.99);
      assertThat(in10).as("%s %s recall@10", range, sim).isGreaterThanOrEqualTo(0.90);
    }
  }

  @ParameterizedTest
  @EnumSource(Range.class)
  void segmentFormReadsCodesInPlace(Range range) {
    ScalarQuantizer sq = ScalarQuantizer.train(data.sample(), range);
    ScalarQuantizer.Query pq = sq.prepare(data.queries()[0]);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment s = arena.allocate(3 + 10L * ClusteredData.DIM);
      for (int i = 0; i < 10; i++) {
        MemorySegment.copy(sq.encode(data.base()[i]), 0, s, ValueLayout.JAVA_BYTE, 3 + (long) i * ClusteredData.DIM, ClusteredData.DIM);
      }
      for (int i = 0; i < 10; i++) {
        byte[] c = sq.encode(data.base()[i]);
        for (Similarity sim : Similarity.values()) {
          assertThat(sq.estimate(K, sim, pq, s, 3 + (long) i * ClusteredData.DIM, sq.correction(c)))
              .isEqualTo(sq.estimate(K, sim, pq, c, sq.correction(c)));
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Range.class)
  void betweenCodesMatchesTheReconstructions(Range range) {
    ScalarQuantizer sq = ScalarQuantizer.train(data.sample(), range);
    for (int i = 0; i < 200; i++) {
      byte[] a = sq.encode(data.base()[i]), b = sq.encode(data.base()[i + 1]);
      float[] ra = sq.decode(a), rb = sq.decode(b);
      float ca = sq.correction(a), cb = sq.correction(b);
      double scale = ReferenceKernels.dot(ra, ra) + ReferenceKernels.dot(rb, rb);
      assertThat((double) -sq.estimateBetweenCodes(K, Similarity.EUCLIDEAN, a, ca, b, cb))
          .isCloseTo(ReferenceKernels.squareDistance(ra, rb), org.assertj.core.data.Offset.offset(1e-6 * scale));
      assertThat((double) sq.estimateBetweenCodes(K, Similarity.DOT_PRODUCT, a, ca, b, cb))
          .isCloseTo(ReferenceKernels.dot(ra, rb), org.assertj.core.data.Offset.offset(1e-6 * scale));
      assertThat((double) sq.estimateBetweenCodes(K, Similarity.COSINE, a, ca, b, cb))
          .isCloseTo(ReferenceKernels.cosine(ra, rb), org.assertj.core.data.Offset.offset(1e-5));
    }
  }

  @Test
  void aConstantDimensionEncodesToItsValue() {
    float[][] sample = RandomVectors.gaussianRows(new Random(3), 50, 4);
    for (float[] v : sample) v[2] = 7.5f;
    for (Range range : Range.values()) {
      ScalarQuantizer sq = ScalarQuantizer.train(sample, range, 1f);
      float[] rec = sq.decode(sq.encode(sample[0]));
      if (range == Range.PER_DIMENSION) assertThat(rec[2]).isEqualTo(7.5f);
      for (float x : rec) assertThat(x).isFinite();
    }
  }

  @ParameterizedTest
  @EnumSource(Range.class)
  void serializedFormRoundTrips(Range range) throws IOException {
    ScalarQuantizer sq = ScalarQuantizer.train(data.sample(), range, 0.995f);
    ScalarQuantizer back = ScalarQuantizer.fromBytes(sq.toBytes());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    sq.writeTo(new DataOutputStream(bytes));
    ScalarQuantizer viaStream = ScalarQuantizer.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    for (ScalarQuantizer other : new ScalarQuantizer[] {back, viaStream}) {
      assertThat(other.range()).isEqualTo(range);
      assertThat(other.confidence()).isEqualTo(0.995f);
      assertThat(other.dimension()).isEqualTo(ClusteredData.DIM);
      for (int i = 0; i < 100; i++) assertThat(other.encode(data.base()[i])).isEqualTo(sq.encode(data.base()[i]));
    }
  }

  @Test
  void corruptSerializedFormsAreRejectedWithTheField() {
    byte[] good = ScalarQuantizer.train(data.sample(), Range.PER_DIMENSION).toBytes();
    byte[] magic = good.clone();
    magic[0] ^= 1;
    assertThatThrownBy(() -> ScalarQuantizer.fromBytes(magic)).isInstanceOf(IOException.class).hasMessageContaining("magic");
    byte[] version = good.clone();
    version[4] = 9;
    assertThatThrownBy(() -> ScalarQuantizer.fromBytes(version)).hasMessageContaining("version 9");
    assertThatThrownBy(() -> ScalarQuantizer.fromBytes(Arrays.copyOf(good, good.length - 3))).hasMessageContaining("truncated");
    assertThatThrownBy(() -> ScalarQuantizer.fromBytes(Arrays.copyOf(good, good.length + 2))).hasMessageContaining("2 trailing bytes");
    byte[] range = good.clone();
    // dimension 5's lo (offset: magic 4, version 1, range 1, dim 4, confidence 4, then 8 bytes per dimension)
    ByteBuffer.wrap(range).putFloat(14 + 5 * 8, 1e30f);
    assertThatThrownBy(() -> ScalarQuantizer.fromBytes(range)).hasMessageContaining("range of dimension 5 is invalid");
  }

  @Test
  void badInputIsRejectedWithAClearMessage() {
    ScalarQuantizer sq = ScalarQuantizer.train(data.sample(), Range.GLOBAL);
    float[] nan = data.base()[0].clone();
    nan[17] = Float.NaN;
    assertThatThrownBy(() -> sq.encode(nan)).hasMessageContaining("index 17");
    assertThatThrownBy(() -> sq.encode(new float[3])).hasMessageContaining("dimension 3, expected 128");
    assertThatThrownBy(() -> sq.prepare(new float[3])).hasMessageContaining("query has dimension 3");
    assertThatThrownBy(() -> ScalarQuantizer.train(new float[0][], Range.GLOBAL)).hasMessageContaining("empty sample");
    assertThatThrownBy(() -> ScalarQuantizer.train(data.sample(), Range.GLOBAL, 0f)).hasMessageContaining("confidence");
    float[][] ragged = {new float[4], new float[5]};
    assertThatThrownBy(() -> ScalarQuantizer.train(ragged, Range.GLOBAL)).hasMessageContaining("sample vector 1 has dimension 5");
  }
}
