package io.sextant.core.collection;

import io.sextant.core.filter.Schema;
import io.sextant.core.index.IndexParams;
import io.sextant.core.index.IndexTypes;
import io.sextant.core.text.Bm25Params;
import io.sextant.core.text.TextAnalyzer;
import io.sextant.core.vector.Similarity;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Immutable options of a {@link Collection}. The first four (dimension, similarity, index type
 * and index parameters) define the collection and are stored in its manifest: reopening with
 * different ones is an error. The others (durability, buffering, merging, verification) apply
 * to one open instance and may change from one open to the next.
 */
public final class CollectionOptions {
  /** Largest supported vector dimension. */
  public static final int MAX_DIMENSION = 1 << 16;

  private final int dimension;
  private final Similarity similarity;
  private final String indexType;
  private final IndexParams indexParams;
  private final Durability durability;
  private final Duration batchedSyncInterval;
  private final int maxBufferedDocs;
  private final long maxBufferedBytes;
  private final boolean backgroundMerges;
  private final int segmentsPerTier;
  private final int maxMergeAtOnce;
  private final int floorSegmentDocs;
  private final int maxMergedSegmentDocs;
  private final double deletesPctAllowed;
  private final long verifyChecksumsBelowBytes;
  private final Schema schema;
  private final TextAnalyzer textAnalyzer;
  private final Bm25Params bm25;

  private CollectionOptions(Builder b) {
    this.dimension = b.dimension;
    this.similarity = b.similarity;
    this.indexType = b.indexType;
    this.indexParams = b.indexParams;
    this.durability = b.durability;
    this.batchedSyncInterval = b.batchedSyncInterval;
    this.maxBufferedDocs = b.maxBufferedDocs;
    this.maxBufferedBytes = b.maxBufferedBytes;
    this.backgroundMerges = b.backgroundMerges;
    this.segmentsPerTier = b.segmentsPerTier;
    this.maxMergeAtOnce = b.maxMergeAtOnce;
    this.floorSegmentDocs = b.floorSegmentDocs;
    this.maxMergedSegmentDocs = b.maxMergedSegmentDocs;
    this.deletesPctAllowed = b.deletesPctAllowed;
    this.verifyChecksumsBelowBytes = b.verifyChecksumsBelowBytes;
    this.schema = b.schema;
    this.textAnalyzer = b.textAnalyzer;
    this.bm25 = b.bm25;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.dimension = dimension;
    b.similarity = similarity;
    b.indexType = indexType;
    b.indexParams = indexParams;
    b.durability = durability;
    b.batchedSyncInterval = batchedSyncInterval;
    b.maxBufferedDocs = maxBufferedDocs;
    b.maxBufferedBytes = maxBufferedBytes;
    b.backgroundMerges = backgroundMerges;
    b.segmentsPerTier = segmentsPerTier;
    b.maxMergeAtOnce = maxMergeAtOnce;
    b.floorSegmentDocs = floorSegmentDocs;
    b.maxMergedSegmentDocs = maxMergedSegmentDocs;
    b.deletesPctAllowed = deletesPctAllowed;
    b.verifyChecksumsBelowBytes = verifyChecksumsBelowBytes;
    b.schema = schema;
    b.textAnalyzer = textAnalyzer;
    b.bm25 = bm25;
    return b;
  }

  public int dimension() { return dimension; }

  public Similarity similarity() { return similarity; }

  /** Name of the {@link io.sextant.core.index.IndexType}: {@code flat}, {@code hnsw}, {@code ivf}. */
  public String indexType() { return indexType; }

  /** Build parameters of the index type as given (defaults are filled in when the collection opens). */
  public IndexParams indexParams() { return indexParams; }

  public Durability durability() { return durability; }

  /** How often the log is fsynced under {@link Durability#BATCHED}. */
  public Duration batchedSyncInterval() { return batchedSyncInterval; }

  /** The write buffer becomes a segment once it holds this many documents. */
  public int maxBufferedDocs() { return maxBufferedDocs; }

  /** ... or this many bytes of vectors and stored fields. */
  public long maxBufferedBytes() { return maxBufferedBytes; }

