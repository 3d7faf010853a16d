/**
 * Documents as stored (internal): id rules, typed attribute values, and the binary codec shared
 * by the log and the stored-field blocks. A later filtering index reads attributes from here.
 * Not exported.
 */
package io.sextant.core.document;
