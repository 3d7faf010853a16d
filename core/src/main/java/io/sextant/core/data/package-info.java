/**
 * Vector datasets: readers for {@code .fvecs}, {@code .ivecs}, {@code .bvecs} and {@code .npy}
 * ({@link io.sextant.core.data.VectorFiles}), dataset folders with cached exact ground truth
 * ({@link io.sextant.core.data.Dataset}), and a seeded embedding-like generator
 * ({@link io.sextant.core.data.SyntheticDataset}). Vectors are held in one contiguous
 * {@link io.sextant.core.data.VectorBlock}; malformed files raise
 * {@link io.sextant.core.data.DatasetFormatException} with the file and byte offset.
 */
package io.sextant.core.data;
