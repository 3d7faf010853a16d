/**
 * Full-text search with BM25: the analyzer, the per-segment inverted index and top-k search.
 *
 * <ul>
 *   <li>{@link io.sextant.core.text.TextAnalyzer}: UAX #29 words, lower-case, accent folding,
 *       optional French elision and stop words ({@link io.sextant.core.text.StopWords}).</li>
 *   <li>{@link io.sextant.core.text.TextIndexWriter} / {@link io.sextant.core.text.TextIndex}:
 *       one segment's postings (delta + varint in 128-posting blocks with a skip table that
 *       carries each block's score bound), one-byte document lengths, read in place from a
 *       {@code MemorySegment}.</li>
 *   <li>{@link io.sextant.core.text.TextQuery}, {@link io.sextant.core.text.CorpusStats},
 *       {@link io.sextant.core.text.Bm25Scorer}: a query, the statistics summed over a snapshot's
 *       segments, and Lucene-compatible BM25 ({@link io.sextant.core.text.Bm25Params}).</li>
 *   <li>{@link io.sextant.core.text.Bm25Searcher}: block-max MaxScore top-k with an
 *       accept-bitmap, equal to scoring every posting.</li>
 * </ul>
 *
 * <p>Document lengths use Lucene's lossy one-byte encoding on purpose, so that scores agree
 * with Lucene's BM25Similarity (see {@code LengthNorm}). Postings are not lz4-compressed:
 * varint deltas with the frequency folded into the low bit already take about 1–2 bytes per
 * posting, and a general-purpose compressor on top would slow every block decode for little.
 */
package io.sextant.core.text;
