package io.sextant.ivf;

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
import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.roaringbitmap.RoaringBitmap;

/**
 * The {@code ivf} index type of core's index SPI, found with {@link java.util.ServiceLoader}.
 *
 * <p>Build parameters (the {@link IvfSpec} keys): {@code nlist} (a number or {@code auto}: the
 * {@link IvfSpec#nlistFor(int)} rule per segment), {@code pq} ({@code flat}, {@code sq8},
 * {@code auto} or {@code Mx8}), {@code residual}, {@code rerank}, {@code nprobe} (default per
 * query), {@code iterations}, {@code seed}, and {@code liveTrain}: how many vectors the write
 * buffer holds before its IVF is trained (until then it is searched exactly). Search parameters:
 * {@code nprobe}, {@code rerank}.
 *
 * <p>Each segment gets one file {@code <segment>.ivf} (kind {@code IVF1}): an int32 vector count,
 * padding to byte 64, then the {@link IvfFile} layout, searched in place from the mapping. The
 * rerank reads the segment's own vector block.
 *
 * <p>A merge keeps the centroids and codec of its largest source and only assigns and encodes
 * the merged vectors, unless the configuration changed, the data grew past what the centroids
 * were trained for, or drifted away from them: {@link IvfMerge} documents the triggers.
 *
 * <p>The write buffer ({@link IvfLiveIndex}) trains its own centroids once it holds
 * {@code liveTrain} vectors and assigns later vectors to them; it does not borrow a segment's.
 */
public final class IvfIndexType implements IndexType {
  public static final String NAME = "ivf";
  static final String EXTENSION = "ivf";
  static final String KIND = "IVF1";
  static final int VERSION = 1;
  static final String LIVE_TRAIN = "liveTrain";
  static final int DEFAULT_LIVE_TRAIN = 10_000;
  private static final long LAYOUT_START = 64;
  private static final String[] BUILD_KEYS = {"nlist", "pq", "residual", "rerank", "nprobe", "iterations", "seed", LIVE_TRAIN};

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public IndexParams configure(IndexParams params, int dimension, Similarity similarity) {
    params.requireOnly(NAME, BUILD_KEYS);
    IvfSpec spec = toSpec(params);
    int liveTrain = params.getInt(LIVE_TRAIN, DEFAULT_LIVE_TRAIN, 1, Integer.MAX_VALUE);
    Map<String, Object> full = new LinkedHashMap<>();
    full.put("nlist", spec.nlist().isPresent() ? spec.nlist().getAsInt() : "auto");
    full.put("nprobe", spec.nprobe().isPresent() ? spec.nprobe().getAsInt() : "auto");
    full.put("pq", switch (spec.encoding()) {
      case FLAT -> "flat";
      case SQ8 -> "sq8";
      case PQ -> spec.pqAuto() ? "auto" : spec.pqSubquantizers(Integer.MAX_VALUE) + "x8";
    });
    if (spec.encoding() != IvfSpec.Encoding.FLAT) full.put("residual", spec.residual());
    full.put("rerank", spec.rerank());
    full.put("iterations", spec.iterations());
    full.put("seed", spec.seed());
    full.put(LIVE_TRAIN, liveTrain);
    return IndexParams.of(full);
  }

  /** The IVF configuration named by SPI build parameters (errors name the parameter). */
  static IvfSpec toSpec(IndexParams params) {
    StringJoiner j = new StringJoiner(",", "ivf(", ")");
    params.asMap().forEach((k, v) -> {
      if (!k.equals(LIVE_TRAIN)) j.add(k + "=" + v);
    });
    return IvfSpec.parse(j.toString());
  }

  @Override
  public void validateSearchParams(IndexParams searchParams) {
    searchParams.requireOnly(NAME, "nprobe", "rerank");
    searchParams.getInt("nprobe", 1, 1, Integer.MAX_VALUE);
    searchParams.getInt("rerank", 0, 0, 1 << 16);
  }

  static IvfSearchParams searchParams(IndexParams params, RoaringBitmap accept) {
    IvfSearchParams.Builder b = IvfSearchParams.builder();
    if (params.contains("nprobe")) b.nprobe(params.getInt("nprobe", 1, 1, Integer.MAX_VALUE));
    if (params.contains("rerank")) b.rerank(params.getInt("rerank", 0, 0, 1 << 16));
    if (accept != null) b.accept(accept);
    return b.build();
  }

  @Override
  public void write(IndexSpec spec, FloatVectors vectors, IndexFiles files) throws IOException {
    IvfSpec ivf = toSpec(spec.params());
    writeIndex(files, vectors.size(), () -> IvfIndex.build(vectors, spec.similarity(), ivf,
        Runtime.getRuntime().availableProcessors(), null));
  }

