package io.sextant.hnsw;

import io.sextant.core.index.IndexFiles;
import io.sextant.core.index.IndexParams;
import io.sextant.core.index.IndexSpec;
import io.sextant.core.index.IndexType;
import io.sextant.core.index.LiveIndex;
import io.sextant.core.index.LiveVectors;
import io.sextant.core.index.MergeInput;
import io.sextant.core.index.VectorSearcher;
import io.sextant.core.search.TopK;
import io.sextant.core.store.ChecksummedOutput;
import io.sextant.core.store.CorruptIndexException;
import io.sextant.core.store.MappedFile;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Kernels;
import io.sextant.core.vector.Similarity;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.roaringbitmap.RoaringBitmap;

/**
 * Index type {@code "hnsw"} for core's index SPI (found with {@link java.util.ServiceLoader}).
 *
 * <p>Build parameters: {@code M} (default 16, links per node; 2·M on layer 0),
 * {@code efConstruction} (default 100), {@code seed} (default 42). Search parameter:
 * {@code efSearch}, the layer-0 beam width, default {@value #DEFAULT_EF_SEARCH} (raised to k when k
 * is larger). M=16, efConstruction=100, efSearch=64 reach recall@10 ≥ 0.99 on Fashion-MNIST.
 *
 * <p>A segment's graph is built with every available core when the segment is written and
 * stored in the segment file {@code <segment>.hnsw}; opening maps it and searches it in place.
 * The write buffer gets a graph that grows with each added vector.
 *
 * <p>Quantized traversal: build parameter {@code quantization} = {@code none} (default),
 * {@code int8} or {@code binary}. The graph is still built on the float vectors; the segment also
 * gets {@code <segment>.hnswq} with the codes (see {@link QuantizedVectorsFile}), the beam search
 * runs on them, and its best {@code rerank} nodes (search parameter, default
 * {@link QuantizedHnswIndex#defaultRerank}) are rescored exactly on the mapped float vectors.
 * The write buffer always searches its floats, so there {@code rerank} has no effect, as it has
 * none for {@code quantization=none}.
 *
 * <p>Document order: build parameter {@code order} = {@code locality} (default) or {@code input}.
 * With {@code locality} each segment is written with its documents renumbered by
 * {@link LocalityOrder} ({@link IndexType#documentOrder}), so the vectors and links one query
 * reads share pages (fashion-mnist M32 through a Collection: 4 % faster searches,
 * docs/bench/hnsw.md, "Session 14"), and the graph is built inserting the nodes in a seeded
 * random order rather than that spatial one. The order is internal to a segment: segments written before the parameter existed
 * (in input order) and new ones sit side by side.
 *
 * <p>A merge starts from the graph of its largest source ({@link MergedGraphBuilder}) when that
 * source is an {@code hnsw} segment with the same M and similarity and at most
 * {@value #MAX_REUSE_DELETED_PERCENT}% of its documents deleted; otherwise it builds from scratch.
 * Past that many deletes, repairing costs about as much as rebuilding and leaves a worse graph.
 */
public final class HnswIndexType implements IndexType {
  public static final String NAME = "hnsw";
  public static final String M = "M";
  public static final String EF_CONSTRUCTION = "efConstruction";
  public static final String SEED = "seed";
  public static final String EF_SEARCH = "efSearch";
  public static final String QUANTIZATION = "quantization";
  public static final String RERANK = "rerank";
  public static final String ORDER = "order";
  static final String ORDER_INPUT = "input";
  static final String ORDER_LOCALITY = "locality";
  public static final int DEFAULT_EF_SEARCH = 64;
  static final int MAX_EF = 1_000_000;

  private static final String EXTENSION = "hnsw";
  private static final String KIND = "HNSW";
  private static final int VERSION = 1;
  private static final int GRAPH_ALIGNMENT = 64;
  /** Vectors up to this size are copied so a segment's graph can be built by every core. */
  private static final long MAX_BUILD_COPY_BYTES = 2L << 30;
  private static final System.Logger LOG = System.getLogger(HnswIndexType.class.getName());
  static final int MAX_REUSE_DELETED_PERCENT = 40;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public IndexParams configure(IndexParams params, int dimension, Similarity similarity) {
    HnswParams p = buildParams(params);
    Map<String, Object> explicit = new LinkedHashMap<>();
    explicit.put(M, p.m());
    explicit.put(EF_CONSTRUCTION, p.efConstruction());
    explicit.put(SEED, p.seed());
    // Only when set, so the parameters (and manifests) of unquantized indexes stay as they were.
    Quantization q = quantization(params);
    if (q != Quantization.NONE) explicit.put(QUANTIZATION, q.label());
    // Only when input, so manifests written before the parameter existed still match the options
    // they were made with; segments written in either order can sit side by side in a collection.
    if (!localityOrder(params)) explicit.put(ORDER, ORDER_INPUT);
    return IndexParams.of(explicit);
  }

