/**
 * Text and hybrid retrieval checks for the harness, without picocli (the CLI calls them):
 *
 * <ul>
 *   <li>{@link io.sextant.bench.ir.Bm25Agreement}: Sextant's BM25 against Lucene's on the same
 *       texts (scores, top-k lists, analyzer terms, encoded lengths, latency).</li>
 *   <li>{@link io.sextant.bench.ir.WordNetIrEvaluation}: NDCG@10 and recall@100 of vector, BM25,
 *       RRF and weighted fusion on IR collections built from WordNet, judged by WordNet's own
 *       hypernym/hyponym pointers: held-out synsets of a {@code wordnet-minilm} dataset, or the
 *       definitions collection (example sentences as queries).</li>
 *   <li>{@link io.sextant.bench.ir.WordNetFiles}: WordNet's data files in the dataset cache.</li>
 * </ul>
 */
package io.sextant.bench.ir;
