/**
 * The matrix type rows, weights and probabilities travel in ({@link dev.gakushu.tensor.Matrix}),
 * and the operations on it (blocked GEMM, element-wise operations, normalisation) in plain Java and
 * with the Vector API, chosen at start-up with the same bits either way. The kernels themselves are
 * package-private; the public operations serve the library's own packages and may change in any
 * release.
 */
package dev.gakushu.tensor;
