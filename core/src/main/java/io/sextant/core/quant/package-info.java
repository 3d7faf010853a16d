/**
 * Vector quantization: {@link io.sextant.core.quant.ScalarQuantizer} (int8, scored with the int8
 * kernels plus per-vector corrections) and {@link io.sextant.core.quant.BinaryQuantizer} (one
 * bit per dimension, Hamming distance).
 */
package io.sextant.core.quant;
