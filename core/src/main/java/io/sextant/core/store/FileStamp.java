package io.sextant.core.store;

/** Name, length and CRC32C of a finished file: what a segment records to detect swapped or truncated files. */
public record FileStamp(String name, long length, int crc32c) {}
