package dev.gakushu.bench;

import dev.gakushu.tensor.Gemm;
import dev.gakushu.tensor.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The matrix-multiply workload of the speed issue: C = op(A)·op(B) at the shapes of its GEMM
 * targets, M×K×N = 100×784×100 (W1's first layer), 256×784×1024 (W3's) and 1024³, in the three
 * transpose forms a network uses (NN forward, TN weight gradients, NT input gradients), in GFLOPS
 * (2·M·K·N flops per product); and the core's FMA peak they are compared with ({@link FmaPeak}).
 *
 * <p>After a warm-up that cycles through every point (so that the JIT compiles the kernel for all
 * of them), each repetition times every point once, one after the other, so that all points see the
 * same machine load; the median repetition is reported.
 */
public final class GemmWorkload {
  /** M, K, N of each shape. */
  public static final List<int[]> SHAPES =
      List.of(new int[] {100, 784, 100}, new int[] {256, 784, 1024}, new int[] {1024, 1024, 1024});

  /** Seconds each point is timed for in one repetition. */
  private static final double SECONDS_PER_POINT = 0.2;

  /** How the operands are stored: NN is A·B, TN is Aᵀ·B with A stored K×M, NT is A·Bᵀ. */
  public enum Form {
    NN,
    TN,
    NT
  }

  /** One shape and form: GFLOPS at a thread count with a kernel. */
  public record Point(String shape, Form form, int threads, double gflops, String kernel) {
    /**
     * The point as a line of {@code bench}'s output.
     *
     * @param peak one core's FMA peak in GFLOPS, which the line compares the product with; NaN for
     *     none ({@link FmaPeak#boundsTheKernels})
     */
    public String sentence(double peak) {
      String share =
          Double.isNaN(peak)
              ? ""
              : String.format(
                  Locale.ROOT,
                  ", %.0f %% of the FMA peak of %d core%s",
                  100 * gflops / (peak * threads),
                  threads,
                  threads == 1 ? "" : "s");
      return String.format(
          Locale.ROOT,
          "gemm %s %s with %d thread%s: %.1f GFLOPS%s, kernel %s",
          shape,
          form,
          threads,
          threads == 1 ? "" : "s",
          gflops,
          share,
          kernel);
    }
  }

  private GemmWorkload() {}

  /** Every shape in every form with {@code threads} threads. */
  public static List<Point> measure(int threads, double warmupSeconds, int repetitions) {
    Gemm gemm = new Gemm(threads);
    List<Product> products = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(1);
    for (int[] shape : SHAPES) {
      for (Form form : Form.values()) {
        products.add(new Product(shape, form, random));
      }
    }
    long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
    while (System.nanoTime() < warmupEnd) {
      for (Product p : products) {
        p.run(gemm);
      }
    }
    double[][] rates = new double[products.size()][repetitions];
    for (int r = 0; r < repetitions; r++) {
      for (int i = 0; i < products.size(); i++) {
        rates[i][r] = products.get(i).gflops(gemm, SECONDS_PER_POINT);
      }
    }
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < products.size(); i++) {
      Product p = products.get(i);
      points.add(
          new Point(
              p.shape(), p.form, threads, TrainingWorkload.median(rates[i]), gemm.kernelName()));
    }
    return points;
  }

  /**
   * The core's FMA peak in GFLOPS, the median of {@code repetitions} measurements after {@code
   * warmupSeconds} of the same loop (for the JIT).
   */
  public static double fmaPeak(double warmupSeconds, int repetitions) {
    FmaPeak.gflops(warmupSeconds);
    double[] rates = new double[repetitions];
    for (int r = 0; r < repetitions; r++) {
      rates[r] = FmaPeak.gflops(SECONDS_PER_POINT);
    }
    return TrainingWorkload.median(rates);
  }

  /** The operands of one product, stored as its form says. */
  private static final class Product {
    final int m;
    final int k;
    final int n;
    final Form form;
    final Matrix a;
    final Matrix b;
    final Matrix c;

    Product(int[] shape, Form form, SplittableRandom random) {
      this.m = shape[0];
      this.k = shape[1];
      this.n = shape[2];
      this.form = form;
      this.a = random(form == Form.TN ? k : m, form == Form.TN ? m : k, random);
      this.b = random(form == Form.NT ? n : k, form == Form.NT ? k : n, random);
      this.c = new Matrix(m, n);
    }

    String shape() {
      return m + "x" + k + "x" + n;
    }

    void run(Gemm gemm) {
      switch (form) {
        case NN -> gemm.multiply(a, b, c);
        case TN -> gemm.multiplyTransposedA(a, b, c);
        case NT -> gemm.multiplyTransposedB(a, b, c);
      }
    }

    /** Runs the product for at least {@code seconds} (at least once); its GFLOPS. */
    double gflops(Gemm gemm, double seconds) {
      long start = System.nanoTime();
      long end = start + (long) (seconds * 1e9);
      long products = 0;
      long now;
      do {
        run(gemm);
        products++;
        now = System.nanoTime();
      } while (now < end);
      return 2.0 * m * k * n * products / ((now - start) / 1e9) / 1e9;
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
