package dev.gakushu.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;

/**
 * Matrix multiplication C = op(A)·op(B), the one kernel that carries almost all of a dense
 * network's arithmetic.
 *
 * <p>The kernel is cache-blocked in the manner of BLIS: a KC×NC block of op(B) is packed into
 * row arrays, then every group of four rows of C is updated from it with two k-steps per pass,
 * {@code c[j] = fma(a[i][p+1], b[p+1][j], fma(a[i][p], b[p][j], c[j]))}. Every element of C is
 * thus the same chain of fused multiply-adds over p = 0, 1, …, K−1, in that order, whichever
 * code path or thread computes it.
 *
 * <p>Threads split the rows of C into contiguous ranges; they never split the reduction over
 * K. The result is therefore bit-identical for any thread count.
 *
 * <p>An instance keeps its packing buffers and thread pool, so it is not thread-safe: each
 * network owns one.
 */
public final class Gemm {
    private static final int KC = 256;
    private static final int NC = 512;
    private static final int MR = 4;
    /** Below this many multiply-adds a product runs on the calling thread alone. */
    private static final long PARALLEL_MIN_WORK = 1L << 16;

    private final int threads;
    private final ForkJoinPool pool;
    private final float[][] packedB = new float[KC][NC];
    private final float[][][] rowScratch;

    /**
     * @param threads number of threads that may work on one product, at least 1
     */
    public Gemm(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        this.threads = threads;
        this.pool = threads > 1 ? new ForkJoinPool(threads) : null;
        this.rowScratch = new float[threads][MR][NC];
    }

    public int threads() {
        return threads;
    }

    /** Number of worker threads the pool has started so far (0 for a single-threaded instance). */
    public int startedWorkers() {
        return pool == null ? 0 : pool.getPoolSize();
    }

    /** C = A·B, with A m×k, B k×n and C m×n. C is overwritten. */
    public void multiply(Matrix a, Matrix b, Matrix c) {
        requireShapes("A·B", a.rows(), a.cols(), b.rows(), b.cols(), c);
        gemm(a.data(), a.cols(), 1, b.data(), b.cols(), 1, c.data(), a.rows(), b.cols(), a.cols());
    }

    /** C = Aᵀ·B, with A k×m, B k×n and C m×n. C is overwritten. */
    public void multiplyTransposedA(Matrix a, Matrix b, Matrix c) {
        requireShapes("Aᵀ·B", a.cols(), a.rows(), b.rows(), b.cols(), c);
        gemm(a.data(), 1, a.cols(), b.data(), b.cols(), 1, c.data(), a.cols(), b.cols(), a.rows());
    }

    /** C = A·Bᵀ, with A m×k, B n×k and C m×n. C is overwritten. */
    public void multiplyTransposedB(Matrix a, Matrix b, Matrix c) {
        requireShapes("A·Bᵀ", a.rows(), a.cols(), b.cols(), b.rows(), c);
        gemm(a.data(), a.cols(), 1, b.data(), 1, b.cols(), c.data(), a.rows(), b.rows(), a.cols());
    }

    private static void requireShapes(String op, int m, int k, int kB, int n, Matrix c) {
        if (k != kB || !c.hasShape(m, n)) {
            throw new IllegalArgumentException(op + ": cannot multiply " + m + "x" + k + " by " + kB + "x" + n
                    + " into " + c.shape());
        }
    }

