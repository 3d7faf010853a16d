package io.sextant.core.data;

import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A dataset folder, loaded: {@code base.*} vectors to index, {@code query.*} vectors to search
 * with, optional {@code groundtruth.*} neighbour ids, and an optional {@code dataset.properties}
 * with {@code similarity} (default {@code EUCLIDEAN}, the TEXMEX convention) and
 * {@code description}. Vector files may be {@code .fvecs}, {@code .bvecs} or {@code .npy}; ground
 * truth {@code .ivecs} or {@code .npy}.
 *
 * <p>{@link #groundTruth(int)} uses the shipped file when it covers the queries and {@code k};
 * otherwise it computes the exact answer with the flat index and caches it beside the data as
 * {@code groundtruth-k<K>.ivecs} ({@code groundtruth-k<K>-n<N>.ivecs} when only the first N base
 * vectors were loaded), so later loads reuse it. It computes at least the top 100 so one cache
 * serves every smaller k.
 *
 * <p>Holds the vectors in memory until {@link #close()}.
 */
public final class Dataset implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Dataset.class.getName());
  /** Name of the optional metadata file. */
  public static final String PROPERTIES = "dataset.properties";
  /** Ground truth is computed at least this deep so one cached file serves every smaller k. */
  private static final int MIN_CACHED_K = 100;
  private static final Pattern CACHED = Pattern.compile("groundtruth-k(\\d+)(?:-n(\\d+))?\\.ivecs");

  private final Path folder;
  private final Similarity similarity;
  private final String description;
  private final VectorBlock base;
  private final VectorBlock queries;
  private final boolean baseSliced;
  private final Path shippedTruth;

  private Dataset(Path folder, Similarity similarity, String description, VectorBlock base, VectorBlock queries,
      boolean baseSliced, Path shippedTruth) {
    this.folder = folder;
    this.similarity = similarity;
    this.description = description;
    this.base = base;
    this.queries = queries;
    this.baseSliced = baseSliced;
    this.shippedTruth = shippedTruth;
  }

  /** Loads every base and query vector of {@code folder}. */
  public static Dataset open(Path folder) throws IOException {
    return open(folder, VectorFiles.ALL_ROWS, VectorFiles.ALL_ROWS);
  }

  /** Loads the first {@code maxBase} base vectors and the first {@code maxQueries} queries. */
  public static Dataset open(Path folder, int maxBase, int maxQueries) throws IOException {
    if (maxBase <= 0 || maxQueries <= 0) {
      throw new IllegalArgumentException("maxBase and maxQueries must be positive, got " + maxBase + " and " + maxQueries);
    }
    if (!Files.isDirectory(folder)) throw new NoSuchFileException(folder.toString(), null, "not a dataset folder");
    Properties props = readProperties(folder.resolve(PROPERTIES));
    Similarity sim;
    try {
      sim = Similarity.parse(props.getProperty("similarity", "EUCLIDEAN"));
    } catch (IllegalArgumentException e) {
      throw new DatasetFormatException(folder.resolve(PROPERTIES), "similarity", e.getMessage());
    }
    Path baseFile = find(folder, "base", true, true);
    Path queryFile = find(folder, "query", true, true);
    Path truthFile = find(folder, "groundtruth", false, false);
    boolean sliced = maxBase != VectorFiles.ALL_ROWS && VectorFiles.shape(baseFile).rows() > maxBase;
    VectorBlock base = VectorFiles.readFloats(baseFile, maxBase);
    try {
      VectorBlock queries = VectorFiles.readFloats(queryFile, maxQueries);
      if (queries.dimension() != base.dimension()) {
        queries.close();
        throw new DatasetFormatException(queryFile, 0, "expected queries of the base dimension " + base.dimension()
            + ", found dimension " + queries.dimension());
      }
      return new Dataset(folder, sim, props.getProperty("description", ""), base, queries, sliced, truthFile);
    } catch (IOException | RuntimeException e) {
      base.close();
      throw e;
    }
  }

  /**
   * Writes a dataset folder: {@code base.fvecs}, {@code query.fvecs}, then {@code dataset.properties}
   * last, so a folder with properties is complete.
   */
  public static void create(Path folder, Similarity similarity, String description, FloatVectors base,
      FloatVectors queries) throws IOException {
    if (base.dimension() != queries.dimension()) {
      throw new IllegalArgumentException("base dimension " + base.dimension() + " differs from query dimension "
          + queries.dimension());
    }
    Files.createDirectories(folder);
    VectorFiles.writeFvecs(folder.resolve("base.fvecs"), base);
    VectorFiles.writeFvecs(folder.resolve("query.fvecs"), queries);
    Properties p = new Properties();
    p.setProperty("similarity", similarity.name());
    p.setProperty("description", description);
    StringWriter w = new StringWriter();
    p.store(w, "Sextant dataset");
    try (AtomicFile out = AtomicFile.create(folder.resolve(PROPERTIES))) {
      out.write(ByteBuffer.wrap(w.toString().getBytes(StandardCharsets.ISO_8859_1)));
      out.commit();
    }
  }

  public Path folder() {
    return folder;
  }

  /** The folder's name. */
  public String name() {
    return folder.getFileName().toString();
  }

  public Similarity similarity() {
    return similarity;
  }

  public String description() {
    return description;
  }

  /** The base vectors (possibly the first N only); valid until {@link #close()}. */
  public FloatVectors base() {
    return base.vectors();
  }

  /** The query vectors (possibly the first N only); valid until {@link #close()}. */
  public FloatVectors queries() {
    return queries.vectors();
  }

  /** {@link #groundTruth(int, IntConsumer)} without progress reports. */
  public int[][] groundTruth(int k) throws IOException {
    return groundTruth(k, null);
  }

  /**
   * The exact {@code min(k, base size)} nearest base ordinals of each query, best first (row
   * {@code i} for query {@code i}): read from the shipped or cached file when one covers the loaded
   * queries and {@code k}, otherwise computed on all processors (reporting queries done to
   * {@code progress}, may be null) and cached.
   */
  public int[][] groundTruth(int k, IntConsumer progress) throws IOException {
    if (k <= 0) throw new IllegalArgumentException("k must be positive, got " + k);
    int n = base.size();
    int need = Math.min(k, n);
    int q = queries.size();
    if (shippedTruth != null && !baseSliced && covers(shippedTruth, q, need)) {
      return trim(VectorFiles.readIds(shippedTruth, q, n), need);
    }
    Path cached = bestCached(q, need);
    if (cached != null) return trim(VectorFiles.readIds(cached, q, n), need);

    int depth = Math.max(k, MIN_CACHED_K);
    int[][] truth = GroundTruth.compute(base.vectors(), queries.vectors(), similarity, depth,
        Runtime.getRuntime().availableProcessors(), progress);
    Path file = folder.resolve("groundtruth-k" + depth + (baseSliced ? "-n" + n : "") + ".ivecs");
    try {
      VectorFiles.writeIvecs(file, truth);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "could not cache ground truth in " + file + ": " + e);
    }
    return trim(truth, need);
  }

  private Path bestCached(int q, int need) throws IOException {
    List<Path> candidates = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      files.forEach(candidates::add);
    }
    Path best = null;
    long bestWidth = Long.MAX_VALUE;
    for (Path f : candidates) {
      Matcher m = CACHED.matcher(f.getFileName().toString());
      if (!m.matches()) continue;
      boolean forSlice = m.group(2) != null;
      if (forSlice != baseSliced || (forSlice && Long.parseLong(m.group(2)) != base.size())) continue;
      VectorFiles.Shape s = VectorFiles.shape(f);
      if (s.rows() >= q && s.dimension() >= need && s.dimension() < bestWidth) {
        best = f;
        bestWidth = s.dimension();
      }
    }
    return best;
  }

  private static boolean covers(Path file, int q, int need) throws IOException {
    VectorFiles.Shape s = VectorFiles.shape(file);
    return s.rows() >= q && s.dimension() >= need;
  }

  private static int[][] trim(int[][] rows, int width) {
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length > width) rows[i] = Arrays.copyOf(rows[i], width);
    }
    return rows;
  }

  /** Finds {@code <role>.<ext>}; exactly one must exist when {@code required}. */
  private static Path find(Path folder, String role, boolean vectors, boolean required) throws IOException {
    List<Path> found = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      files.filter(f -> {
        String name = f.getFileName().toString();
        return name.startsWith(role + ".") && name.indexOf('.') == role.length()
            && (vectors ? VectorFiles.isVectorFile(f) : VectorFiles.isIdFile(f));
      }).forEach(found::add);
    }
    if (found.size() > 1) {
      throw new IOException(folder + ": several " + role + " files " + found + "; keep one");
    }
    if (found.isEmpty()) {
      if (!required) return null;
      throw new NoSuchFileException(folder.resolve(role + ".*").toString(), null,
          "expected " + role + ".fvecs, " + role + ".bvecs or " + role + ".npy");
    }
    return found.get(0);
  }

  private static Properties readProperties(Path file) throws IOException {
    Properties p = new Properties();
    if (Files.exists(file)) {
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
        p.load(r);
      }
    }
    return p;
  }

  @Override
  public void close() {
    queries.close();
    base.close();
  }
}
