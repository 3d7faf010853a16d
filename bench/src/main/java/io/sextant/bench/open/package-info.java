/**
 * The open-time probe ({@code sextant-bench open-probe}): a committed synthetic collection, and a
 * fresh child JVM that times {@code Collection.open} on it under a small heap.
 */
package io.sextant.bench.open;
