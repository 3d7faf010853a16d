/**
 * Measuring searches: {@link io.sextant.core.eval.Recall} against ground truth (optionally
 * tie-aware), {@link io.sextant.core.eval.LatencyRecorder} percentiles on HdrHistogram, and
 * {@link io.sextant.core.eval.QueryRunner} for warm-up, timing and QPS on one or many threads.
 */
package io.sextant.core.eval;
