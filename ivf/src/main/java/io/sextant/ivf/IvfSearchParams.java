package io.sextant.ivf;

import java.util.function.IntPredicate;
import org.roaringbitmap.ImmutableBitmapDataProvider;

/**
 * Per-query search parameters: probes, rerank oversampling, and an accept filter over ordinals.
 * Immutable; build with {@link #builder()}. Unset values take the index's defaults.
 *
 * <p>A filter given as a bitmap also lets the searcher know how selective it is: when no more
 * vectors are accepted than an unfiltered search would score, it scores exactly those vectors
 * instead of probing (see {@link IvfIndex#search(float[], int, IvfSearchParams)}).
 */
public final class IvfSearchParams {
  private static final IvfSearchParams DEFAULTS = new IvfSearchParams(0, -1, null, null);

  private final int nprobe;
  private final int rerank;
  private final IntPredicate accept;
  private final ImmutableBitmapDataProvider acceptBitmap;

  private IvfSearchParams(int nprobe, int rerank, IntPredicate accept, ImmutableBitmapDataProvider acceptBitmap) {
    this.nprobe = nprobe;
    this.rerank = rerank;
    this.accept = accept;
    this.acceptBitmap = acceptBitmap;
  }

  public static IvfSearchParams defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Probes per query; 0 means the index default. */
  public int nprobe() { return nprobe; }

  /** Rerank oversampling factor; -1 means the index default, 0 disables the rerank. */
  public int rerank() { return rerank; }

  /** The accept filter, or null to accept every ordinal. */
  public IntPredicate accept() { return accept; }

  /** The accept filter as a bitmap when it was given as one, else null. */
  public ImmutableBitmapDataProvider acceptBitmap() { return acceptBitmap; }

  public static final class Builder {
    private int nprobe;
    private int rerank = -1;
    private IntPredicate accept;
    private ImmutableBitmapDataProvider acceptBitmap;

    private Builder() {}

    /** Lists to probe (at least 1). */
    public Builder nprobe(int v) {
      if (v <= 0) throw new IllegalArgumentException("nprobe must be positive, got " + v);
      nprobe = v;
      return this;
    }

    /** Score {@code v · k} candidates approximately, then rerank them exactly; 0 disables. */
    public Builder rerank(int v) {
      if (v < 0) throw new IllegalArgumentException("rerank must be >= 0, got " + v);
      rerank = v;
      return this;
    }

    /** Only ordinals for which {@code p} holds may be returned. */
    public Builder accept(IntPredicate p) {
      accept = p;
      acceptBitmap = null;
      return this;
    }

    /** Only ordinals in {@code bitmap} may be returned. */
    public Builder accept(ImmutableBitmapDataProvider bitmap) {
      acceptBitmap = bitmap;
      accept = bitmap == null ? null : bitmap::contains;
      return this;
    }

    public IvfSearchParams build() {
      return new IvfSearchParams(nprobe, rerank, accept, acceptBitmap);
    }
  }
}
