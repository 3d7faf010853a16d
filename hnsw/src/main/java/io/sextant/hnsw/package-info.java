/**
 * HNSW (hierarchical navigable small world) graphs: {@link io.sextant.hnsw.HnswGraphBuilder}
 * builds one over {@link io.sextant.core.vector.FloatVectors} with any number of threads,
 * {@link io.sextant.hnsw.HnswGraphSearcher} searches any {@link io.sextant.hnsw.HnswGraph}
 * (in memory, or read in place from a mapping by {@link io.sextant.hnsw.MappedHnswGraph}), and
 * {@link io.sextant.hnsw.HnswIndex} ties a graph to its vectors for callers.
 */
package io.sextant.hnsw;
