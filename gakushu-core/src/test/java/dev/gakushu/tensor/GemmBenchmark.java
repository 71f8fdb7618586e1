package dev.gakushu.tensor;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
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
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int PEAK_STEPS = 100_000;

  @Param({"vector", "plain"})
  public String kernel;

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
  }

  @Benchmark
  @OperationsPerInvocation(15_680) // 2·100·784·100 flops, in thousands
  public Matrix gemm100x784x100() {
    gemm.multiply(small[0], small[1], small[2]);
    return small[2];
  }

  @Benchmark
  @OperationsPerInvocation(411_042) // 2·256·784·1024
  public Matrix gemm256x784x1024() {
    gemm.multiply(wide[0], wide[1], wide[2]);
    return wide[2];
  }

  @Benchmark
  @OperationsPerInvocation(2_147_484) // 2·1024³
  public Matrix gemm1024x1024x1024() {
    gemm.multiply(cube[0], cube[1], cube[2]);
    return cube[2];
  }

  /** Twelve independent chains of vector FMAs: the core's peak (flops = steps · 12 · lanes · 2). */
  @Benchmark
  @OperationsPerInvocation(PEAK_STEPS * 12 * 2 / 1000)
  public float fmaPeakPerLane() {
    FloatVector x = FloatVector.broadcast(S, 1.0000001f);
    FloatVector y = FloatVector.broadcast(S, 0.9999999f);
    FloatVector a0 = FloatVector.fromArray(S, seed, 0),
        a1 = a0.add(1f),
        a2 = a0.add(2f),
        a3 = a0.add(3f);
    FloatVector a4 = a0.add(4f), a5 = a0.add(5f), a6 = a0.add(6f), a7 = a0.add(7f);
    FloatVector a8 = a0.add(8f), a9 = a0.add(9f), a10 = a0.add(10f), a11 = a0.add(11f);
    for (int i = 0; i < PEAK_STEPS; i++) {
      a0 = a0.fma(x, y);
      a1 = a1.fma(x, y);
      a2 = a2.fma(x, y);
      a3 = a3.fma(x, y);
      a4 = a4.fma(x, y);
      a5 = a5.fma(x, y);
      a6 = a6.fma(x, y);
      a7 = a7.fma(x, y);
      a8 = a8.fma(x, y);
      a9 = a9.fma(x, y);
      a10 = a10.fma(x, y);
      a11 = a11.fma(x, y);
    }
    return a0.add(a1)
        .add(a2)
        .add(a3)
        .add(a4)
        .add(a5)
        .add(a6)
        .add(a7)
        .add(a8)
        .add(a9)
        .add(a10)
        .add(a11)
        .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
  }
}
