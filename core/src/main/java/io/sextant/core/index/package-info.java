/**
 * The index SPI: an {@link io.sextant.core.index.IndexType} (found with {@code ServiceLoader})
 * builds its structure for one immutable segment, writes and maps its own files through
 * {@link io.sextant.core.index.IndexFiles}, searches with an accept bitmap through
 * {@link io.sextant.core.index.VectorSearcher}, and indexes the write buffer live through
 * {@link io.sextant.core.index.LiveIndex}. {@link io.sextant.core.index.FlatIndexType} is the
 * exact implementation; HNSW and IVF live in their own modules.
 */
package io.sextant.core.index;
