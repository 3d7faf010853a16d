/**
 * The public face of Sextant's storage: a {@link io.sextant.core.collection.Collection} of
 * documents (id, vector, attributes, text) in one folder, with durable commits, deletes,
 * point-in-time {@link io.sextant.core.collection.Snapshot}s, background flushes and merges.
 * Everything else in this package is the machinery behind it (write buffers, manifest,
 * checkpoints, recovery, merge policy) and is package-private.
 */
package io.sextant.core.collection;
