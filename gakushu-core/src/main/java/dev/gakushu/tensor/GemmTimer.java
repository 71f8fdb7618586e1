package dev.gakushu.tensor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The tuner's measurements on one thread: a score is Σ time / flops over the products C =
 * op(A)·op(B) in the forms NN, TN and NT at the shapes of W1's first layer (100×784×100) and W3's
 * (256×784×1024), so that each product weighs the same whatever its size. One thread: the blocks
 * are per core, and threads split C without changing them.
 */
final class GemmTimer implements GemmTuner.Timing {
  private static final int[][] SHAPES = {{100, 784, 100}, {256, 784, 1024}};

  /** Small enough to run while the JIT has not compiled the kernel; edges in every dimension. */
  private static final int[] WARM_UP_SHAPE = {29, 64, 53};

  private final int bits;
  private final Map<GemmChoice, Gemm> gemms = new HashMap<>();
  private final Operands warmUp;
  private final List<Operands> measured;

  GemmTimer(int bits) {
    this(bits, SHAPES);
  }

  /** Measuring products of the given shapes, M, K, N each. */
  GemmTimer(int bits, int[]... shapes) {
    this.bits = bits;
    SplittableRandom random = new SplittableRandom(1);
    this.warmUp = new Operands(WARM_UP_SHAPE, random);
    this.measured = Stream.of(shapes).map(shape -> new Operands(shape, random)).toList();
  }

  @Override
  public void warmUp(List<GemmChoice> choices, long nanos) {
    long start = System.nanoTime();
    do {
      for (GemmChoice choice : choices) {
        warmUp.run(gemm(choice));
      }
    } while (System.nanoTime() - start < nanos);
  }

  @Override
  public double score(GemmChoice choice) {
    Gemm gemm = gemm(choice);
    double score = 0;
    for (Operands o : measured) {
      score += o.run(gemm);
    }
    return score;
  }

  private Gemm gemm(GemmChoice choice) {
    return gemms.computeIfAbsent(choice, c -> new Gemm(1, VectorGemmKernel.create(bits, 1, c)));
  }

  /** A, B, their transposes and C of one shape M×K×N. */
  private static final class Operands {
    final Matrix a;
    final Matrix aT;
    final Matrix b;
    final Matrix bT;
    final Matrix c;
    final double flops;

    Operands(int[] shape, SplittableRandom random) {
      int m = shape[0];
      int k = shape[1];
      int n = shape[2];
      a = random(m, k, random);
      aT = random(k, m, random);
      b = random(k, n, random);
      bT = random(n, k, random);
      c = new Matrix(m, n);
      flops = 2.0 * m * k * n;
    }

    /** NN, TN and NT once each: Σ seconds / flops. */
    double run(Gemm gemm) {
      long t0 = System.nanoTime();
      gemm.multiply(a, b, c);
      long t1 = System.nanoTime();
      gemm.multiplyTransposedA(aT, b, c);
      long t2 = System.nanoTime();
      gemm.multiplyTransposedB(a, bT, c);
      long t3 = System.nanoTime();
      return ((t1 - t0) + (t2 - t1) + (t3 - t2)) / 1e9 / flops;
    }

    private static Matrix random(int rows, int cols, SplittableRandom random) {
      Matrix x = new Matrix(rows, cols);
      for (int i = 0; i < x.size(); i++) {
        x.data()[i] = (float) (random.nextDouble() * 2 - 1);
      }
      return x;
    }
  }
}
