package dev.gakushu.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
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

  /** Every tile of every width, with the cache-size rule's blocks, by its {@code describe}. */
  private static final Map<String, Supplier<GemmKernel>> TILES = everyTile();

  private static Map<String, Supplier<GemmKernel>> everyTile() {
    Map<String, Supplier<GemmKernel>> tiles = new LinkedHashMap<>();
    for (int bits : new int[] {512, 256, 128}) {
      for (GemmTile tile : GemmTile.forBits(bits)) {
        int nr = GemmChoice.nr(bits, tile);
        GemmChoice choice =
            new GemmChoice(tile, GemmBlocking.of(tile.rows(), nr, CacheSizes.DETECTED));
        tiles.put(choice.describe(bits), () -> VectorGemmKernel.create(bits, 1, choice));
      }
    }
    return tiles;
  }

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
  private static Matrix[] allForms(Supplier<GemmKernel> kernel, int threads, Matrix a, Matrix b) {
    Matrix nn = new Matrix(a.rows(), b.cols());
    Matrix tn = new Matrix(a.rows(), b.cols());
    Matrix nt = new Matrix(a.rows(), b.cols());
    nn.fill(Float.NaN); // overwritten, never read
    new Gemm(threads, kernel.get()).multiply(a, b, nn);
    new Gemm(threads, kernel.get()).multiplyTransposedA(transpose(a), b, tn);
    new Gemm(threads, kernel.get()).multiplyTransposedB(a, transpose(b), nt);
    return new Matrix[] {nn, tn, nt};
  }

  private static void assertSameBitsAsPlain(String kernel, int threads, Matrix a, Matrix b) {
    assertSameBitsAsPlain(kernel, () -> GemmKernels.create(threads, kernel), threads, a, b);
  }

  /**
   * The three forms by kernels from {@code kernels}, against the plain kernel's NN, bit for bit.
   */
  private static void assertSameBitsAsPlain(
      String kernel, Supplier<GemmKernel> kernels, int threads, Matrix a, Matrix b) {
    Matrix[] plain = allForms(() -> new PlainGemmKernel(1), 1, a, b);
    Matrix[] vector = allForms(kernels, threads, a, b);
    String[] forms = {"NN", "TN", "NT"};
    for (int f = 0; f < 3; f++) {
      assertThat(vector[f].data())
          .as("%s, %d threads, %s, %s by %s", kernel, threads, forms[f], a.shape(), b.shape())
          .containsExactly(plain[0].data());
      assertThat(plain[f].data()).as("plain %s", forms[f]).containsExactly(plain[0].data());
    }
  }

  @Property(tries = 80)
  void everyWidthAndTileGivesThePlainKernelsBits(
      @ForAll("tiles") String tile,
      @ForAll @IntRange(min = 1, max = 50) int m,
      @ForAll @IntRange(min = 1, max = 70) int k,
      @ForAll @IntRange(min = 1, max = 70) int n,
      @ForAll long seed) {
    assertSameBitsAsPlain(tile, TILES.get(tile), 1, random(m, k, seed), random(k, n, seed + 1));
  }

  @Provide
  Arbitrary<String> tiles() {
    return Arbitraries.of(TILES.keySet());
  }

  @Test
  void edgesOfEveryTileAroundTheVectorAndTileSizes() {
    // one row or column either side of every tile height and panel width of every kernel
    int[] sizes = {1, 5, 6, 7, 8, 9, 11, 12, 13, 15, 16, 17, 23, 25, 31, 32, 33, 47, 49};
    long seed = 3;
    assertThat(TILES).hasSize(6);
    for (Map.Entry<String, Supplier<GemmKernel>> tile : TILES.entrySet()) {
      for (int m : sizes) {
        for (int n : sizes) {
          assertSameBitsAsPlain(
              tile.getKey(), tile.getValue(), 1, random(m, 3, seed), random(3, n, seed + 1));
          seed += 2;
        }
      }
    }
  }

  /**
   * One kernel of each tile through products of shrinking shapes, each in all three forms, against
   * the plain kernel bit for bit: its packing buffers then hold an earlier product's floats past
   * what the product packs, which no tile may read (a network reuses one kernel for all its
   * products). The last panel of each product after the first is at most one vector wide.
   */
  @Test
  void aKernelReusedForSmallerProductsGivesThePlainKernelsBits() {
    int[][] shapes = {{50, 70, 70}, {37, 40, 37}, {25, 20, 5}, {13, 9, 17}};
    long seed = 41;
    for (Map.Entry<String, Supplier<GemmKernel>> tile : TILES.entrySet()) {
      Gemm reused = new Gemm(1, tile.getValue().get());
      for (int[] shape : shapes) {
        Matrix a = random(shape[0], shape[1], seed++);
        Matrix b = random(shape[1], shape[2], seed++);
        Matrix plain = new Matrix(shape[0], shape[2]);
        new Gemm(1, new PlainGemmKernel(1)).multiply(a, b, plain);
        Matrix[] forms = new Matrix[3];
        for (int f = 0; f < 3; f++) {
          forms[f] = new Matrix(shape[0], shape[2]);
          forms[f].fill(Float.NaN); // overwritten, never read
        }
        reused.multiply(a, b, forms[0]);
        reused.multiplyTransposedA(transpose(a), b, forms[1]);
        reused.multiplyTransposedB(a, transpose(b), forms[2]);
        for (int f = 0; f < 3; f++) {
          assertThat(forms[f].data())
              .as("%s reused, form %d, %s by %s", tile.getKey(), f, a.shape(), b.shape())
              .containsExactly(plain.data());
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

  /**
   * Every tile and blocking the tuner can choose ({@link GemmTuner#space}), at every width, gives
   * the plain kernel's bits in every form: with caches so small that every choice's blocks cut the
   * operands in every dimension (KC 64 to 256, MC and NC of a few tiles), on two threads; and with
   * this machine's caches over a depth beyond every KC the tuner tries ({@link GemmTuner#MAX_KC}).
   */
  @Test
  void everyTileAndBlockingTheTunerCanChooseGivesThePlainKernelsBits() {
    CacheSizes tiny = new CacheSizes(2 << 10, 8 << 10, 32 << 10);
    Matrix a = random(37, 300, 13);
    Matrix b = random(300, 41, 14);
    Matrix deepA = random(9, GemmTuner.MAX_KC + 9, 15);
    Matrix deepB = random(GemmTuner.MAX_KC + 9, 20, 16);
    int checked = 0;
    for (int bits : new int[] {512, 256, 128}) {
      Set<GemmChoice> small = GemmTuner.space(bits, tiny);
      assertThat(small.stream().map(GemmChoice::tile).distinct())
          .as("every tile of %d bits", bits)
          .containsExactlyInAnyOrderElementsOf(GemmTile.forBits(bits));
      for (GemmChoice choice : small) {
        assertThat(choice.blocking().kc()).as(choice.describe(bits)).isLessThan(300);
        assertThat(choice.blocking().mc()).as(choice.describe(bits)).isLessThan(37);
        assertThat(choice.blocking().nc()).as(choice.describe(bits)).isLessThan(41);
        assertSameBitsAsPlain(
            choice.describe(bits), () -> VectorGemmKernel.create(bits, 2, choice), 2, a, b);
        checked++;
      }
      for (GemmChoice choice : GemmTuner.space(bits, CacheSizes.DETECTED)) {
        assertSameBitsAsPlain(
            choice.describe(bits), () -> VectorGemmKernel.create(bits, 1, choice), 1, deepA, deepB);
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(50);
  }
}