  /** Whether small segments are merged in the background. */
  public boolean backgroundMerges() { return backgroundMerges; }

  /** Tiered merging: how many segments of similar size are allowed before they are merged. */
  public int segmentsPerTier() { return segmentsPerTier; }

  /** Most segments merged at once. */
  public int maxMergeAtOnce() { return maxMergeAtOnce; }

  /** Segments smaller than this (live documents) all count as this size when tiering. */
  public int floorSegmentDocs() { return floorSegmentDocs; }

  /** A merge never produces a segment with more live documents than this. */
  public int maxMergedSegmentDocs() { return maxMergedSegmentDocs; }

  /** A segment with more than this percentage of deleted documents is rewritten without them. */
  public double deletesPctAllowed() { return deletesPctAllowed; }

  /**
   * Segment files up to this size have their CRC32C verified when the collection opens; larger
   * ones only by {@link Collection#check()} and when they are merged (reading every page of a
   * large collection at open is what memory mapping avoids). Header, footer and lengths of every
   * file are always checked.
   */
  public long verifyChecksumsBelowBytes() { return verifyChecksumsBelowBytes; }

  /**
   * The attribute fields declared up front. The default, {@link Schema#inferring()}, declares
   * none and fixes each field's type from the first value the collection sees for it; a declared
   * schema ({@code Schema.builder().keyword("lang").longField("year").build()}) refuses
   * undeclared fields unless it was built with {@code inferUndeclared(true)}. Either way a value
   * whose type clashes with its field's is refused at upsert. Field types already in the
   * collection's segments are merged in when it opens (a declared type that contradicts them is
   * an error), so inferred types survive a reopen; the declaration itself is not stored.
   */
  public Schema schema() { return schema; }

  /**
   * How text is split into terms for BM25, at indexing and at query time. Not stored: reopen a
   * collection with the analyzer it was written with (default {@link TextAnalyzer#standard()}).
   */
  public TextAnalyzer textAnalyzer() { return textAnalyzer; }

  /** BM25 parameters used at search time (default Lucene's k1 = 1.2, b = 0.75). */
  public Bm25Params bm25() { return bm25; }

  /** Whether {@code other} defines the same collection (dimension, similarity, index type and parameters). */
  boolean sameDefinition(CollectionOptions other) {
    return dimension == other.dimension && similarity == other.similarity
        && indexType.equals(other.indexType) && indexParams.equals(other.indexParams);
  }

  @Override
  public String toString() {
    return "CollectionOptions[dimension=" + dimension + ", similarity=" + similarity + ", index=" + indexType
        + (indexParams.isEmpty() ? "" : "(" + indexParams + ")") + ", durability=" + durability + "]";
  }

  /** Builds {@link CollectionOptions}; dimension is required to create a collection. */
  public static final class Builder {
    private int dimension;
    private Similarity similarity = Similarity.COSINE;
    private String indexType = "flat";
    private IndexParams indexParams = IndexParams.EMPTY;
    private Durability durability = Durability.SYNC_ON_COMMIT;
    private Duration batchedSyncInterval = Duration.ofMillis(200);
    private int maxBufferedDocs = 20_000;
    private long maxBufferedBytes = 64L << 20;
    private boolean backgroundMerges = true;
    private int segmentsPerTier = 10;
    private int maxMergeAtOnce = 10;
    private int floorSegmentDocs = 20_000;
    private int maxMergedSegmentDocs = 5_000_000;
    private double deletesPctAllowed = 25;
    private long verifyChecksumsBelowBytes = 32L << 20;
    private Schema schema = Schema.inferring();
    private TextAnalyzer textAnalyzer = TextAnalyzer.standard();
    private Bm25Params bm25 = Bm25Params.DEFAULT;

    private Builder() {}

    /** Declared attribute fields; see {@link CollectionOptions#schema()}. */
    public Builder schema(Schema schema) {
      this.schema = Objects.requireNonNull(schema, "schema");
      return this;
    }

    public Builder textAnalyzer(TextAnalyzer analyzer) {
      this.textAnalyzer = Objects.requireNonNull(analyzer, "textAnalyzer");
      return this;
    }

