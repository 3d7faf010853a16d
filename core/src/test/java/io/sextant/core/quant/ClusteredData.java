package io.sextant.core.quant;

import io.sextant.core.testing.RandomVectors;
import java.util.Arrays;
import java.util.Random;

/** A seeded Gaussian mixture split into base vectors, a training sample and queries. */
record ClusteredData(float[][] base, float[][] sample, float[][] queries) {
  static final int DIM = 128;

  static ClusteredData generate(long seed) {
    Random r = new Random(seed);
    // 40 clusters, noise 0.5 around N(0,1) centres: ~125 vectors per cluster, many near ties.
    float[][] all = RandomVectors.clustered(r, 5050, DIM, 40, 0.5);
    float[][] base = Arrays.copyOf(all, 5000);
    return new ClusteredData(base, Arrays.copyOf(base, 1000), Arrays.copyOfRange(all, 5000, 5050));
  }
}
