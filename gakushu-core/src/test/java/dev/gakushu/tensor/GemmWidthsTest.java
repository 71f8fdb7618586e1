package dev.gakushu.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Every vector width and tile against the plain-Java kernel, bit for bit, in all three transpose
 * forms, on any CPU: a CPU without AVX-512 runs 512-bit vectors slowly but exactly. The Maven build
 * runs this class in a JVM of its own (see the pom): with two widths in one JVM, the JIT can no
 * longer compile the vector kernel to vector instructions, which would slow every other test.
 */
class GemmWidthsTest {
  private static final String[] KERNELS = {"vector512", "vector256", "vector128"};

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

  /**
   * C = A·B by the three forms of a kernel, each on a new instance (so that no form sees what
   * another packed): NN on (A, B), TN on (Aᵀ, B), NT on (A, Bᵀ).
   */
  private static Matrix[] allForms(String kernel, int threads, Matrix a, Matrix b) {
    Matrix nn = new Matrix(a.rows(), b.cols());
    Matrix tn = new Matrix(a.rows(), b.cols());
    Matrix nt = new Matrix(a.rows(), b.cols());
    nn.fill(Float.NaN); // overwritten, never read
    new Gemm(threads, kernel).multiply(a, b, nn);
    new Gemm(threads, kernel).multiplyTransposedA(transpose(a), b, tn);
    new Gemm(threads, kernel).multiplyTransposedB(a, transpose(b), nt);
    return new Matrix[] {nn, tn, nt};
  }

  private static void assertSameBitsAsPlain(String kernel, int threads, Matrix a, Matrix b) {
    Matrix[] plain = allForms("plain", 1, a, b);
    Matrix[] vector = allForms(kernel, threads, a, b);
    String[] forms = {"NN", "TN", "NT"};
    for (int f = 0; f < 3; f++) {
      assertThat(vector[f].data())
          .as("%s, %d threads, %s, %s by %s", kernel, threads, forms[f], a.shape(), b.shape())
          .containsExactly(plain[0].data());
      assertThat(plain[f].data()).as("plain %s", forms[f]).containsExactly(plain[0].data());
    }
  }

  @Property(tries = 60)
  void everyWidthAndTileGivesThePlainKernelsBits(
      @ForAll("kernels") String kernel,
      @ForAll @IntRange(min = 1, max = 50) int m,
      @ForAll @IntRange(min = 1, max = 70) int k,
      @ForAll @IntRange(min = 1, max = 70) int n,
      @ForAll long seed) {
    assertSameBitsAsPlain(kernel, 1, random(m, k, seed), random(k, n, seed + 1));
  }

  @Provide
  Arbitrary<String> kernels() {
    return Arbitraries.of(KERNELS);
  }

  @Test
  void edgesOfEveryTileAroundTheVectorAndTileSizes() {
    // one row or column either side of every tile height and panel width of every kernel
    int[] sizes = {1, 5, 6, 7, 8, 9, 15, 16, 17, 31, 32, 33, 47, 49};
    long seed = 3;
    for (String kernel : KERNELS) {
      for (int m : sizes) {
        for (int n : sizes) {
          assertSameBitsAsPlain(kernel, 1, random(m, 3, seed), random(3, n, seed + 1));
          seed += 2;
        }
      }
    }
  }

  @Test
  void severalDepthBlocksAndColumnBlocksOnSeveralThreads() {
    // K beyond every vector kernel's block depth (at most 1024), N beyond the plain kernel's block
    // width (512)
    Matrix a = random(21, 1100, 5);
    Matrix b = random(1100, 530, 6);
    for (String kernel : KERNELS) {
      assertSameBitsAsPlain(kernel, 3, a, b);
    }
  }
}
