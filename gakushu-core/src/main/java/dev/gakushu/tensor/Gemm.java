package dev.gakushu.tensor;

import java.lang.ref.Cleaner;
import java.util.function.IntConsumer;

/**
 * Matrix multiplication C = op(A)·op(B), the one kernel that carries almost all of a dense
 * network's arithmetic.
 *
 * <p>Cache-blocked in the manner of BLIS: for each block of at most KC rows and NC columns of
 * op(B), the block is packed, then rows of C are updated from it with a {@link GemmKernel} — the
 * Vector API kernel when the JVM has {@code jdk.incubator.vector}, a plain-Java one otherwise
 * ({@link GemmKernels}). Every element of C is the same chain of fused multiply-adds over p = 0, 1,
 * …, K−1, in that order, whichever kernel, tile or thread computes it.
 *
 * <p>Threads split C into rectangles, by rows or by columns, each thread packing what its own
 * rectangle needs, so that a product costs one hand-over to the threads and one wait, however many
 * blocks it has; they never split the reduction over K. The result is therefore bit-identical for
 * any thread count. C must not be A or B.
 *
 * <p>An instance keeps its packing buffers and worker threads, so it is not thread-safe: each
 * network owns one. Its threads end when it is no longer reachable.
 */
public final class Gemm {
  private static final Cleaner CLEANER = Cleaner.create();

  /** Below this many multiply-adds a product runs on the calling thread alone. */
  private static final long PARALLEL_MIN_WORK = 1L << 17;

  private final int threads;
  private final GemmKernel kernel;
  private final WorkerPool pool;
  private final Split split = new Split();

  /**
   * @param threads number of threads that may work on one product, at least 1
   */
  public Gemm(int threads) {
    this(threads, (String) null);
  }

  /**
   * @param kernel "plain", "vector", "vector512", "vector256" or "vector128" ({@link
   *     GemmKernels#create(int, String)}), or null for {@link GemmKernels}' choice
   */
  Gemm(int threads, String kernel) {
    this(threads, kernelFor(checkThreads(threads), kernel));
  }

  private static GemmKernel kernelFor(int threads, String kernel) {
    return kernel == null ? GemmKernels.create(threads) : GemmKernels.create(threads, kernel);
  }

  /** With a kernel made for at least {@code threads} workers. */
  Gemm(int threads, GemmKernel kernel) {
    this(kernel, new WorkerPool(checkThreads(threads)));
  }

  /**
   * With a kernel made for at least as many workers as {@code pool} has threads, on that pool,
   * which it shuts down when it is no longer reachable.
   */
  Gemm(GemmKernel kernel, WorkerPool pool) {
    this.threads = pool.threads();
    this.kernel = kernel;
    this.pool = pool;
    CLEANER.register(this, pool::shutdown);
  }