  /** Whether segments are written in {@link LocalityOrder}: the {@code order} parameter, {@code locality} when absent. */
  static boolean localityOrder(IndexParams params) {
    String order = params.getString(ORDER, ORDER_LOCALITY);
    return switch (order) {
      case ORDER_LOCALITY -> true;
      case ORDER_INPUT -> false;
      default -> throw new IllegalArgumentException("index parameter '" + ORDER + "' must be " + ORDER_LOCALITY
          + " or " + ORDER_INPUT + ", got '" + order + "'");
    };
  }

  @Override
  public boolean ordersDocuments(IndexSpec spec) {
    return localityOrder(spec.params());
  }

  @Override
  public int[] documentOrder(IndexSpec spec, FloatVectors vectors) {
    return LocalityOrder.compute(vectors, Kernels.get(), Runtime.getRuntime().availableProcessors());
  }

  /** The build parameters in {@code params}, defaults filled in, every value checked. */
  static HnswParams buildParams(IndexParams params) {
    params.requireOnly(NAME, M, EF_CONSTRUCTION, SEED, QUANTIZATION, ORDER);
    localityOrder(params); // checks the value
    String seed = params.getString(SEED, Long.toString(HnswParams.DEFAULT_SEED));
    long s;
    try {
      s = Long.parseLong(seed);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("index parameter '" + SEED + "' must be an integer, got '" + seed + "'");
    }
    return HnswParams.builder()
        .m(params.getInt(M, HnswParams.DEFAULT_M, 2, HnswParams.MAX_M))
        .efConstruction(params.getInt(EF_CONSTRUCTION, HnswParams.DEFAULT_EF_CONSTRUCTION, 1, MAX_EF))
        .seed(s)
        .build();
  }

  /** The {@code quantization} build parameter; {@code none} when absent. */
  static Quantization quantization(IndexParams params) {
    return Quantization.parse(params.getString(QUANTIZATION, Quantization.NONE.label()));
  }

  @Override
  public void validateSearchParams(IndexParams searchParams) {
    efSearch(searchParams);
    rerank(searchParams);
  }

  /** The {@code rerank} search parameter, or 0 when absent (the caller picks the default). */
  static int rerank(IndexParams searchParams) {
    return searchParams.getInt(RERANK, 0, 1, MAX_EF);
  }

  static int efSearch(IndexParams searchParams) {
    searchParams.requireOnly(NAME, EF_SEARCH, RERANK);
    return searchParams.getInt(EF_SEARCH, DEFAULT_EF_SEARCH, 1, MAX_EF);
  }

  @Override
  public void write(IndexSpec spec, FloatVectors vectors, IndexFiles files) throws IOException {
    HnswParams params = buildParams(spec.params());
    writeSegmentFiles(spec, vectors, files,
        buildWithAllCores(vectors, spec.similarity(), params, localityOrder(spec.params())));
  }

  @Override
  public void writeMerged(IndexSpec spec, FloatVectors vectors, IndexFiles files, List<MergeInput> inputs)
      throws IOException {
    HnswParams params = buildParams(spec.params());
    int b = MergeInput.largest(inputs);
    MergeInput base = b < 0 ? null : inputs.get(b);
    String why = base == null ? "no inputs" : reuseRefusal(base, spec, params);
    if (why != null) {
      LOG.log(System.Logger.Level.DEBUG, "hnsw merge: building from scratch: " + why);
      write(spec, vectors, files);
      return;
    }
    MappedHnswGraph baseGraph = mapGraph(base.files().open(EXTENSION, KIND, VERSION), base.vectors().size());
    MergedGraphBuilder builder = mergedGraphBuilder(baseGraph, base.newOrd(), vectors, spec.similarity(), params);
    OnHeapHnswGraph graph = builder.build(mergeThreads(vectors));
    MergedGraphBuilder.Stats st = builder.stats();
    LOG.log(System.Logger.Level.DEBUG, () -> String.format(java.util.Locale.ROOT,
        "hnsw merge: reused a graph of %d nodes (%d kept, %d repaired) in %.1f ms, inserted %d in %.1f ms",
        baseGraph.size(), st.copied(), st.repaired(), st.copyNanos() / 1e6, st.inserted(), st.insertNanos() / 1e6));
    reusedMerges.incrementAndGet();
    writeSegmentFiles(spec, vectors, files, graph);
  }

