package io.sextant.core.collection;

import io.sextant.core.index.IndexParams;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable search request: {@code SearchRequest.of(query).k(10).param("efSearch", 64)}.
 * Each method returns a new request. The query vector is copied.
 */
public final class SearchRequest {
  /** Largest k accepted: beyond it, an exhaustive export is what is wanted, not a search. */
  public static final int MAX_K = 10_000;

  private final float[] vector;
  private final int k;
  private final IndexParams params;
  private final boolean includeFields;

  private SearchRequest(float[] vector, int k, IndexParams params, boolean includeFields) {
    this.vector = vector;
    this.k = k;
    this.params = params;
    this.includeFields = includeFields;
  }

  /** A request for the 10 nearest documents to {@code vector}. */
  public static SearchRequest of(float[] vector) {
    if (vector == null) throw new IllegalArgumentException("query vector is null");
    return new SearchRequest(vector.clone(), 10, IndexParams.EMPTY, true);
  }

  /** Number of hits wanted, in [1, {@value #MAX_K}]. */
  public SearchRequest k(int k) {
    if (k <= 0) throw new IllegalArgumentException("k must be at least 1, got " + k);
    if (k > MAX_K) throw new IllegalArgumentException("k must be at most " + MAX_K + ", got " + k);
    return new SearchRequest(vector, k, params, includeFields);
  }

  /** A search-time parameter of the index type, e.g. {@code efSearch} for HNSW, {@code nprobe} for IVF. */
  public SearchRequest param(String name, Object value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    return new SearchRequest(vector, k, params.with(name, value), includeFields);
  }

  public SearchRequest params(Map<String, ?> values) {
    return new SearchRequest(vector, k, IndexParams.of(values), includeFields);
  }

  /** Whether hits carry attributes and text (default true); false returns ids and scores only. */
  public SearchRequest includeFields(boolean include) {
    return new SearchRequest(vector, k, params, include);
  }

  /** The query vector (a copy). */
  public float[] vector() {
    return vector.clone();
  }

  float[] vectorNoCopy() {
    return vector;
  }

  public int k() {
    return k;
  }

  public IndexParams params() {
    return params;
  }

  public boolean includeFields() {
    return includeFields;
  }
}
