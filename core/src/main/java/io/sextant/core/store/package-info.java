/**
 * The checked file format every collection file shares (magic, kind, version, CRC32C footer,
 * little endian; see {@code docs/FORMAT.md}): {@link io.sextant.core.store.ChecksummedOutput}
 * writes one, {@link io.sextant.core.store.MappedFile} maps and verifies one, and damage is a
 * {@link io.sextant.core.store.CorruptIndexException} naming file, offset, expected and found.
 * Index types write their own files with these classes.
 */
package io.sextant.core.store;
