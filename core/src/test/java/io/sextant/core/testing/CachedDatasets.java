package io.sextant.core.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sextant.core.data.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Real datasets for tests, from the local cache ({@code ~/.cache/sextant/datasets}, filled by
 * {@code bin/sextant-bench datasets fetch}). A test asking for one that is absent is skipped on a
 * developer's machine but fails under CI ({@code CI=true}): {@code .ci/run} fetches the datasets
 * first, so there a missing one is a broken install step, and skipping would hide the tests that
 * need it.
 */
public final class CachedDatasets {
  public static final Path CACHE = Path.of(System.getProperty("user.home"), ".cache", "sextant", "datasets");

  private CachedDatasets() {}

  /** The cached folder of dataset {@code name}; skips the calling test without it, or fails it under CI. */
  public static Path require(String name) {
    Path folder = CACHE.resolve(name);
    boolean cached = Files.isRegularFile(folder.resolve(Dataset.PROPERTIES));
    String why = "dataset " + name + " is not cached in " + CACHE + " (bin/sextant-bench datasets fetch " + name + ")";
    if (!cached && "true".equals(System.getenv("CI"))) throw new IllegalStateException(why + "; CI must fetch it first");
    assumeTrue(cached, why);
    return folder;
  }
}
