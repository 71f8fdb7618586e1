/**
 * Internal: the matrix type and its kernels (blocked GEMM, element-wise operations, normalisation)
 * in plain Java and with the Vector API, chosen at start-up with the same bits either way. Not part
 * of the API: it may change in any release.
 */
package dev.gakushu.tensor;
