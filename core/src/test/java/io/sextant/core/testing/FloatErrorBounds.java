package io.sextant.core.testing;

/**
 * Worst-case rounding error bounds for float32 kernels, measured against
 * {@link ReferenceKernels} (which computes in double).
 *
 * <p>Model (Higham, <i>Accuracy and Stability of Numerical Algorithms</i>, §2–3): every float
 * operation returns {@code (x op y)(1+δ) + η} with {@code |δ| ≤ u = 2⁻²⁴} and an absolute
 * underflow term {@code |η| ≤ 2⁻¹⁵⁰} for products (sums of subnormals are exact). A sum of
 * {@code n} products evaluated in <em>any</em> order (lanes, several accumulators, a final lane
 * reduction, a fused or separate multiply, extra exact additions of zero from masked lanes) puts
 * each term through at most {@code n} roundings, hence
 *
 * <pre>
 *   |dot_f32 − a·b|  ≤  γₙ·Σ|aᵢbᵢ| + n·2⁻¹⁴⁹,                      γₙ = n·u / (1 − n·u)
 * </pre>
 *
 * with constant c = 1. The squared distance rounds each difference once more and squares it
 * (relative error ≤ (1+u)²(1+u)), all terms are non-negative, so
 * {@code |l2_f32 − ‖a−b‖²| ≤ γₙ₊₂·‖a−b‖² + n·2⁻¹⁴⁹}. For cosine, with {@code ab, aa, bb} as above
 * and the final division and square root in double, then one rounding to float:
 * {@code |cos_f32 − cos| ≤ E + u·(|cos| + E)}, with
 * {@code E = ((γₙ + ρ)(|cos| + Σ|aᵢbᵢ|/(‖a‖‖b‖)) + 2n·2⁻¹⁴⁹/(‖a‖‖b‖)) / (1 − γₙ − ρ)}
 * where ρ covers the double ops and the underflow terms relative to {@code aa, bb}: the errors of
 * ‖a‖² and ‖b‖² are relative (all terms positive) and the square root halves them.
 * Each bound also includes the double reference's own error {@code γₙ^(53)·Σ|terms|}.
 * Two implementations obeying the bound differ from each other by at most twice the bound.
 */
public final class FloatErrorBounds {
  /** Unit roundoff of float32, round to nearest. */
  public static final double U = 0x1p-24;
  private static final double U_DOUBLE = 0x1p-53;
  private static final double UNDERFLOW = 0x1p-149;

  private FloatErrorBounds() {}

  /** γₙ = n·u/(1 − n·u). */
  public static double gamma(int n) {
    return gamma(n, U);
  }

  private static double gamma(int n, double u) {
    double nu = n * u;
    if (nu >= 1) throw new IllegalArgumentException("n = " + n + " is too large for a rounding bound");
    return nu / (1 - nu);
  }

  public static double dot(float[] a, float[] b) {
    int n = a.length;
    double s = ReferenceKernels.sumAbsProducts(a, b);
    return (gamma(n) + gamma(n + 1, U_DOUBLE)) * s + n * UNDERFLOW;
  }

  public static double squareDistance(float[] a, float[] b) {
    int n = a.length;
    double s = ReferenceKernels.squareDistance(a, b);
    return (gamma(n + 2) + gamma(n + 2, U_DOUBLE)) * s + n * UNDERFLOW;
  }

  public static double cosine(float[] a, float[] b) {
    int n = a.length;
    double aa = ReferenceKernels.dot(a, a), bb = ReferenceKernels.dot(b, b);
    if (aa == 0 || bb == 0) return 0; // both sides return exactly 0
    double cos = Math.abs(ReferenceKernels.cosine(a, b));
    double ratio = ReferenceKernels.sumAbsProducts(a, b) / Math.sqrt(aa * bb);
    double d = Math.sqrt(aa * bb);
    double underflow = n * UNDERFLOW;
    // ρ: double product, sqrt and division (3 roundings, padded to 8), the double reference's own
    // summation error, and the underflow terms of aa and bb relative to their size.
    double rho = 8 * U_DOUBLE + gamma(n + 1, U_DOUBLE) + underflow / aa + underflow / bb;
    double g = gamma(n) + rho;
    double beforeRounding = (g * (cos + ratio) + 2 * underflow / d) / (1 - g);
    return beforeRounding + U * (cos + beforeRounding);
  }

  /** Bound of {@link io.sextant.core.vector.Similarity#raw}: the bound of the kernel it calls. */
  public static double raw(io.sextant.core.vector.Similarity similarity, float[] q, float[] v) {
    return switch (similarity) {
      case EUCLIDEAN -> squareDistance(q, v);
      case DOT_PRODUCT, MAXIMUM_INNER_PRODUCT -> dot(q, v);
      case COSINE -> cosine(q, v);
    };
  }
}
