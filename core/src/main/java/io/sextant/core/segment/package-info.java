/**
 * Immutable segments (internal): vectors, ids, lz4 stored fields, segment info, tombstone
 * generations; {@link io.sextant.core.segment.SegmentWriter} writes one,
 * {@link io.sextant.core.segment.SegmentReader} maps one. Not exported.
 */
package io.sextant.core.segment;
