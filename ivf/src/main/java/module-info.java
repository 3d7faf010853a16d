/** Sextant IVF index family: k-means, IVF-Flat, IVF-SQ8 and IVF-PQ. */
module io.sextant.ivf {
  requires transitive io.sextant.core;
  requires transitive roaringbitmap;
  requires static jdk.incubator.vector;

  exports io.sextant.ivf;
}
