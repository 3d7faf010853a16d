/** Sextant hnsw index, plugged into core through the index SPI as index type "hnsw". */
module io.sextant.hnsw {
  requires io.sextant.core;
  // Optional: the batch kernels use it when present (found reflectively, like core's kernels).
  requires static jdk.incubator.vector;

  exports io.sextant.hnsw;

  provides io.sextant.core.index.IndexType with io.sextant.hnsw.HnswIndexType;
}
