/** Runnable examples a user copies from. */
module io.sextant.examples {
  requires io.sextant.core;
  requires io.sextant.hnsw;
  requires io.sextant.ivf;
}
