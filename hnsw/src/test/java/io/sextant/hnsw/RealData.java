package io.sextant.hnsw;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sextant.core.data.Dataset;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A slice of a dataset from the local cache ({@code ~/.cache/sextant/datasets}, filled by
 * {@code bin/sextant-bench datasets fetch}); tests using it are skipped where the cache is absent,
 * except in CI ({@code CI=true}), where {@code .ci/run} fetches the datasets first and a missing one
 * must fail the run rather than hide the tests that need it.
 */
record RealData(float[][] base, float[][] queries, Similarity similarity) {
  static final Path CACHE = Path.of(System.getProperty("user.home"), ".cache", "sextant", "datasets");

  /** The first {@code n} base vectors and {@code q} queries of dataset {@code name}. */
  static RealData load(String name, int n, int q) throws IOException {
    Path folder = requireCached(name);
    try (Dataset d = Dataset.open(folder, n, q)) {
      return new RealData(rows(d.base()), rows(d.queries()), d.similarity());
    }
  }

  /** The cached folder of dataset {@code name}; skips the test without it, or fails it under CI. */
  static Path requireCached(String name) {
    Path folder = CACHE.resolve(name);
    boolean cached = Files.isRegularFile(folder.resolve(Dataset.PROPERTIES));
    String why = "dataset " + name + " is not cached in " + CACHE + " (bin/sextant-bench datasets fetch " + name + ")";
    if (!cached && "true".equals(System.getenv("CI"))) throw new IllegalStateException(why + "; CI must fetch it first");
    assumeTrue(cached, why);
    return folder;
  }

  private static float[][] rows(FloatVectors v) {
    float[][] out = new float[v.size()][];
    for (int i = 0; i < out.length; i++) out[i] = v.get(i);
    return out;
  }
}
