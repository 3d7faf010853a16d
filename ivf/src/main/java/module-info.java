/** Sextant IVF index family: k-means, IVF-Flat, IVF-SQ8 and IVF-PQ, plugged into core's index SPI. */
module io.sextant.ivf {
  requires transitive io.sextant.core;
  requires transitive roaringbitmap;
  requires static jdk.incubator.vector;

  exports io.sextant.ivf;

  provides io.sextant.core.index.IndexType with io.sextant.ivf.IvfIndexType;
}
