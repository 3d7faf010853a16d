/**
 * Named benchmark datasets fetched on first use into a cache outside the repository:
 * {@link io.sextant.bench.data.DatasetRegistry} resolves {@code fashion-mnist},
 * {@code wordnet-minilm}, {@code wordnet-minilm-10k} and {@code synthetic-<dim>-<n>} to dataset
 * folders with exact ground truth.
 */
package io.sextant.bench.data;
