package dev.gakushu.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Whether this JVM compiles the Vector API kernels to vector instructions. It runs the kernels that
 * carry the arithmetic — every register tile of the matrix product at this JVM's width, over a
 * packed panel of A and straight from A's rows, whole and one vector wide ({@link
 * VectorGemmKernel}), and the element-wise and row passes ({@link VectorElementWise}, {@link
 * VectorNormalization}) — on small inputs, round after round, and counts the bytes each round
 * allocates on this thread. Compiled to instructions they allocate nothing; a vector operation the
 * JIT does not turn into instructions allocates an object per vector and runs many times slower
 * than the plain loop (JDK 17 does so in the register tiles and the dropout mask). The rounds end
 * when one allocates nothing, or when they still allocate though the JIT has compiled nothing for a
 * while (it has compiled them as it will), or at the budget. Only {@link KernelChoice} refers to
 * this class, and only when the module is present.
 *
 * <p>Running every tile also leaves them compiled for what follows (the tuner's measurements, the
 * first steps): a tile that no round ran, e.g. the one-vector edge of the tile reading A's rows,
 * once stayed interpreted for seconds, allocating, and 100×784×100 A·B ran at 15 GFLOPS instead of
 * 90 in {@code bench} for as long.
 */
final class VectorProbe {
  /** Calls of the element-wise and row passes per round. */
  private static final int PASSES_PER_ROUND = 6;

  /** Tile calls per round for each tile: packed and direct, whole and one vector wide. */
  private static final int CALLS_PER_TILE = 4;

  private static final int ROWS = 12;
  private static final int DEPTH = 48;

  /** An array, so that a round makes no iterator. */
  private final VectorGemmKernel[] kernels = everyTile(VectorGemmKernel.preferredBits());

  private final int width = kernels[0].columnGroup();
  private final int lanes = kernels[0].species().length();
  private final float[] a = filled(ROWS * DEPTH);
  private final float[] b = filled(DEPTH * widest());
  private final float[] tiles = new float[ROWS * widest()];
  private final float[] c = new float[ROWS * width];
  private final float[] other = filled(ROWS * width);
  private final float[] columnFloats = filled(width);
  private final double[] columnSums = new double[width];
  private final double[] columnOther = new double[width];

  /** A kernel for each tile of the width, with the cache-size rule's blocks. */
  private static VectorGemmKernel[] everyTile(int bits) {
    List<VectorGemmKernel> kernels = new ArrayList<>();
    for (GemmTile tile : GemmTile.forBits(bits)) {
      int nr = GemmChoice.nr(bits, tile);
      GemmChoice choice =
          new GemmChoice(tile, GemmBlocking.of(tile.rows(), nr, CacheSizes.DETECTED));
      kernels.add(VectorGemmKernel.create(bits, 1, choice));
    }
    return kernels.toArray(new VectorGemmKernel[0]);
  }

  private int widest() {
    return Arrays.stream(kernels).mapToInt(VectorGemmKernel::columnGroup).max().orElseThrow();
  }

  /** Kernel calls per round. */
  int callsPerRound() {
    return CALLS_PER_TILE * kernels.length + PASSES_PER_ROUND;
  }

  private static float[] filled(int length) {
    float[] v = new float[length];
    for (int i = 0; i < length; i++) {
      v[i] = (i % 7 - 3) * 0.25f;
    }
    return v;
  }

  /**
   * Runs rounds until one allocates nothing; or until they have allocated for {@code quietRounds}
   * rounds in a row in which the JIT was neither compiling nor about to compile a kernel (it has
   * compiled them as it will); or for at most {@code budgetNanos}.
   *
   * @param allocated the bytes this thread has allocated so far
   * @param compilingKernels whether the JIT is compiling, or has queued, a kernel method
   * @return the bytes the last round allocated per kernel call: 0 when the kernels run compiled
   */
  double bytesPerCall(
      LongSupplier allocated, BooleanSupplier compilingKernels, int quietRounds, long budgetNanos) {
    long start = System.nanoTime();
    int quiet = 0;
    while (true) {
      long before = allocated.getAsLong();
      round();
      long bytes = allocated.getAsLong() - before;
      quiet = compilingKernels.getAsBoolean() ? 0 : quiet + 1;
      if (bytes == 0 || quiet >= quietRounds || System.nanoTime() - start >= budgetNanos) {
        return (double) bytes / callsPerRound();
      }
    }
  }

  /** Each kernel once. */
  void round() {
    for (int k = 0; k < kernels.length; k++) {
      VectorGemmKernel kernel = kernels[k];
      int nr = kernel.columnGroup();
      int vectors = nr / lanes;
      kernel.packedTile(vectors, a, 0, DEPTH, b, 0, tiles, 0, nr, false);
      kernel.packedTile(1, a, 0, DEPTH, b, 0, tiles, 0, nr, true);
      kernel.directTile(vectors, a, 0, DEPTH, DEPTH, b, 0, tiles, 0, nr, false);
      kernel.directTile(1, a, 0, DEPTH, DEPTH, b, 0, tiles, 0, nr, true);
    }
    VectorElementWise.relu(other, c);
    VectorElementWise.reluBackward(other, other, c);
    VectorElementWise.addRowVector(c, columnFloats, width);
    VectorElementWise.dropoutMask(c, 1L << 51, 2f, 5);
    VectorNormalization.normalize(
        other, width, columnFloats, columnFloats, columnFloats, columnFloats, c, c);
    VectorNormalization.addGradientSums(other, other, width, columnSums, columnOther);
  }
}
