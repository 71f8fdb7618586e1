package dev.gakushu.tensor;

import dev.gakushu.bench.VectorFmaPeak;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmarks of the matrix-multiply kernels at the shapes, and of the machine's fused
 * multiply-add peak. Scores are GFLOPS: each operation is a kiloflop and the time unit a
 * microsecond. Run with {@code bench/jmh.sh} (not part of the test suite).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class GemmBenchmark {
  private static final int PEAK_STEPS = 100_000;

  /** "vector" (this JVM's width and tile), "plain", or a forced one such as "vector512x6". */
  @Param({"vector", "plain"})
  public String kernel;

  /** NN: A·B; TN: Aᵀ·B with A stored transposed; NT: A·Bᵀ with B stored transposed. */
  @Param({"NN"})
  public String form;

  private Gemm gemm;
  private final Matrix[] small = {new Matrix(100, 784), new Matrix(784, 100), new Matrix(100, 100)};
  private final Matrix[] wide = {
    new Matrix(256, 784), new Matrix(784, 1024), new Matrix(256, 1024)
  };
  private final Matrix[] cube = {
    new Matrix(1024, 1024), new Matrix(1024, 1024), new Matrix(1024, 1024)
  };
  private final float[] seed = new float[12 * 16];

  @Setup
  public void setUp() {
    gemm = new Gemm(1, kernel);
    SplittableRandom r = new SplittableRandom(1);
    for (Matrix[] set : new Matrix[][] {small, wide, cube}) {
      for (Matrix m : set) {
        for (int i = 0; i < m.size(); i++) {
          m.data()[i] = (float) r.nextDouble();
        }
      }
    }
    for (int i = 0; i < seed.length; i++) {
      seed[i] = (float) r.nextDouble();
    }
    for (Matrix[] set : new Matrix[][] {small, wide, cube}) {
      if (form.equals("TN")) {
        set[0] = transpose(set[0]);
      } else if (form.equals("NT")) {
        set[1] = transpose(set[1]);
      }
    }
  }

  private static Matrix transpose(Matrix a) {
    Matrix t = new Matrix(a.cols(), a.rows());
    for (int i = 0; i < a.rows(); i++) {
      for (int j = 0; j < a.cols(); j++) {
        t.set(j, i, a.get(i, j));
      }
    }
    return t;
  }

  private Matrix multiply(Matrix[] operands) {
    switch (form) {
      case "TN" -> gemm.multiplyTransposedA(operands[0], operands[1], operands[2]);
      case "NT" -> gemm.multiplyTransposedB(operands[0], operands[1], operands[2]);
      default -> gemm.multiply(operands[0], operands[1], operands[2]);
    }
    return operands[2];
  }

  @Benchmark
  @OperationsPerInvocation(15_680) // 2·100·784·100 flops, in thousands
  public Matrix gemm100x784x100() {
    return multiply(small);
  }

  @Benchmark
  @OperationsPerInvocation(411_042) // 2·256·784·1024
  public Matrix gemm256x784x1024() {
    return multiply(wide);
  }

  @Benchmark
  @OperationsPerInvocation(2_147_484) // 2·1024³
  public Matrix gemm1024x1024x1024() {
    return multiply(cube);
  }

  /** {@link VectorFmaPeak}: the core's peak (flops = steps · 12 · lanes · 2). */
  @Benchmark
  @OperationsPerInvocation(PEAK_STEPS * VectorFmaPeak.CHAINS * 2 / 1000)
  public float fmaPeakPerLane() {
    return VectorFmaPeak.run(PEAK_STEPS, seed);
  }
}
