package io.sextant.bench.data;

import io.sextant.core.data.Dataset;
import io.sextant.core.data.SyntheticDataset;
import io.sextant.core.data.VectorBlock;
import io.sextant.core.vector.Similarity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code synthetic-<dim>-<n>} (n may end in k or m, e.g. {@code synthetic-1536-100k}): n unit
 * vectors from {@link SyntheticDataset}'s embedding-like mixture (mixture seed 42, sample seed 1)
 * and 1,000 queries from the same mixture (sample seed 2); cosine.
 */
final class SyntheticSource implements DatasetSource {
  static final Pattern NAME = Pattern.compile("synthetic-(\\d+)-(\\d+)([km]?)");
  static final int QUERIES = 1000;
  static final long MIXTURE_SEED = 42;

  final int dimension;
  final int size;

  SyntheticSource(int dimension, int size) {
    this.dimension = dimension;
    this.size = size;
  }

  /** Parses a name like {@code synthetic-1536-100k}; null when it is not a synthetic name. */
  static SyntheticSource parse(String name) {
    Matcher m = NAME.matcher(name.toLowerCase(Locale.ROOT));
    if (!m.matches()) return null;
    long dim = Long.parseLong(m.group(1));
    long n = Long.parseLong(m.group(2)) * switch (m.group(3)) {
      case "k" -> 1_000L;
      case "m" -> 1_000_000L;
      default -> 1L;
    };
    if (dim < 1 || dim > 65_536) throw new IllegalArgumentException(name + ": dimension must be 1..65536, got " + dim);
    if (n < 1 || n > Integer.MAX_VALUE - 16) throw new IllegalArgumentException(name + ": size must be 1.." + (Integer.MAX_VALUE - 16) + ", got " + n);
    return new SyntheticSource((int) dim, (int) n);
  }

  @Override
  public String description() {
    return String.format(Locale.ROOT, "synthetic %,d x %d unit vectors (clustered Gaussian mixture imitating embeddings), "
        + "%,d queries, cosine", size, dimension, QUERIES);
  }

  @Override
  public void build(Path folder, Path cache) throws IOException {
    SyntheticDataset mixture = SyntheticDataset.builder(dimension).seed(MIXTURE_SEED).normalize(true).build();
    int threads = Runtime.getRuntime().availableProcessors();
    System.err.printf(Locale.ROOT, "generating %,d x %d synthetic vectors%n", size, dimension);
    try (VectorBlock base = mixture.generate(size, 1, threads);
         VectorBlock queries = mixture.generate(QUERIES, 2, threads)) {
      Dataset.create(folder, Similarity.COSINE, description(), base.vectors(), queries.vectors());
    }
  }
}
