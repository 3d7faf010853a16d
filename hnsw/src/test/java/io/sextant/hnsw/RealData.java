package io.sextant.hnsw;

import io.sextant.core.data.Dataset;
import io.sextant.core.testing.CachedDatasets;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A slice of a dataset from the local cache; skipped where it is absent, failed under CI
 * ({@link CachedDatasets#require}).
 */
record RealData(float[][] base, float[][] queries, Similarity similarity) {
  /** The first {@code n} base vectors and {@code q} queries of dataset {@code name}. */
  static RealData load(String name, int n, int q) throws IOException {
    Path folder = CachedDatasets.require(name);
    try (Dataset d = Dataset.open(folder, n, q)) {
      return new RealData(rows(d.base()), rows(d.queries()), d.similarity());
    }
  }

  private static float[][] rows(FloatVectors v) {
    float[][] out = new float[v.size()][];
    for (int i = 0; i < out.length; i++) out[i] = v.get(i);
    return out;
  }
}
