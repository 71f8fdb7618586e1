/**
 * Internal: the workloads of {@code gakushu bench} (training steps, GEMM, the FMA peak). Not part
 * of the API.
 */
package dev.gakushu.bench;
