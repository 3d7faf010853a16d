package io.sextant.core.testing;

import java.util.Random;

/**
 * Kinds of float vector pairs that stress kernels: ordinary data, zeros, extreme magnitudes that
 * stay finite, and cancellation (large terms summing to a small result).
 */
public enum FloatPairs {
  GAUSSIAN {
    @Override public float[][] pair(Random r, int n) {
      return new float[][] {RandomVectors.gaussian(r, n, 1), RandomVectors.gaussian(r, n, 1)};
    }
  },
  ZEROS {
    @Override public float[][] pair(Random r, int n) {
      return new float[][] {new float[n], new float[n]};
    }
  },
  /** One zero vector against a random one: cosine must be 0, not NaN. */
  ONE_ZERO {
    @Override public float[][] pair(Random r, int n) {
      return new float[][] {new float[n], RandomVectors.gaussian(r, n, 1)};
    }
  },
  /**
   * Magnitudes near 1e18, scaled down for long vectors so that n·max² (every partial sum of
   * squares) stays below Float.MAX_VALUE.
   */
  HUGE {
    @Override public float[][] pair(Random r, int n) {
      double scale = Math.min(1e18, Math.sqrt(Float.MAX_VALUE / (16.0 * n)));
      return new float[][] {RandomVectors.gaussian(r, n, scale), RandomVectors.gaussian(r, n, scale)};
    }
  },
  /** Magnitudes near 1e-18: products near 1e-36, just above the float normal range. */
  TINY {
    @Override public float[][] pair(Random r, int n) {
      return new float[][] {RandomVectors.gaussian(r, n, 1e-18), RandomVectors.gaussian(r, n, 1e-18)};
    }
  },
  /** Components spanning 1e-6..1e6 in one vector. */
  WIDE_RANGE {
    @Override public float[][] pair(Random r, int n) {
      float[][] p = new float[2][n];
      for (int k = 0; k < 2; k++) {
        for (int i = 0; i < n; i++) p[k][i] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(13) - 6));
      }
      return p;
    }
  },
  /**
   * Mixed signs with cancellation: a holds ±big in pairs (big, −big) and b holds big·(1+δ),
   * big·(1+δ′) with |δ| ~ 1e-6, so a·b is about 1e-6 of Σ|aᵢbᵢ|.
   */
  CANCELLATION {
    @Override public float[][] pair(Random r, int n) {
      float[] a = new float[n], b = new float[n];
      for (int i = 0; i < n; i++) {
        if (i % 2 == 0 || i == n - 1) {
          float big = (float) (1e4 * (1 + r.nextDouble()));
          a[i] = big;
          if (i + 1 < n) a[i + 1] = -big;
        }
        b[i] = Math.abs(a[i]) * (1 + (float) (r.nextGaussian() * 1e-6));
      }
      return new float[][] {a, b};
    }
  },
  /** b = a·(1+δ), |δ| ~ 1e-6: ‖a−b‖² is 1e-12 of ‖a‖², every difference cancels. */
  NEAR_DUPLICATE {
    @Override public float[][] pair(Random r, int n) {
      float[] a = RandomVectors.gaussian(r, n, 100), b = new float[n];
      for (int i = 0; i < n; i++) b[i] = a[i] * (1 + (float) (r.nextGaussian() * 1e-6));
      return new float[][] {a, b};
    }
  },
  /** b = a: squared distance 0 exactly, cosine 1. */
  IDENTICAL {
    @Override public float[][] pair(Random r, int n) {
      float[] a = RandomVectors.gaussian(r, n, 3);
      return new float[][] {a, a.clone()};
    }
  };

  /** Two vectors of length {@code n}. */
  public abstract float[][] pair(Random r, int n);
}
