package dev.gakushu.tensor;

/**
 * The inner loops of {@link Gemm}: packing a block of op(B) and updating a range of rows of C from
 * it. Every implementation computes each element of C as the same chain of fused multiply-adds over
 * p = 0, 1, …, K−1 in order, so they all give the same bits.
 *
 * <p>An instance owns packing buffers and scratch areas for each worker, so that workers can work
 * on disjoint rectangles of C at once, each packing what it needs itself.
 */
interface GemmKernel {
  /** A short name for messages and benchmarks, e.g. {@code vector-256x6x16}. */
  String name();

  /** The rows of C a worker should receive together (its micro-tile height). */
  int rowGroup();

  /** The columns of C a worker should receive together (its micro-panel width). */
  int columnGroup();

  /** Columns of op(B) packed per block, at most. */
  int blockColumns();

  /** Rows of op(B) packed per block, at most. */
  int blockDepth();

  /**
   * Packs op(B)(pc + p, jc + j) for p &lt; kc, j &lt; nc, where op(B)(p, j) = b[p·bRow + j·bCol],
   * into the worker's buffer, for its next {@link #updateRows}.
   */
  void packB(int worker, float[] b, int bRow, int bCol, int pc, int kc, int jc, int nc);

  /**
   * For rows i in [rowStart, rowEnd) and columns j &lt; nc: C[i][jc + j] = (overwrite ? 0 : C[i][jc
   * + j]) + Σ_{p &lt; kc} op(A)(i, pc + p)·packed(p, j), with op(A)(i, p) = a[i·aRow + p·aCol],
   * accumulated in order of p with fused multiply-adds.
   */
  void updateRows(
      int worker,
      float[] a,
      int aRow,
      int aCol,
      float[] c,
      int ldc,
      int rowStart,
      int rowEnd,
      int pc,
      int kc,
      int jc,
      int nc,
      boolean overwrite);
}