  /** Merges that started from a source graph, since class load (tests check reuse happened). */
  static final java.util.concurrent.atomic.AtomicLong reusedMerges = new java.util.concurrent.atomic.AtomicLong();

  /** Why {@code base}'s graph cannot seed the merged graph, or null when it can. */
  static String reuseRefusal(MergeInput base, IndexSpec spec, HnswParams params) {
    if (!NAME.equals(base.indexType())) return "largest input is a '" + base.indexType() + "' segment";
    if (base.spec().similarity() != spec.similarity()) return "largest input uses " + base.spec().similarity();
    HnswParams baseParams;
    try {
      baseParams = buildParams(base.spec().params());
    } catch (IllegalArgumentException e) {
      return "largest input's parameters: " + e.getMessage();
    }
    if (baseParams.m() != params.m()) return "largest input has M=" + baseParams.m() + ", merged M=" + params.m();
    int live = base.liveCount();
    if (live == 0) return "largest input has no live documents";
    long deleted = base.docCount() - live;
    if (deleted * 100 > (long) MAX_REUSE_DELETED_PERCENT * base.docCount()) {
      return "largest input has " + deleted + " of " + base.docCount() + " documents deleted";
    }
    return null;
  }

  /**
   * A builder of the merged graph from {@code baseGraph} (nodes: the base source's ordinals) over
   * the merged {@code vectors}.
   */
  static MergedGraphBuilder mergedGraphBuilder(HnswGraph baseGraph, int[] newOrd, FloatVectors vectors,
                                               Similarity similarity, HnswParams params) {
    return new MergedGraphBuilder(baseGraph, newOrd, FloatVectorScorer.factory(vectors, similarity, Kernels.get()),
        params, vectors.size());
  }

  /** Every core, unless the merged vectors are mapped for this thread only (a segment writer maps them shared). */
  static int mergeThreads(FloatVectors vectors) {
    Thread other = Thread.ofPlatform().unstarted(() -> {});
    return vectors.data().isAccessibleBy(other) ? Runtime.getRuntime().availableProcessors() : 1;
  }

  /**
   * Writes every file of a segment's index once its graph is built; a fresh build and a merge both
   * end here, so anything else stored beside the graph belongs in this method.
   */
  private static void writeSegmentFiles(IndexSpec spec, FloatVectors vectors, IndexFiles files, OnHeapHnswGraph graph)
      throws IOException {
    writeGraph(graph, files);
    writeQuantizedCodes(spec, vectors, files);
  }

  private static void writeGraph(OnHeapHnswGraph graph, IndexFiles files) throws IOException {
    ChecksummedOutput out = files.create(EXTENSION, KIND, VERSION);
    out.align(GRAPH_ALIGNMENT);
    new HnswGraphWriter(graph).write(new WritableByteChannel() {
      @Override public int write(ByteBuffer src) throws IOException {
        int n = src.remaining();
        out.writeBytes(MemorySegment.ofBuffer(src), 0, n);
        src.position(src.limit());
        return n;
      }

      @Override public boolean isOpen() { return true; }

      @Override public void close() {}
    });
    out.finish();
  }

  /**
   * Writes {@code <segment>.hnswq} when the index is quantized; every path that writes a segment's
   * graph (a fresh build or a merge) must call it, since {@link #open} expects the file.
   */
  static void writeQuantizedCodes(IndexSpec spec, FloatVectors vectors, IndexFiles files) throws IOException {
    Quantization q = quantization(spec.params());
    if (q == Quantization.NONE) return;
    QuantizedVectors codes = QuantizedVectors.encode(vectors, q);
    // Closing an unfinished output deletes it, so a failed write leaves no file that looks complete.
    try (ChecksummedOutput out = files.create(QuantizedVectorsFile.EXTENSION, QuantizedVectorsFile.KIND,
        QuantizedVectorsFile.VERSION)) {
      QuantizedVectorsFile.write(codes, out);
    }
  }

