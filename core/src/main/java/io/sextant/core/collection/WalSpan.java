package io.sextant.core.collection;

/** A closed log file and the sequence numbers it holds ({@code lastSeq = firstSeq - 1} when empty). */
record WalSpan(String name, long firstSeq, long lastSeq) {}
