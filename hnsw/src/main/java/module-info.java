/** Sextant hnsw index, plugged into core through the index SPI. */
module io.sextant.hnsw {
  requires io.sextant.core;

  exports io.sextant.hnsw;
}
