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
    assertThat(new Gemm(1).kernelName()).startsWith("vector-");
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
    gemm.multiply(random(128, 256, 1), random(256, 128, 2), new Matrix(128, 128));
    assertThat(gemm.partsRunByWorkers()).isPositive();
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
}