  @Override
  public void writeMerged(IndexSpec spec, FloatVectors vectors, IndexFiles files, List<MergeInput> inputs)
      throws IOException {
    IvfSpec ivf = toSpec(spec.params());
    int b = MergeInput.largest(inputs);
    MergeInput base = b < 0 ? null : inputs.get(b);
    if (vectors.size() == 0 || base == null || !NAME.equals(base.indexType()) || base.liveCount() == 0) {
      write(spec, vectors, files);
      return;
    }
    IvfIndex baseIndex = openIndex(base.spec(), base.vectors().size(), base.files(), null);
    IvfMerge.Decision d = baseIndex == null ? null
        : IvfMerge.decide(baseIndex, toSpec(base.spec().params()), ivf, spec.similarity(), vectors, base.newOrd(), ivf.seed());
    if (d == null || !d.reuse()) {
      LOG.log(System.Logger.Level.DEBUG, () -> "ivf merge: retraining: " + (d == null ? "empty base" : d.reason()));
      retrainedMerges.incrementAndGet();
      write(spec, vectors, files);
      return;
    }
    LOG.log(System.Logger.Level.DEBUG, () -> "ivf merge: reusing the centroids of a " + baseIndex.size()
        + "-vector segment (" + d.reason() + ")");
    reusedMerges.incrementAndGet();
    writeIndex(files, vectors.size(), () -> IvfMerge.build(baseIndex, vectors, ivf, null,
        Runtime.getRuntime().availableProcessors()));
  }

  private static final System.Logger LOG = System.getLogger(IvfIndexType.class.getName());
  /** Merges that kept the largest source's centroids, and that retrained (tests check which happened). */
  static final java.util.concurrent.atomic.AtomicLong reusedMerges = new java.util.concurrent.atomic.AtomicLong();
  static final java.util.concurrent.atomic.AtomicLong retrainedMerges = new java.util.concurrent.atomic.AtomicLong();

  private static void writeIndex(IndexFiles files, int size, java.util.function.Supplier<IvfIndex> index)
      throws IOException {
    try (ChecksummedOutput out = files.create(EXTENSION, KIND, VERSION)) {
      out.writeInt(size);
      out.align((int) LAYOUT_START);
      if (out.position() != LAYOUT_START) throw new IllegalStateException("IVF layout would start at " + out.position());
      if (size > 0) IvfFile.writeTo(index.get(), bytes -> out.writeBytes(bytes, 0, bytes.byteSize()));
      out.finish();
    }
  }

  @Override
  public VectorSearcher open(IndexSpec spec, FloatVectors vectors, IndexFiles files) throws IOException {
    IvfIndex index = openIndex(spec, vectors.size(), files, ExactScorer.of(vectors, spec.similarity(), Kernels.get()));
    if (index == null) return (query, k, params, accept) -> new TopK.ScoredOrds(new int[0], new float[0]);
    return (query, k, params, accept) -> index.search(query, k, searchParams(params, accept));
  }

  /** The index in a segment's file, checked against the segment; null for an empty segment. */
  private static IvfIndex openIndex(IndexSpec spec, int vectorCount, IndexFiles files, ExactScorer exact)
      throws IOException {
    MappedFile file = files.open(EXTENSION, KIND, VERSION);
    MemorySegment seg = file.segment();
    int count = seg.get(BlockLayout.INT_LE, file.contentStart());
    if (count != vectorCount) {
      throw new CorruptIndexException(file.name(), file.contentStart(), "IVF index holds " + count
          + " vectors, the segment " + vectorCount);
    }
    if (count == 0) return null;
    if (file.contentEnd() < LAYOUT_START) {
      throw new CorruptIndexException(file.name(), LAYOUT_START, "IVF layout missing: content ends at " + file.contentEnd());
    }
    IvfIndex index;
    try {
      index = IvfFile.open(seg.asSlice(LAYOUT_START, file.contentEnd() - LAYOUT_START), exact, false, file.name(), null);
    } catch (IllegalArgumentException e) {
      throw new CorruptIndexException(file.name(), -1, e.getMessage(), e);
    }
    if (index.size() != count || index.dimension() != spec.dimension() || index.similarity() != spec.similarity()) {
      throw new CorruptIndexException(file.name(), LAYOUT_START, "IVF index is for " + index.size() + " vectors of dimension "
          + index.dimension() + " (" + index.similarity() + "), the segment has " + count + " of dimension "
          + spec.dimension() + " (" + spec.similarity() + ")");
    }
    return index;
  }

  @Override
  public LiveIndex newLiveIndex(IndexSpec spec, LiveVectors vectors) {
    return new IvfLiveIndex(toSpec(spec.params()), spec.similarity(), vectors,
        spec.params().getInt(LIVE_TRAIN, DEFAULT_LIVE_TRAIN, 1, Integer.MAX_VALUE));
  }
}
