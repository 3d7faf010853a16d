package io.sextant.bench.engine;

import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A vector search implementation the harness can run side by side with the others: Sextant
 * itself or a peer (Lucene, JVector). The harness owns datasets, threads, timing and recall; an
 * engine only builds an index from the base vectors and answers one query at a time.
 */
public interface Engine {

  /** Name used on the command line ({@code --engine}) and in result rows. */
  String name();

  /** Index types this engine builds, with their parameters. */
  List<IndexDescriptor> indexes();

  /**
   * Builds {@code index} over {@code base}. {@code params} holds every build parameter the index
   * declares (defaults filled in by the harness). Builds may use up to {@code threads} threads.
   */
  BuiltIndex build(String index, FloatVectors base, Similarity similarity, Params params, int threads) throws Exception;

  /**
   * Whether {@code index} takes the harness's {@code filter} parameter (searches restricted to an
   * accept-set, see {@link BuiltIndex#searcher(int, Params, org.roaringbitmap.RoaringBitmap)}).
   */
  default boolean supportsFilter(String index) {
    return false;
  }

  /** The descriptor of {@code index}; the error lists what this engine offers. */
  default IndexDescriptor index(String index) {
    for (IndexDescriptor d : indexes()) if (d.name().equals(index)) return d;
    throw new IllegalArgumentException("unknown index '" + index + "' for engine " + name() + " (available: "
        + indexes().stream().map(IndexDescriptor::name).collect(Collectors.joining(", ")) + ")");
  }
}
