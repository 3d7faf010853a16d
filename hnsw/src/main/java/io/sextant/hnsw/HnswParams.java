package io.sextant.hnsw;

/**
 * Build-time parameters of an HNSW graph. Immutable; made with {@link #builder()}.
 *
 * <ul>
 *   <li>{@code M}: links per node on the upper layers; layer 0 keeps up to {@code 2·M}.</li>
 *   <li>{@code efConstruction}: beam width of the search that finds a new node's neighbours.</li>
 *   <li>{@code seed}: drives level generation; with one build thread the same seed and the same
 *       vectors give the same graph, bit for bit.</li>
 * </ul>
 *
 * The search-time beam width ({@code efSearch}) is not a build parameter: it is passed per query.
 */
public final class HnswParams {
  /** Upper bound on {@code M}: beyond it the layer-0 record no longer fits a few cache lines and recall stops improving. */
  public static final int MAX_M = 512;
  public static final int DEFAULT_M = 16;
  public static final int DEFAULT_EF_CONSTRUCTION = 100;
  public static final long DEFAULT_SEED = 42L;

  private final int m;
  private final int efConstruction;
  private final long seed;

  private HnswParams(Builder b) {
    if (b.m < 2 || b.m > MAX_M) {
      throw new IllegalArgumentException("HNSW parameter M must be in [2, " + MAX_M + "], got " + b.m);
    }
    if (b.efConstruction < 1) {
      throw new IllegalArgumentException("HNSW parameter efConstruction must be >= 1, got " + b.efConstruction);
    }
    this.m = b.m;
    this.efConstruction = b.efConstruction;
    this.seed = b.seed;
  }

  public static Builder builder() { return new Builder(); }

  /** M=16, efConstruction=100, seed=42. */
  public static HnswParams defaults() { return builder().build(); }

  /** Maximum links per node on layers above 0. */
  public int m() { return m; }

  /** Maximum links per node on layer 0 ({@code 2·M}, as in the paper). */
  public int maxConn0() { return 2 * m; }

  public int efConstruction() { return efConstruction; }

  public long seed() { return seed; }

  /** mL = 1 / ln(M): the level of a node is {@code floor(-ln(U) · mL)} for U uniform in (0, 1]. */
  public double levelMultiplier() { return 1.0 / Math.log(m); }

  public Builder toBuilder() {
    return new Builder().m(m).efConstruction(efConstruction).seed(seed);
  }

  @Override public String toString() {
    return "HnswParams{M=" + m + ", efConstruction=" + efConstruction + ", seed=" + seed + "}";
  }

  @Override public boolean equals(Object o) {
    return o instanceof HnswParams p && p.m == m && p.efConstruction == efConstruction && p.seed == seed;
  }

  @Override public int hashCode() { return (31 * m + efConstruction) * 31 + Long.hashCode(seed); }

  public static final class Builder {
    private int m = DEFAULT_M;
    private int efConstruction = DEFAULT_EF_CONSTRUCTION;
    private long seed = DEFAULT_SEED;

    private Builder() {}

    public Builder m(int m) { this.m = m; return this; }

    public Builder efConstruction(int ef) { this.efConstruction = ef; return this; }

    public Builder seed(long seed) { this.seed = seed; return this; }

    /** @throws IllegalArgumentException naming the parameter that is out of range */
    public HnswParams build() { return new HnswParams(this); }
  }
}