    public Builder bm25(Bm25Params params) {
      this.bm25 = Objects.requireNonNull(params, "bm25");
      return this;
    }

    public Builder dimension(int dimension) {
      if (dimension <= 0 || dimension > MAX_DIMENSION) {
        throw new IllegalArgumentException("dimension must be in [1, " + MAX_DIMENSION + "], got " + dimension);
      }
      this.dimension = dimension;
      return this;
    }

    public Builder similarity(Similarity similarity) {
      this.similarity = Objects.requireNonNull(similarity, "similarity");
      return this;
    }

    /** The index type by name, without parameters. */
    public Builder index(String type) {
      return index(type, IndexParams.EMPTY);
    }

    /** The index type by name with build parameters, e.g. {@code index("hnsw", Map.of("M", 16))}. */
    public Builder index(String type, Map<String, ?> params) {
      return index(type, IndexParams.of(params));
    }

    public Builder index(String type, IndexParams params) {
      if (type == null || type.isBlank()) throw new IllegalArgumentException("index type name is empty");
      this.indexType = type.trim().toLowerCase(java.util.Locale.ROOT);
      this.indexParams = Objects.requireNonNull(params, "params");
      return this;
    }

    public Builder durability(Durability durability) {
      this.durability = Objects.requireNonNull(durability, "durability");
      return this;
    }

    /** Selects {@link Durability#BATCHED} with this fsync interval. */
    public Builder batchedSync(Duration interval) {
      if (interval == null || interval.isNegative() || interval.isZero() || interval.toMillis() > 60_000) {
        throw new IllegalArgumentException("batched sync interval must be in (0, 60s], got " + interval);
      }
      this.durability = Durability.BATCHED;
      this.batchedSyncInterval = interval;
      return this;
    }

    public Builder maxBufferedDocs(int docs) {
      if (docs < 1) throw new IllegalArgumentException("maxBufferedDocs must be at least 1, got " + docs);
      this.maxBufferedDocs = docs;
      return this;
    }

    public Builder maxBufferedBytes(long bytes) {
      if (bytes < 1024) throw new IllegalArgumentException("maxBufferedBytes must be at least 1024, got " + bytes);
      this.maxBufferedBytes = bytes;
      return this;
    }

    public Builder backgroundMerges(boolean enabled) {
      this.backgroundMerges = enabled;
      return this;
    }

    public Builder segmentsPerTier(int n) {
      if (n < 2) throw new IllegalArgumentException("segmentsPerTier must be at least 2, got " + n);
      this.segmentsPerTier = n;
      return this;
    }

    public Builder maxMergeAtOnce(int n) {
      if (n < 2) throw new IllegalArgumentException("maxMergeAtOnce must be at least 2, got " + n);
      this.maxMergeAtOnce = n;
      return this;
    }

    public Builder floorSegmentDocs(int docs) {
      if (docs < 1) throw new IllegalArgumentException("floorSegmentDocs must be at least 1, got " + docs);
      this.floorSegmentDocs = docs;
      return this;
    }

    public Builder maxMergedSegmentDocs(int docs) {
      if (docs < 2) throw new IllegalArgumentException("maxMergedSegmentDocs must be at least 2, got " + docs);
      this.maxMergedSegmentDocs = docs;
      return this;
    }

    public Builder deletesPctAllowed(double pct) {
      if (!(pct >= 0 && pct <= 100)) throw new IllegalArgumentException("deletesPctAllowed must be in [0, 100], got " + pct);
      this.deletesPctAllowed = pct;
      return this;
    }

    public Builder verifyChecksumsBelowBytes(long bytes) {
      if (bytes < 0) throw new IllegalArgumentException("verifyChecksumsBelowBytes must be >= 0, got " + bytes);
      this.verifyChecksumsBelowBytes = bytes;
      return this;
    }

    /**
     * Checks the index type exists and its parameters are valid (defaults are filled in by the
     * collection), then builds.
     */
    public CollectionOptions build() {
      if (dimension == 0) throw new IllegalArgumentException("dimension is required (builder().dimension(n))");
      IndexTypes.get(indexType).configure(indexParams, dimension, similarity);
      return new CollectionOptions(this);
    }
  }
}
