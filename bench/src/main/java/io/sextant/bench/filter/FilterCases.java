package io.sextant.bench.filter;

import io.sextant.core.data.Dataset;
import io.sextant.core.data.VectorFiles;
import io.sextant.core.flat.FlatIndex;
import io.sextant.core.search.TopK.ScoredOrds;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.roaringbitmap.RoaringBitmap;

/**
 * Turns a {@link FilterParam} into {@link FilterCase}s for a loaded dataset: draws the
 * accept-sets and computes the exact filtered ground truth by a flat scan of each accepted set,
 * cached beside the data as {@code groundtruth-filter-<value>-seed<S>-n<N>-q<Q>-k<K>.ivecs}
 * (the accept-sets themselves are cheap to redraw and deterministic for the seed).
 */
public final class FilterCases {
  private static final System.Logger LOG = System.getLogger(FilterCases.class.getName());
  private static final int BATCH = 512;

  private FilterCases() {}

  /**
   * Draws each filter's accept-set and its filtered ground truth; {@code unfilteredTruth} (the
   * run's usual ground truth) only serves the progress line saying how many queries fall inside.
   */
  public static List<FilterCase> prepare(FilterParam param, Dataset data, int k, int threads, int[][] unfilteredTruth,
      PrintWriter progress) throws IOException {
    List<FilterCase> out = new ArrayList<>();
    for (FilterSpec spec : param.specs()) {
      long t0 = System.nanoTime();
      RoaringBitmap accept = acceptSet(spec, data, param.seed(), threads);
      int[][] truth = cachedTruth(spec, data, param.seed(), accept, k, threads);
      FilterCase c = new FilterCase(spec, accept, truth, data.base().size());
      progress.printf(Locale.ROOT, "filter %s: %d of %d accepted (%.4f%%), %.0f%% of queries have their unfiltered "
              + "nearest neighbour accepted; ground truth ready in %.1f s%n", spec.text(), accept.getLongCardinality(),
          data.base().size(), 100 * c.selectivity(), 100 * insideFraction(accept, unfilteredTruth),
          (System.nanoTime() - t0) / 1e9);
      progress.flush();
      out.add(c);
    }
    return out;
  }

  /** The accept-set of a selectivity filter; an expression needs attributes, which the datasets here lack. */
  static RoaringBitmap acceptSet(FilterSpec spec, Dataset data, long seed, int threads) throws IOException {
    int n = data.base().size();
    return switch (spec.kind()) {
      case RANDOM -> AcceptSets.random(n, spec.acceptedOf(n), seed);
      case CORRELATED -> AcceptSets.correlated(data.base(), spec.acceptedOf(n), seed, threads);
      case EXPRESSION -> expression(spec, data);
    };
  }

  private static RoaringBitmap expression(FilterSpec spec, Dataset data) throws IOException {
    if (!SynsetAttributes.available(data.folder())) {
      throw new IllegalArgumentException("parameter filter: '" + spec.text() + "' is an expression, but dataset "
          + data.name() + " has no document attributes to evaluate it on (only WordNet datasets with "
          + SynsetAttributes.IDS + " have one: pos = \"noun\"|\"verb\"|\"adj\"|\"adv\"); use a selectivity "
          + "(filter=0.01) or a correlated one (filter=corr:0.01)");
    }
    RoaringBitmap accept;
    try {
      accept = SynsetAttributes.select(data.folder(), data.base().size(), spec.text());
    } catch (RuntimeException e) { // FilterException and friends: parse errors with the column
      throw new IllegalArgumentException("parameter filter: '" + spec.text() + "': " + e.getMessage(), e);
    }
    if (accept.isEmpty()) {
      throw new IllegalArgumentException("parameter filter: '" + spec.text() + "' accepts none of the "
          + data.base().size() + " base vectors of " + data.name());
    }
    return accept;
  }

  /** Exact top {@code k} among {@code accept} for every query, best first (ties to the lower ordinal). */
  public static int[][] truth(FloatVectors base, FloatVectors queries, Similarity similarity, RoaringBitmap accept,
      int k, int threads) {
    FlatIndex index = new FlatIndex(base, similarity);
    int[][] out = new int[queries.size()][];
    for (int from = 0; from < queries.size(); from += BATCH) {
      int to = Math.min(queries.size(), from + BATCH);
      float[][] batch = new float[to - from][];
      for (int i = from; i < to; i++) batch[i - from] = queries.get(i);
      ScoredOrds[] hits = index.search(batch, k, accept, threads);
      for (int i = from; i < to; i++) out[i] = hits[i - from].ords();
    }
    return out;
  }

  private static int[][] cachedTruth(FilterSpec spec, Dataset data, long seed, RoaringBitmap accept, int k,
      int threads) throws IOException {
    int n = data.base().size();
    int q = data.queries().size();
    int width = (int) Math.min(k, accept.getLongCardinality());
    Path file = data.folder().resolve("groundtruth-filter-" + spec.fileKey() + "-seed" + seed + "-n" + n + "-q" + q
        + "-k" + k + ".ivecs");
    if (Files.isRegularFile(file)) {
      try {
        int[][] rows = VectorFiles.readInts(file);
        if (rows.length == q && (q == 0 || rows[0].length == width)) return rows;
      } catch (IOException | RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "ignoring unreadable cached filtered ground truth " + file + ": " + e);
      }
    }
    int[][] truth = truth(data.base(), data.queries(), data.similarity(), accept, k, threads);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp-" + ProcessHandle.current().pid());
    try {
      VectorFiles.writeIvecs(tmp, truth);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      LOG.log(System.Logger.Level.WARNING, "could not cache filtered ground truth in " + file + ": " + e);
    }
    return truth;
  }

  /** Fraction of queries whose exact unfiltered nearest neighbour the filter accepts (queries "inside" it). */
  static double insideFraction(RoaringBitmap accept, int[][] unfilteredTruth) {
    int inside = 0;
    int counted = 0;
    for (int[] row : unfilteredTruth) {
      if (row.length == 0) continue;
      counted++;
      if (accept.contains(row[0])) inside++;
    }
    return counted == 0 ? 0 : (double) inside / counted;
  }
}
