/** Sextant core: kernels, storage, exact index, the index SPI and the Collection API. */
module io.sextant.core {
  requires static jdk.incubator.vector;
  requires org.lz4.java;
  requires transitive roaringbitmap; // RoaringBitmap is in the index SPI, filter and text APIs (accept-bitmaps)
  requires HdrHistogram;

  exports io.sextant.core.vector;
  exports io.sextant.core.search;
  exports io.sextant.core.quant;
  exports io.sextant.core.data;
  exports io.sextant.core.flat;
  exports io.sextant.core.eval;
  exports io.sextant.core.store;
  exports io.sextant.core.index;
  exports io.sextant.core.collection;
  exports io.sextant.core.filter;
  exports io.sextant.core.text;
  exports io.sextant.core.fusion;
  // The Panama kernels' fixed-order lane sum, for the index modules' own kernels; not public API.
  exports io.sextant.core.vector.lanes to io.sextant.hnsw, io.sextant.ivf;

  uses io.sextant.core.index.IndexType;
  provides io.sextant.core.index.IndexType with io.sextant.core.index.FlatIndexType;
}
