package io.sextant.core.collection;

import io.sextant.core.filter.Filter;
import io.sextant.core.fusion.Fusion;
import io.sextant.core.index.IndexParams;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable search request. Each method returns a new request; the query vector is copied.
 *
 * <pre>{@code
 * SearchRequest.of(query).k(10).param("efSearch", 64)                      // vector
 * SearchRequest.ofText("élève conjugaison").k(10)                          // BM25 only
 * SearchRequest.of(query).text("élève").filter("lang = \"fr\" AND year >= 2020")
 *     .fusion(Fusion.rrf()).k(10)                                           // hybrid, filtered
 * }</pre>
 *
 * <p>A filter restricts both sides to the documents it matches (see {@link Filter} for the syntax
 * and semantics); it is checked against the collection's attribute schema when the search runs,
 * and an unknown field or a value of the wrong type is an {@link IllegalArgumentException}
 * ({@link io.sextant.core.filter.FilterException}), never an empty result. With both a vector and
 * a text, each side returns its best {@link #candidates()} documents and the {@link #fusion()}
 * merges them into the top k.
 */
public final class SearchRequest {
  /** Largest k accepted: beyond it, an exhaustive export is what is wanted, not a search. */
  public static final int MAX_K = 10_000;
  /** Candidates per side of a hybrid search when not set: max(k, this). */
  public static final int DEFAULT_CANDIDATES = 100;

  private final float[] vector;
  private final int k;
  private final IndexParams params;
  private final boolean includeFields;
  private final Filter filter;
  private final String filterText;
  private final String text;
  private final Fusion fusion;
  private final int candidates;

  private SearchRequest(float[] vector, int k, IndexParams params, boolean includeFields, Filter filter,
                        String filterText, String text, Fusion fusion, int candidates) {
    this.vector = vector;
    this.k = k;
    this.params = params;
    this.includeFields = includeFields;
    this.filter = filter;
    this.filterText = filterText;
    this.text = text;
    this.fusion = fusion;
    this.candidates = candidates;
  }

  /** A request for the 10 nearest documents to {@code vector}. */
  public static SearchRequest of(float[] vector) {
    if (vector == null) throw new IllegalArgumentException("query vector is null");
    return new SearchRequest(vector.clone(), 10, IndexParams.EMPTY, true, null, null, null, null, 0);
  }

  /** A request for the 10 best documents by BM25 for {@code text}, without a vector. */
  public static SearchRequest ofText(String text) {
    return new SearchRequest(null, 10, IndexParams.EMPTY, true, null, null, checkText(text), null, 0);
  }

  private SearchRequest with(float[] vector, int k, IndexParams params, boolean includeFields, Filter filter,
                             String filterText, String text, Fusion fusion, int candidates) {
    return new SearchRequest(vector, k, params, includeFields, filter, filterText, text, fusion, candidates);
  }

  /** Number of hits wanted, in [1, {@value #MAX_K}]. */
  public SearchRequest k(int k) {
    if (k <= 0) throw new IllegalArgumentException("k must be at least 1, got " + k);
    if (k > MAX_K) throw new IllegalArgumentException("k must be at most " + MAX_K + ", got " + k);
    return with(vector, k, params, includeFields, filter, filterText, text, fusion, candidates);
  }

  /** A search-time parameter of the index type, e.g. {@code efSearch} for HNSW, {@code nprobe} for IVF. */
  public SearchRequest param(String name, Object value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    return with(vector, k, params.with(name, value), includeFields, filter, filterText, text, fusion, candidates);
  }

  public SearchRequest params(Map<String, ?> values) {
    return with(vector, k, IndexParams.of(values), includeFields, filter, filterText, text, fusion, candidates);
  }

  /** Whether hits carry attributes and text (default true); false returns ids and scores only. */
  public SearchRequest includeFields(boolean include) {
    return with(vector, k, params, include, filter, filterText, text, fusion, candidates);
  }

  /** The query vector (replacing any); with a text too, the search is hybrid. */
  public SearchRequest vector(float[] vector) {
    if (vector == null) throw new IllegalArgumentException("query vector is null");
    return with(vector.clone(), k, params, includeFields, filter, filterText, text, fusion, candidates);
  }

  /** The BM25 query text (replacing any); with a vector too, the search is hybrid. */
  public SearchRequest text(String text) {
    return with(vector, k, params, includeFields, filter, filterText, checkText(text), fusion, candidates);
  }

  /** Only documents matching {@code filter} (replacing any filter). */
  public SearchRequest filter(Filter filter) {
    Objects.requireNonNull(filter, "filter");
    return with(vector, k, params, includeFields, filter, null, text, fusion, candidates);
  }

  /**
   * Only documents matching the filter expression, e.g. {@code lang = "fr" AND year >= 2020}.
   * Syntax errors are reported here, with the column; fields and value types when searching.
   *
   * @throws io.sextant.core.filter.FilterException on a syntax error
   */
  public SearchRequest filter(String expression) {
    Filter parsed = Filter.parse(expression);
    return with(vector, k, params, includeFields, parsed, expression, text, fusion, candidates);
  }

  /** How a hybrid search merges its two sides (default {@link Fusion#rrf()}). */
  public SearchRequest fusion(Fusion fusion) {
    Objects.requireNonNull(fusion, "fusion");
    return with(vector, k, params, includeFields, filter, filterText, text, fusion, candidates);
  }

  /** Candidates each side of a hybrid search returns for fusion, in [k, {@value #MAX_K}]. */
  public SearchRequest candidates(int n) {
    if (n <= 0 || n > MAX_K) throw new IllegalArgumentException("candidates must be in [1, " + MAX_K + "], got " + n);
    return with(vector, k, params, includeFields, filter, filterText, text, fusion, n);
  }

  private static String checkText(String text) {
    if (text == null) throw new IllegalArgumentException("query text is null");
    return text;
  }

  /** The query vector (a copy), or null for a text-only request. */
  public float[] vector() {
    return vector == null ? null : vector.clone();
  }

  float[] vectorNoCopy() {
    return vector;
  }

  public boolean hasVector() {
    return vector != null;
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

  /** The filter, or null. */
  public Filter filter() {
    return filter;
  }

  /** The filter as the text it was given in, or null when it was not given as text. */
  public String filterText() {
    return filterText;
  }

  /** The query text, or null. */
  public String text() {
    return text;
  }

  /** The fusion of a hybrid request. */
  public Fusion fusion() {
    return fusion != null ? fusion : Fusion.rrf();
  }

  /** Candidates per side of a hybrid request: as set, else max(k, {@value #DEFAULT_CANDIDATES}), never below k. */
  public int candidates() {
    return Math.max(k, candidates > 0 ? candidates : DEFAULT_CANDIDATES);
  }
}
