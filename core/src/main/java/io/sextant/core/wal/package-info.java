/**
 * The write-ahead log (internal): per-record CRC32C, sync markers, and a replay that tells an
 * unsynced torn tail from damage to synced records. Not exported.
 */
package io.sextant.core.wal;