  /**
   * Builds with every core. Vectors mapped in a confined arena can only be read by the thread that
   * mapped them, so those are first copied to a shared off-heap block (freed afterwards); when they
   * are too large to copy, the build runs on this thread alone.
   */
  static OnHeapHnswGraph buildWithAllCores(FloatVectors vectors, Similarity similarity, HnswParams params,
                                           boolean randomInsertion) {
    int threads = Runtime.getRuntime().availableProcessors();
    MemorySegment data = vectors.data();
    if (threads == 1 || data.isAccessibleBy(Thread.ofPlatform().unstarted(() -> {}))) {
      return builder(vectors, similarity, params, randomInsertion).build(threads);
    }
    long bytes = (long) vectors.size() * vectors.dimension() * Float.BYTES;
    if (bytes > MAX_BUILD_COPY_BYTES) {
      LOG.log(System.Logger.Level.INFO, "hnsw: building on one thread: the " + bytes
          + " bytes of vectors are confined to the writing thread and too large to copy for a parallel build");
      return builder(vectors, similarity, params, randomInsertion).build(1);
    }
    try (Arena shared = Arena.ofShared()) {
      MemorySegment copy = shared.allocate(bytes, 64);
      MemorySegment.copy(data, vectors.offset(0), copy, 0, bytes);
      return builder(new FloatVectors(copy, 0, vectors.size(), vectors.dimension()), similarity, params, randomInsertion)
          .build(threads);
    }
  }

  private static HnswGraphBuilder builder(FloatVectors vectors, Similarity similarity, HnswParams params,
                                          boolean randomInsertion) {
    return randomInsertion
        ? HnswGraphBuilder.randomInsertion(FloatVectorScorer.factory(vectors, similarity, Kernels.get()), params,
            vectors.size())
        : new HnswGraphBuilder(vectors, similarity, params);
  }

  @Override
  public VectorSearcher open(IndexSpec spec, FloatVectors vectors, IndexFiles files) throws IOException {
    MappedFile file = files.open(EXTENSION, KIND, VERSION);
    MappedHnswGraph graph = mapGraph(file, vectors.size());
    HnswIndex index = HnswIndex.of(vectors, spec.similarity(), graph);
    long graphStart = graphStart(file);
    Quantization q = quantization(spec.params());
    if (q != Quantization.NONE) {
      MappedFile codesFile = files.open(QuantizedVectorsFile.EXTENSION, QuantizedVectorsFile.KIND, QuantizedVectorsFile.VERSION);
      QuantizedHnswIndex quantized = QuantizedHnswIndex.of(index,
          QuantizedVectorsFile.open(codesFile, q, vectors.size(), vectors.dimension()));
      return (query, k, params, accept) -> searchQuantized(quantized, file.name(), graphStart, query, k, params, accept);
    }
    return (query, k, params, accept) -> search(index, file.name(), graphStart, query, k, params, accept);
  }

  private static long graphStart(MappedFile file) {
    return (file.contentStart() + GRAPH_ALIGNMENT - 1) & -GRAPH_ALIGNMENT;
  }

  /** The graph in {@code file}, checked to have {@code size} nodes. */
  private static MappedHnswGraph mapGraph(MappedFile file, int size) throws IOException {
    long start = graphStart(file);
    if (start > file.contentEnd()) {
      throw new CorruptIndexException(file.name(), file.contentEnd(), "no room for an HNSW graph after the header");
    }
    MappedHnswGraph graph;
    try {
      graph = MappedHnswGraph.open(file.segment().asSlice(start, file.contentEnd() - start));
    } catch (CorruptGraphException e) {
      throw new CorruptIndexException(file.name(), start + e.offset(), e.problem(), e);
    }
    if (graph.size() != size) {
      throw new CorruptIndexException(file.name(), start + 12, "graph has " + graph.size()
          + " nodes but the segment has " + size + " vectors");
    }
    return graph;
  }

  private static TopK.ScoredOrds search(HnswIndex index, String file, long graphStart, float[] query, int k,
      IndexParams params, RoaringBitmap accept) throws IOException {
    int ef = Math.max(k, efSearch(params));
    try {
      return index.search(query, k, ef, accept);
    } catch (CorruptGraphException e) {
      throw new CorruptIndexException(file, graphStart + e.offset(), e.problem(), e);
    }
  }

  private static TopK.ScoredOrds searchQuantized(QuantizedHnswIndex index, String file, long graphStart, float[] query,
      int k, IndexParams params, RoaringBitmap accept) throws IOException {
    int ef = Math.max(k, efSearch(params));
    int rerank = rerank(params);
    rerank = rerank == 0 ? QuantizedHnswIndex.defaultRerank(index.codes().quantization(), k, ef) : Math.max(k, rerank);
    try {
      return index.search(query, k, ef, rerank, accept);
    } catch (CorruptGraphException e) {
      throw new CorruptIndexException(file, graphStart + e.offset(), e.problem(), e);
    }
  }

  @Override
  public LiveIndex newLiveIndex(IndexSpec spec, LiveVectors vectors) {
    return new HnswLiveIndex(vectors, spec.similarity(), buildParams(spec.params()), Kernels.get());
  }
}
