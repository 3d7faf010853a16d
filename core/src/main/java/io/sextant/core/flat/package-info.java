/** Exact (brute-force) nearest-neighbour search: {@link io.sextant.core.flat.FlatIndex}, the reference for every approximate index. */
package io.sextant.core.flat;
