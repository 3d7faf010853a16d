package io.sextant.core.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad vectors are rejected at the API boundary with a message naming what and where. */
class VectorChecksTest {

  @ParameterizedTest
  @ValueSource(floats = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY})
  void nonFiniteComponentsAreRejectedWithTheirIndex(float bad) {
    float[] v = {1f, 2f, 3f, 4f, 5f};
    v[3] = bad;
    assertThatThrownBy(() -> VectorChecks.requireValid(v, 5, "query"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("query")
        .hasMessageContaining("non-finite")
        .hasMessageContaining(String.valueOf(bad))
        .hasMessageContaining("index 3");
  }

  @Test
  void dimensionMismatchNamesBothDimensions() {
    assertThatThrownBy(() -> VectorChecks.requireValid(new float[3], 4, "vector of id 'doc-3'"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("vector of id 'doc-3' has dimension 3, expected 4");
  }

  @Test
  void nullIsRejected() {
    assertThatThrownBy(() -> VectorChecks.requireValid(null, 4, "query"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("query is null");
  }

  @Test
  void zeroVectorIsRejectedOnlyForCosine() {
    assertThatThrownBy(() -> VectorChecks.requireValid(new float[4], 4, Similarity.COSINE, "query"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zero vector");
    for (Similarity s : new Similarity[] {Similarity.EUCLIDEAN, Similarity.DOT_PRODUCT, Similarity.MAXIMUM_INNER_PRODUCT}) {
      assertThat(VectorChecks.requireValid(new float[4], 4, s, "query")).hasSize(4);
    }
  }

  @Test
  void validVectorsPassThrough() {
    float[] v = {-Float.MAX_VALUE, Float.MIN_VALUE, 0f, -0f, 1e-40f};
    assertThat(VectorChecks.requireValid(v, 5, "v")).isSameAs(v);
  }

  static java.util.List<VectorKernels> implementations() {
    return KernelImplementations.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("implementations")
  void kernelsRejectArraysOfDifferentLengths(VectorKernels k) {
    String message = "vector dimensions differ: 3 vs 4";
    assertThatThrownBy(() -> k.dot(new float[3], new float[4])).hasMessage(message);
    assertThatThrownBy(() -> k.squareDistance(new float[3], new float[4])).hasMessage(message);
    assertThatThrownBy(() -> k.cosine(new float[3], new float[4])).hasMessage(message);
    assertThatThrownBy(() -> k.dot(new byte[3], new byte[4])).hasMessage(message);
    assertThatThrownBy(() -> k.squareDistance(new byte[3], new byte[4])).hasMessage(message);
    assertThatThrownBy(() -> k.hamming(new long[3], new long[4])).hasMessage(message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("implementations")
  void segmentFormsNeverReadPastTheMemory(VectorKernels k) {
    MemorySegment s = MemorySegment.ofArray(new byte[4 * 17]);
    assertThatThrownBy(() -> k.dot(new float[17], s, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> k.squareDistance(new float[18], s, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> k.cosine(new float[17], s, 4)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> k.dot(new byte[69], s, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> k.squareDistance(new byte[64], s, 5)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> k.hamming(new long[9], s, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    // and exactly at the end is fine
    assertThat(k.dot(new float[17], s, 0)).isZero();
    assertThat(k.dot(new byte[64], s, 4)).isZero();
    assertThat(k.hamming(new long[8], s, 4)).isZero();
  }
}