  private static int checkThreads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, was " + threads);
    }
    return threads;
  }

  public int threads() {
    return threads;
  }

  /** The kernel's name, e.g. {@code vector-256bit-6x16} or {@code plain-java}. */
  public String kernelName() {
    return kernel.name();
  }

  /**
   * How many row ranges worker threads (not the caller) have computed so far; 0 single-threaded.
   */
  long partsRunByWorkers() {
    return pool.partsRunByWorkers();
  }

  /**
   * How many parts beyond the caller's own the products have been split into so far, whoever ran
   * them (a worker, or the caller when no worker had started one); 0 single-threaded.
   */
  long partsSplitOff() {
    return pool.partsRunByWorkers() + pool.partsTakenByCaller();
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
      throw new IllegalArgumentException(
          op + ": cannot multiply " + m + "x" + k + " by " + kB + "x" + n + " into " + c.shape());
    }
  }

  /**
   * C (m×n, row-major) = op(A)·op(B), where op(A)(i, p) = a[i·aRow + p·aCol] and op(B)(p, j) =
   * b[p·bRow + j·bCol].
   */
  private void gemm(
      float[] a,
      int aRow,
      int aCol,
      float[] b,
      int bRow,
      int bCol,
      float[] c,
      int m,
      int n,
      int k) {
    if (k == 0) {
      java.util.Arrays.fill(c, 0, m * n, 0f);
      return;
    }
    int rowGroups = (m + kernel.rowGroup() - 1) / kernel.rowGroup();
    int columnGroups = (n + kernel.columnGroup() - 1) / kernel.columnGroup();
    int parts =
        (long) m * n * k < PARALLEL_MIN_WORK
            ? 1
            : Math.min(threads, Math.max(rowGroups, columnGroups));
    if (parts == 1) {
      rectangle(0, a, aRow, aCol, b, bRow, bCol, c, n, k, 0, m, 0, n);
      return;
    }
    // Each worker packs what its rectangle needs: split by columns, every worker reads all of
    // op(A) (packed again by each only when it is transposed); split by rows, every worker packs
    // all of op(B). The split that packs less twice is taken, if it gives every worker a share;
    // on a tie, rows, which divide into finer shares (MR rows against NR columns): with 2 threads
    // 100×784×100 Aᵀ·B measured 191–255 GFLOPS by rows against 149–162 by columns, 64 and 36.
    long columnSplitRepacks = aCol == 1 ? 0 : (long) m * k;
    long rowSplitRepacks = (long) k * n;
    boolean byColumns =
        columnGroups >= parts && (rowGroups < parts || columnSplitRepacks < rowSplitRepacks);
    Split split = this.split;
    split.a = a;
    split.aRow = aRow;
    split.aCol = aCol;
    split.b = b;
    split.bRow = bRow;
    split.bCol = bCol;
    split.c = c;
    split.m = m;
    split.n = n;
    split.k = k;
    split.parts = parts;
    split.byColumns = byColumns;
    split.groups = byColumns ? columnGroups : rowGroups;
    split.group = byColumns ? kernel.columnGroup() : kernel.rowGroup();
    try {
      pool.run(parts, split);
    } finally {
      split.a = null;
      split.b = null;
      split.c = null;
    }
  }

  /**
   * One product split among the workers, worker w taking the w-th share of the row or column
   * groups: an object kept for every product, not a lambda made for each, so that a product
   * allocates nothing.
   */
  private final class Split implements IntConsumer {
    float[] a;
    int aRow;
    int aCol;
    float[] b;
    int bRow;
    int bCol;
    float[] c;
    int m;
    int n;
    int k;
    int parts;
    boolean byColumns;
    int groups;
    int group;

    @Override
    public void accept(int w) {
      int extent = byColumns ? n : m;
      int start = shareStart(w, parts, groups, group, extent);
      int end = shareStart(w + 1, parts, groups, group, extent);
      if (byColumns) {
        rectangle(w, a, aRow, aCol, b, bRow, bCol, c, n, k, 0, m, start, end);
      } else {
        rectangle(w, a, aRow, aCol, b, bRow, bCol, c, n, k, start, end, 0, n);
      }
    }
  }

  /**
   * Where the share of part w of {@code parts} begins, splitting {@code extent} rows or columns,
   * {@code groups} = ⌈extent / group⌉ groups of {@code group}, into shares of whole groups that
   * differ by at most one group: min(extent, ⌊groups·w / parts⌋·group). Part w's share is
   * [start(w), start(w + 1)), and start(parts) = extent.
   */
  static int shareStart(int w, int parts, int groups, int group, int extent) {
    return Math.min(extent, (int) ((long) groups * w / parts) * group);
  }

  /**
   * Rows [rowStart, rowEnd) × columns [colStart, colEnd) of C, by one worker: for each block of
   * op(B) of at most NC columns and KC rows (the depth cut into blocks of equal size), the worker
   * packs the block, then updates its rows from it.
   */
  private void rectangle(
      int worker,
      float[] a,
      int aRow,
      int aCol,
      float[] b,
      int bRow,
      int bCol,
      float[] c,
      int ldc,
      int k,
      int rowStart,
      int rowEnd,
      int colStart,
      int colEnd) {
    int depthBlocks = (k + kernel.blockDepth() - 1) / kernel.blockDepth();
    for (int jc = colStart; jc < colEnd; jc += kernel.blockColumns()) {
      int nc = Math.min(kernel.blockColumns(), colEnd - jc);
      for (int block = 0; block < depthBlocks; block++) {
        int pc = (int) ((long) k * block / depthBlocks);
        int kc = (int) ((long) k * (block + 1) / depthBlocks) - pc;
        kernel.packB(worker, b, bRow, bCol, pc, kc, jc, nc);
        kernel.updateRows(worker, a, aRow, aCol, c, ldc, rowStart, rowEnd, pc, kc, jc, nc, pc == 0);
      }
    }
  }
}
