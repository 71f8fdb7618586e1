package dev.gakushu.tensor;

import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Whether this JVM compiles the Vector API kernels to vector instructions. It runs the kernels that
 * carry the arithmetic — the matrix product's register tile over a packed panel of A and straight
 * from A's rows, whole and one vector wide ({@link VectorGemmKernel}), and the element-wise and row
 * passes ({@link VectorElementWise}, {@link VectorNormalization}) — on small inputs, round after
 * round, and counts the bytes each round allocates on this thread. Compiled to instructions they
 * allocate nothing; a vector operation the JIT does not turn into instructions allocates an object
 * per vector and runs many times slower than the plain loop (JDK 17 does so in the register tiles
 * and the dropout mask). The rounds end when one allocates nothing, or when they still allocate
 * though the JIT has compiled nothing for a while (it has compiled them as it will), or at the
 * budget. Only {@link KernelChoice} refers to this class, and only when the module is present.
 *
 * <p>Running every path of the tile also leaves it compiled for what follows (the tuner's
 * measurements, the first steps): the one-vector edge of the tile reading A's rows, which no round
 * ran, once stayed interpreted for seconds, allocating, and {@code bench} ran 100×784×100 A·B at 15
 * GFLOPS instead of 90 for as long. The width's other tiles are not probed (each would add about
 * half a second to every start on JDK 17, interpreted); the tuner runs them all before it times
 * them.
 */
final class VectorProbe {
  /** Kernel calls per round. */
  static final int CALLS_PER_ROUND = 10;

  private static final int ROWS = 12;
  private static final int DEPTH = 48;

  private final VectorGemmKernel kernel =
      VectorGemmKernel.create(VectorGemmKernel.preferredBits(), 1);
  private final int width = kernel.columnGroup();
  private final int vectors = width / kernel.species().length();
  private final float[] a = filled(ROWS * DEPTH);
  private final float[] b = filled(DEPTH * width);
  private final float[] c = new float[ROWS * width];
  private final float[] other = filled(ROWS * width);
  private final float[] columnFloats = filled(width);
  private final double[] columnSums = new double[width];
  private final double[] columnOther = new double[width];

  private static float[] filled(int length) {
    float[] v = new float[length];
    for (int i = 0; i < length; i++) {
      v[i] = (i % 7 - 3) * 0.25f;
    }
    return v;
  }

  /**
   * What the probe found: the bytes its last round allocated per kernel call (0 when the kernels
   * run compiled), and whether that is the JIT's last word, the rounds having ended because one
   * allocated nothing or because the JIT went quiet, rather than at the budget.
   */
  record Result(double bytesPerCall, boolean settled) {}

  /**
   * Runs rounds until one allocates nothing; or until, after the first {@code leastRounds}, they
   * have allocated for {@code quietRounds} rounds in a row in which the JIT was neither compiling
   * nor about to compile a kernel (it has compiled them as it will); or for at most {@code
   * budgetNanos}, which leaves the result unsettled.
   *
   * @param allocated the bytes this thread has allocated so far
   * @param compilingKernels whether the JIT is compiling, or has queued, a kernel method
   */
  Result run(
      LongSupplier allocated,
      BooleanSupplier compilingKernels,
      int leastRounds,
      int quietRounds,
      long budgetNanos) {
    long start = System.nanoTime();
    int quiet = 0;
    for (int round = 1; ; round++) {
      long before = allocated.getAsLong();
      round();
      long bytes = allocated.getAsLong() - before;
      quiet = compilingKernels.getAsBoolean() || round <= leastRounds ? 0 : quiet + 1;
      boolean settled = bytes == 0 || quiet >= quietRounds;
      if (settled || System.nanoTime() - start >= budgetNanos) {
        return new Result((double) bytes / CALLS_PER_ROUND, settled);
      }
    }
  }

  /** Each kernel once. */
  void round() {
    kernel.packedTile(vectors, a, 0, DEPTH, b, 0, c, 0, width, false);
    kernel.packedTile(1, a, 0, DEPTH, b, 0, c, 0, width, true);
    kernel.directTile(vectors, a, 0, DEPTH, DEPTH, b, 0, c, 0, width, false);
    kernel.directTile(1, a, 0, DEPTH, DEPTH, b, 0, c, 0, width, true);
    VectorElementWise.relu(other, c);
    VectorElementWise.reluBackward(other, other, c);
    VectorElementWise.addRowVector(c, columnFloats, width);
    VectorElementWise.dropoutMask(c, 1L << 51, 2f, 5);
    VectorNormalization.normalize(
        other, width, columnFloats, columnFloats, columnFloats, columnFloats, c, c);
    VectorNormalization.addGradientSums(other, other, width, columnSums, columnOther);
  }
}
