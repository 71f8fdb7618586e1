package dev.gakushu.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class GemmTest {
  private static Matrix random(int rows, int cols, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Matrix m = new Matrix(rows, cols);
    for (int i = 0; i < m.size(); i++) {
      m.data()[i] = (float) (r.nextDouble() * 2 - 1);
    }
    return m;
  }

  private static Matrix transpose(Matrix a) {
    Matrix t = new Matrix(a.cols(), a.rows());
    for (int r = 0; r < a.rows(); r++) {
      for (int c = 0; c < a.cols(); c++) {
        t.set(c, r, a.get(r, c));
      }
    }
    return t;
  }

  /** The textbook triple loop in double: the independent reference. */
  private static double[] reference(Matrix a, Matrix b) {
    double[] c = new double[a.rows() * b.cols()];
    for (int i = 0; i < a.rows(); i++) {
      for (int j = 0; j < b.cols(); j++) {
        double s = 0;
        for (int p = 0; p < a.cols(); p++) {
          s += (double) a.get(i, p) * b.get(p, j);
        }
        c[i * b.cols() + j] = s;
      }
    }
    return c;
  }

  private static void assertClose(Matrix actual, double[] expected, int k) {
    for (int i = 0; i < expected.length; i++) {
      // float32 accumulation of k products of magnitude <= 1
      assertThat((double) actual.data()[i])
          .as("element %d", i)
          .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-6 * k + 1e-6));
    }
  }

  @Property(tries = 60)
  void allThreeFormsMatchTheReference(
      @ForAll @IntRange(min = 1, max = 40) int m,
      @ForAll @IntRange(min = 1, max = 40) int k,
      @ForAll @IntRange(min = 1, max = 40) int n,
      @ForAll("kernels") String kernel,
      @ForAll long seed) {
    Matrix a = random(m, k, seed);
    Matrix b = random(k, n, seed + 1);
    double[] expected = reference(a, b);
    Gemm gemm = new Gemm(1, kernel);
    Matrix c = new Matrix(m, n);
    gemm.multiply(a, b, c);
    assertClose(c, expected, k);
    gemm.multiplyTransposedA(transpose(a), b, c);
    assertClose(c, expected, k);
    gemm.multiplyTransposedB(a, transpose(b), c);
    assertClose(c, expected, k);
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<String> kernels() {
    return GemmKernels.vectorAvailable()
        ? net.jqwik.api.Arbitraries.of("plain", "vector")
        : net.jqwik.api.Arbitraries.of("plain");
  }

  @Test
  void theTestJvmHasTheVectorKernel() {
    // surefire starts the JVM with --add-modules jdk.incubator.vector, as the launcher does
    assertThat(GemmKernels.vectorAvailable()).isTrue();
    assertThat(new Gemm(1, "vector").kernelName()).startsWith("vector-");
  }

  @Test
  void blocksLargerThanOnePanelAreCombinedCorrectly() {
    // k > KC and n > the block width exercise the blocking over both dimensions
    Matrix a = random(37, 600, 1);
    Matrix b = random(600, 2100, 2);
    Matrix expected = null;
    for (String kernel : new String[] {"plain", "vector"}) {
      Matrix c = new Matrix(37, 2100);
      new Gemm(1, kernel).multiply(a, b, c);
      assertClose(c, reference(a, b), 600);
      if (expected != null) {
        assertThat(c.data()).as(kernel + " against plain").containsExactly(expected.data());
      }
      expected = c;
    }
  }

  @Property(tries = 40)
  void everyKernelGivesTheSameBits(
      @ForAll @IntRange(min = 1, max = 70) int m,
      @ForAll @IntRange(min = 1, max = 300) int k,
      @ForAll @IntRange(min = 1, max = 90) int n,
      @ForAll long seed) {
    Matrix a = random(m, k, seed);
    Matrix b = random(k, n, seed + 1);
    Matrix plain = new Matrix(m, n);
    new Gemm(1, "plain").multiplyTransposedB(a, transpose(b), plain);
    Matrix c = new Matrix(m, n);
    new Gemm(1, "vector").multiplyTransposedB(a, transpose(b), c);
    assertThat(c.data()).containsExactly(plain.data());
  }

  @Property(tries = 30)
  void resultIsBitIdenticalForAnyThreadCount(
      @ForAll @IntRange(min = 1, max = 130) int m,
      @ForAll @IntRange(min = 1, max = 300) int k,
      @ForAll @IntRange(min = 1, max = 90) int n,
      @ForAll @IntRange(min = 2, max = 5) int threads,
      @ForAll long seed) {
    Matrix a = random(m, k, seed);
    Matrix b = random(k, n, seed + 1);
    Matrix one = new Matrix(m, n);
    Matrix many = new Matrix(m, n);
    new Gemm(1).multiply(a, b, one);
    new Gemm(threads).multiply(a, b, many);
    assertThat(many.data()).containsExactly(one.data());
    new Gemm(threads, "plain").multiply(a, b, many);
    assertThat(many.data()).containsExactly(one.data());
  }

  @Test
  void aLargeProductReallyRunsOnSeveralThreads() {
    Gemm gemm = new Gemm(2);
    Matrix a = random(128, 256, 1);
    Matrix b = random(256, 128, 2);
    // the caller runs a part no worker has started (a worker just started may not be running
    // yet), so it takes a few products for a worker to run one; each is split
    for (int i = 0; i < 1000 && gemm.partsRunByWorkers() == 0; i++) {
      gemm.multiply(a, b, new Matrix(128, 128));
      assertThat(gemm.partsSplitOff()).isEqualTo(i + 1);
    }
    assertThat(gemm.partsRunByWorkers()).isPositive();
  }

  /**
   * A product on two threads whose worker has ended, as on a machine that never runs it: the caller
   * runs the part split off for it, with the bits of one thread, and counts it.
   */
  @Test
  void aProductWhoseWorkerNeverRunsEndsOnTheCallerWithTheSameBits() throws InterruptedException {
    WorkerPool pool = new WorkerPool(2);
    Thread worker = WorkerPoolTest.workerThread(pool);
    pool.shutdown();
    worker.join(60_000);
    assertThat(worker.isAlive()).isFalse();
    Gemm gemm = new Gemm(GemmKernels.create(2), pool);
    assertThat(gemm.threads()).isEqualTo(2);
    Matrix a = random(128, 256, 1);
    Matrix b = random(256, 128, 2);
    Matrix one = new Matrix(128, 128);
    new Gemm(1).multiply(a, b, one);
    long byWorkers = gemm.partsRunByWorkers();
    for (int i = 1; i <= 3; i++) {
      Matrix c = new Matrix(128, 128);
      c.fill(Float.NaN); // overwritten, never read
      gemm.multiply(a, b, c);
      assertThat(c.data()).containsExactly(one.data());
      assertThat(gemm.partsRunByWorkers()).isEqualTo(byWorkers);
      assertThat(gemm.partsSplitOff()).isEqualTo(byWorkers + i);
    }
  }

  @Test
  void overwritesInsteadOfAccumulating() {
    Matrix c = new Matrix(2, 2);
    c.fill(100f);
    new Gemm(1).multiply(Matrix.of(2, 1, 1, 2), Matrix.of(1, 2, 3, 4), c);
    assertThat(c.data()).containsExactly(3, 4, 6, 8);
  }

  @Test
  void rejectsMismatchedShapes() {
    assertThatThrownBy(
            () -> new Gemm(1).multiply(new Matrix(2, 3), new Matrix(4, 2), new Matrix(2, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2x3")
        .hasMessageContaining("4x2");
  }

  @Test
  void theTransposedFormsRejectMismatchedShapesToo() {
    Gemm gemm = new Gemm(1);
    assertThatThrownBy(() -> gemm.multiplyTransposedA(new Matrix(3, 2), new Matrix(4, 2), c22()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Aᵀ·B: cannot multiply 2x3 by 4x2 into 2x2");
    assertThatThrownBy(() -> gemm.multiplyTransposedA(new Matrix(3, 2), new Matrix(3, 2), c23()))
        .hasMessage("Aᵀ·B: cannot multiply 2x3 by 3x2 into 2x3");
    assertThatThrownBy(() -> gemm.multiplyTransposedB(new Matrix(2, 3), new Matrix(2, 4), c22()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("A·Bᵀ: cannot multiply 2x3 by 4x2 into 2x2");
    assertThatThrownBy(() -> gemm.multiplyTransposedB(new Matrix(2, 3), new Matrix(2, 3), c23()))
        .hasMessage("A·Bᵀ: cannot multiply 2x3 by 3x2 into 2x3");
    assertThatThrownBy(() -> new Gemm(0)).hasMessage("threads must be at least 1, was 0");
    assertThat(new Gemm(3).threads()).isEqualTo(3);
  }

  private static Matrix c22() {
    return new Matrix(2, 2);
  }

  private static Matrix c23() {
    return new Matrix(2, 3);
  }

  @Test
  void anEmptyInnerDimensionGivesZerosInEveryForm() {
    for (String kernel : new String[] {"plain", "vector"}) {
      Gemm gemm = new Gemm(2, kernel);
      Matrix c = new Matrix(3, 4);
      c.fill(7f);
      gemm.multiply(new Matrix(3, 0), new Matrix(0, 4), c);
      assertThat(c.data()).as(kernel).containsOnly(0f);
      c.fill(7f);
      gemm.multiplyTransposedA(new Matrix(0, 3), new Matrix(0, 4), c);
      assertThat(c.data()).as(kernel).containsOnly(0f);
      c.fill(7f);
      gemm.multiplyTransposedB(new Matrix(3, 0), new Matrix(4, 0), c);
      assertThat(c.data()).as(kernel).containsOnly(0f);
    }
  }

  /** op(A)·op(B) = A·B in the three forms, each on a new instance, each checked. */
  private static void assertEveryFormAgrees(String kernel, int threads, Matrix a, Matrix b) {
    double[] expected = reference(a, b);
    Matrix c = new Matrix(a.rows(), b.cols());
    c.fill(Float.NaN);
    new Gemm(threads, kernel).multiply(a, b, c);
    assertClose(c, expected, a.cols());
    Matrix tn = new Matrix(a.rows(), b.cols());
    new Gemm(threads, kernel).multiplyTransposedA(transpose(a), b, tn);
    assertThat(tn.data()).as("%s TN", kernel).containsExactly(c.data());
    Matrix nt = new Matrix(a.rows(), b.cols());
    new Gemm(threads, kernel).multiplyTransposedB(a, transpose(b), nt);
    assertThat(nt.data()).as("%s NT", kernel).containsExactly(c.data());
  }

  @Test
  void everyFormOverSeveralDepthBlocksOfOddDepthAndSeveralColumnBlocks() {
    // K beyond the plain kernel's block depth (1024) and every vector kernel's, cut into blocks of
    // odd depth (2051 = 683 + 684 + 684); N beyond the plain kernel's block width (512); M not a
    // multiple of either tile height
    Matrix a = random(13, 2051, 7);
    Matrix b = random(2051, 530, 8);
    for (String kernel : new String[] {"plain", "vector"}) {
      for (int threads : new int[] {1, 3}) {
        assertEveryFormAgrees(kernel, threads, a, b);
      }
    }
  }

  @Test
  void fullBlocksOfTheVectorKernelInEveryDimension() {
    GemmKernel kernel = GemmKernels.create(1, "vector");
    GemmBlocking blocking = GemmBlocking.of(6, kernel.columnGroup(), CacheSizes.DETECTED);
    int kc = kernel.blockDepth();
    // exactly one full block of depth; a full block of rows of A (packed whole in the TN form)
    assertEveryFormAgrees("vector", 1, random(blocking.mc() + 7, kc, 9), random(kc, 20, 10));
    // a full block of columns of B and a few more
    assertEveryFormAgrees("vector", 1, random(7, kc, 11), random(kc, blocking.nc() + 5, 12));
  }

  @Test
  void aProductOfOneTileStaysOnTheCallingThread() {
    for (String name : new String[] {"plain", "vector"}) {
      GemmKernel kernel = GemmKernels.create(1, name);
      int rows = kernel.rowGroup();
      int cols = kernel.columnGroup();
      int k = 4096; // enough work to be worth several threads, were there more than one tile
      Gemm gemm = new Gemm(2, name);
      gemm.multiply(random(rows, k, 1), random(k, cols, 2), new Matrix(rows, cols));
      assertThat(gemm.partsSplitOff()).as("%s, one tile", name).isZero();
      gemm.multiply(random(rows + 1, k, 1), random(k, cols, 2), new Matrix(rows + 1, cols));
      assertThat(gemm.partsSplitOff()).as("%s, two tiles of rows", name).isEqualTo(1);
      gemm.multiply(random(rows, k, 1), random(k, cols + 1, 2), new Matrix(rows, cols + 1));
      assertThat(gemm.partsSplitOff()).as("%s, two tiles of columns", name).isEqualTo(2);
    }
  }

  @Property(tries = 200)
  void theSharesOfTheThreadsAreWholeGroupsThatCoverTheExtentOnce(
      @ForAll @IntRange(min = 1, max = 500) int extent,
      @ForAll @IntRange(min = 1, max = 32) int group,
      @ForAll @IntRange(min = 1, max = 8) int parts) {
    int groups = (extent + group - 1) / group;
    net.jqwik.api.Assume.that(parts <= groups);
    int previous = Gemm.shareStart(0, parts, groups, group, extent);
    assertThat(previous).isZero();
    for (int w = 1; w <= parts; w++) {
      int start = Gemm.shareStart(w, parts, groups, group, extent);
      int groupsInShare = (start - previous + group - 1) / group;
      assertThat(start).isGreaterThan(previous);
      assertThat(start == extent || start % group == 0).isTrue();
      // balanced: each share has ⌊groups/parts⌋ or ⌈groups/parts⌉ groups
      assertThat(groupsInShare).isBetween(groups / parts, (groups + parts - 1) / parts);
      previous = start;
    }
    assertThat(previous).isEqualTo(extent);
  }
}
