package dev.gakushu.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The core's fused multiply-add peak on this JVM's preferred vectors: sixteen independent chains of
 * vector FMAs, more than the 8 to 10 that cover the FMA latency (4 to 5 cycles, 2 a cycle) on
 * current x86 cores. With twelve, the loop read 273 GFLOPS at 512 bits on a Zen 5 core where
 * sixteen read 285, and 70 at 256 bits, where sixteen read 95–99 and the same twelve 135 under JMH:
 * how the JIT allocates registers around the loop decides, and more chains leave it more slack.
 * Only {@link FmaPeak} (and the JMH benchmark {@code GemmBenchmark}) refer to this class, and only
 * when the Vector API module is present.
 */
public final class VectorFmaPeak {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

  /** Independent chains per step. */
  public static final int CHAINS = 16;

  private VectorFmaPeak() {}

  /** Floats per vector. */
  static int lanes() {
    return SPECIES.length();
  }

  /** Bits per vector. */
  static int bits() {
    return SPECIES.vectorBitSize();
  }

  /**
   * Runs {@code steps} steps of {@link #CHAINS} vector FMAs, {@code 2·CHAINS·lanes} flops a step,
   * starting from {@code seed} (at least one vector long); returns a value derived from every
   * chain, so that the JIT cannot drop any of them.
   */
  public static float run(int steps, float[] seed) {
    FloatVector x = FloatVector.broadcast(SPECIES, 1.0000001f);
    FloatVector y = FloatVector.broadcast(SPECIES, 0.9999999f);
    FloatVector a0 = FloatVector.fromArray(SPECIES, seed, 0);
    FloatVector a1 = a0.add(1f), a2 = a0.add(2f), a3 = a0.add(3f);
    FloatVector a4 = a0.add(4f), a5 = a0.add(5f), a6 = a0.add(6f), a7 = a0.add(7f);
    FloatVector a8 = a0.add(8f), a9 = a0.add(9f), a10 = a0.add(10f), a11 = a0.add(11f);
    FloatVector a12 = a0.add(12f), a13 = a0.add(13f), a14 = a0.add(14f), a15 = a0.add(15f);
    for (int i = 0; i < steps; i++) {
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
      a12 = a12.fma(x, y);
      a13 = a13.fma(x, y);
      a14 = a14.fma(x, y);
      a15 = a15.fma(x, y);
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
        .add(a12)
        .add(a13)
        .add(a14)
        .add(a15)
        .reduceLanes(VectorOperators.ADD);
  }
}
