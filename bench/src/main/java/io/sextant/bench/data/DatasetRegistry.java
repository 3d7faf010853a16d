package io.sextant.bench.data;

import io.sextant.core.data.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named datasets, fetched on first use into a cache folder outside the repository and reused
 * afterwards. The cache is {@code -Dsextant.datasets=DIR}, else the environment variable
 * {@code SEXTANT_DATASETS}, else {@code ~/.cache/sextant/datasets}; each dataset is a
 * {@link Dataset} folder named after it.
 *
 * <ul>
 *   <li>{@code fashion-mnist}: 60,000 × 784 images, 10,000 queries, euclidean;</li>
 *   <li>{@code wordnet-minilm}: 107,659 WordNet synsets embedded by all-MiniLM-L6-v2 (384-d,
 *       cosine), 10,000 held-out queries; embedding takes about 13 minutes on 2 idle cores and
 *       resumes chunk by chunk when interrupted;</li>
 *   <li>{@code wordnet-minilm-10k}: 10,000 of those as base, 1,000 queries (embeds 2 chunks);</li>
 *   <li>{@code synthetic-<dim>-<n>}, e.g. {@code synthetic-1536-100k}: generated (see
 *       {@link io.sextant.core.data.SyntheticDataset}), 1,000 queries, cosine.</li>
 * </ul>
 *
 * A name that is an existing folder is used as a dataset folder as it is. {@link #fetch} also
 * computes the exact top-{@value #GROUND_TRUTH_K} ground truth and caches it, so every run after
 * the first starts at once. Progress goes to stderr.
 */
public final class DatasetRegistry {
  /** Depth of the ground truth cached for every named dataset. */
  public static final int GROUND_TRUTH_K = 100;
  /** Example of the synthetic name pattern, for listings. */
  public static final String SYNTHETIC_PATTERN = "synthetic-<dim>-<n>";

  private final Path cache;

  /** A registry over {@code cache}. */
  public DatasetRegistry(Path cache) {
    this.cache = cache.toAbsolutePath();
  }

  /** The registry over the configured cache folder (see the class comment). */
  public static DatasetRegistry fromEnvironment() {
    return new DatasetRegistry(defaultCache());
  }

  /** {@code -Dsextant.datasets}, else {@code $SEXTANT_DATASETS}, else {@code ~/.cache/sextant/datasets}. */
  public static Path defaultCache() {
    String prop = System.getProperty("sextant.datasets");
    if (prop != null && !prop.isBlank()) return Path.of(prop);
    String env = System.getenv("SEXTANT_DATASETS");
    if (env != null && !env.isBlank()) return Path.of(env);
    return Path.of(System.getProperty("user.home"), ".cache", "sextant", "datasets");
  }

  public Path cache() {
    return cache;
  }

  /** The named datasets with a one-line description; synthetic sets appear as {@link #SYNTHETIC_PATTERN}. */
  public Map<String, String> list() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : new String[] {"fashion-mnist", "wordnet-minilm", "wordnet-minilm-10k"}) {
      out.put(name, source(name).description());
    }
    out.put(SYNTHETIC_PATTERN, "generated clustered Gaussian mixture imitating embeddings, unit length, cosine, "
        + "1,000 queries; n may end in k or m, e.g. synthetic-1536-100k");
    return out;
  }

  /** True when the dataset and its ground truth are already in the cache (or {@code name} is a folder). */
  public boolean isCached(String name) {
    Path dir = folderOf(name);
    return Files.exists(dir.resolve(Dataset.PROPERTIES))
        && Files.exists(dir.resolve("groundtruth-k" + GROUND_TRUTH_K + ".ivecs"));
  }

  /** The folder {@code name} is (or will be) cached in. */
  public Path folderOf(String name) {
    Path asPath = Path.of(name);
    if (Files.isDirectory(asPath)) return asPath.toAbsolutePath();
    source(name); // validates the name
    return cache.resolve(name);
  }

  /**
   * Makes sure {@code name} is in the cache with its ground truth, fetching, embedding or
   * generating it on first use; returns its folder.
   */
  public Path fetch(String name) throws IOException {
    Path dir = build(name);
    if (!Files.exists(dir.resolve("groundtruth-k" + GROUND_TRUTH_K + ".ivecs"))) {
      try (CacheLock lock = CacheLock.acquire(cache, dir.getFileName().toString());
           Dataset d = Dataset.open(dir);
           ProgressBar bar = new ProgressBar("exact ground truth k=" + GROUND_TRUTH_K + " for " + name,
               d.queries().size())) {
        d.groundTruth(GROUND_TRUTH_K, bar::set);
      }
    }
    return dir;
  }

  /** {@link #fetch} then {@link Dataset#open(Path)}. */
  public Dataset open(String name) throws IOException {
    return Dataset.open(fetch(name));
  }

  /** {@link #fetch} then {@link Dataset#open(Path, int, int)}: the first {@code maxBase} and {@code maxQueries}. */
  public Dataset open(String name, int maxBase, int maxQueries) throws IOException {
    return Dataset.open(fetch(name), maxBase, maxQueries);
  }

  /** Makes the dataset folder (no ground truth); package-private so tests can skip the expensive part. */
  Path build(String name) throws IOException {
    Path dir = folderOf(name);
    if (Files.exists(dir.resolve(Dataset.PROPERTIES)) || !dir.startsWith(cache)) return dir;
    DatasetSource src = source(name);
    Files.createDirectories(cache);
    try (CacheLock lock = CacheLock.acquire(cache, name)) {
      if (!Files.exists(dir.resolve(Dataset.PROPERTIES))) {
        System.err.println("dataset " + name + " is not in " + cache + "; building it: " + src.description());
        src.build(dir, cache);
      }
    }
    return dir;
  }

  static DatasetSource source(String name) {
    switch (name) {
      case "fashion-mnist":
        return new FashionMnistSource();
      case "wordnet-minilm":
        return new WordNetSource(0, 10_000, 10_000, -1);
      case "wordnet-minilm-10k":
        return new WordNetSource(0, 1_000, 10_000, 20_000);
      default:
        SyntheticSource s = SyntheticSource.parse(name);
        if (s != null) return s;
        throw new IllegalArgumentException("unknown dataset '" + name + "': expected fashion-mnist, wordnet-minilm, "
            + "wordnet-minilm-10k, " + SYNTHETIC_PATTERN + " (e.g. synthetic-1536-100k) or a dataset folder");
    }
  }
}