    /**
     * C (m×n, row-major) = op(A)·op(B), where op(A)(i, p) = a[i·aRow + p·aCol] and
     * op(B)(p, j) = b[p·bRow + j·bCol].
     */
    private void gemm(float[] a, int aRow, int aCol, float[] b, int bRow, int bCol, float[] c, int m, int n, int k) {
        if (k == 0) {
            java.util.Arrays.fill(c, 0, m * n, 0f);
            return;
        }
        int workers = workersFor((long) m * n * k, m);
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                packB(b, bRow, bCol, pc, kc, jc, nc);
                int p0 = pc;
                int j0 = jc;
                BlockTask block = (worker, rowStart, rowEnd) ->
                        updateRows(rowScratch[worker], a, aRow, aCol, c, n, rowStart, rowEnd, p0, kc, j0, nc, p0 == 0);
                runOverRows(block, m, workers);
            }
        }
    }

    private int workersFor(long work, int m) {
        if (pool == null || work < PARALLEL_MIN_WORK) {
            return 1;
        }
        return Math.max(1, Math.min(threads, m / MR));
    }

    @FunctionalInterface
    private interface BlockTask {
        void run(int worker, int rowStart, int rowEnd);
    }

    /** Splits rows 0..m into {@code workers} contiguous ranges aligned to MR and runs them. */
    private void runOverRows(BlockTask task, int m, int workers) {
        if (workers == 1) {
            task.run(0, 0, m);
            return;
        }
        int groups = (m + MR - 1) / MR;
        List<Callable<Void>> parts = new ArrayList<>(workers);
        for (int w = 0; w < workers; w++) {
            int start = Math.min(m, (int) ((long) groups * w / workers) * MR);
            int end = Math.min(m, (int) ((long) groups * (w + 1) / workers) * MR);
            int worker = w;
            parts.add(() -> {
                task.run(worker, start, end);
                return null;
            });
        }
        for (var future : pool.invokeAll(parts)) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted during a matrix product", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("matrix product failed", e.getCause());
            }
        }
    }

    /** packedB[p][j] = op(B)(pc + p, jc + j). */
    private void packB(float[] b, int bRow, int bCol, int pc, int kc, int jc, int nc) {
        for (int p = 0; p < kc; p++) {
            float[] row = packedB[p];
            int base = (pc + p) * bRow + jc * bCol;
            if (bCol == 1) {
                System.arraycopy(b, base, row, 0, nc);
            } else {
                for (int j = 0; j < nc; j++) {
                    row[j] = b[base + j * bCol];
                }
            }
        }
    }

    private void updateRows(float[][] scratch, float[] a, int aRow, int aCol, float[] c, int ldc,
                            int rowStart, int rowEnd, int pc, int kc, int jc, int nc, boolean firstBlock) {
        int i = rowStart;
        for (; i + MR <= rowEnd; i += MR) {
            for (int r = 0; r < MR; r++) {
                loadRow(scratch[r], c, (i + r) * ldc + jc, nc, firstBlock);
            }
            fourRows(scratch, a, aRow, aCol, i, pc, kc, nc);
            for (int r = 0; r < MR; r++) {
                System.arraycopy(scratch[r], 0, c, (i + r) * ldc + jc, nc);
            }
        }
        for (; i < rowEnd; i++) {
            loadRow(scratch[0], c, i * ldc + jc, nc, firstBlock);
            oneRow(scratch[0], a, aRow, aCol, i, pc, kc, nc);
            System.arraycopy(scratch[0], 0, c, i * ldc + jc, nc);
        }
    }

    private static void loadRow(float[] row, float[] c, int offset, int nc, boolean zero) {
        if (zero) {
            java.util.Arrays.fill(row, 0, nc, 0f);
        } else {
            System.arraycopy(c, offset, row, 0, nc);
        }
    }

    private void fourRows(float[][] rows, float[] a, int aRow, int aCol, int i, int pc, int kc, int nc) {
        float[] c0 = rows[0];
        float[] c1 = rows[1];
        float[] c2 = rows[2];
        float[] c3 = rows[3];
        int a0 = i * aRow;
        int a1 = a0 + aRow;
        int a2 = a1 + aRow;
        int a3 = a2 + aRow;
        int p = 0;
        for (; p + 1 < kc; p += 2) {
            float[] b0 = packedB[p];
            float[] b1 = packedB[p + 1];
            int k0 = (pc + p) * aCol;
            int k1 = k0 + aCol;
            float x00 = a[a0 + k0], x01 = a[a0 + k1];
            float x10 = a[a1 + k0], x11 = a[a1 + k1];
            float x20 = a[a2 + k0], x21 = a[a2 + k1];
            float x30 = a[a3 + k0], x31 = a[a3 + k1];
            for (int j = 0; j < nc; j++) {
                float u = b0[j];
                float v = b1[j];
                c0[j] = Math.fma(x01, v, Math.fma(x00, u, c0[j]));
                c1[j] = Math.fma(x11, v, Math.fma(x10, u, c1[j]));
                c2[j] = Math.fma(x21, v, Math.fma(x20, u, c2[j]));
                c3[j] = Math.fma(x31, v, Math.fma(x30, u, c3[j]));
            }
        }
        if (p < kc) {
            float[] b0 = packedB[p];
            int k0 = (pc + p) * aCol;
            float x0 = a[a0 + k0], x1 = a[a1 + k0], x2 = a[a2 + k0], x3 = a[a3 + k0];
            for (int j = 0; j < nc; j++) {
                float u = b0[j];
                c0[j] = Math.fma(x0, u, c0[j]);
                c1[j] = Math.fma(x1, u, c1[j]);
                c2[j] = Math.fma(x2, u, c2[j]);
                c3[j] = Math.fma(x3, u, c3[j]);
            }
        }
    }

    /** The same chain of operations as {@link #fourRows} for a single row. */
    private void oneRow(float[] c0, float[] a, int aRow, int aCol, int i, int pc, int kc, int nc) {
        int a0 = i * aRow;
        int p = 0;
        for (; p + 1 < kc; p += 2) {
            float[] b0 = packedB[p];
            float[] b1 = packedB[p + 1];
            int k0 = (pc + p) * aCol;
            float x0 = a[a0 + k0];
            float x1 = a[a0 + k0 + aCol];
            for (int j = 0; j < nc; j++) {
                c0[j] = Math.fma(x1, b1[j], Math.fma(x0, b0[j], c0[j]));
            }
        }
        if (p < kc) {
            float[] b0 = packedB[p];
            float x0 = a[a0 + (pc + p) * aCol];
            for (int j = 0; j < nc; j++) {
                c0[j] = Math.fma(x0, b0[j], c0[j]);
            }
        }
    }
}
