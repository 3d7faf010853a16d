/**
 * The IVF index family: {@link io.sextant.ivf.KMeans} (usable on its own) and
 * {@link io.sextant.ivf.IvfIndex} with flat, SQ8 and PQ lists, configured by an
 * {@link io.sextant.ivf.IvfSpec} factory string such as {@code ivf(nlist=1024,pq=auto)}.
 */
package io.sextant.ivf;
