package dev.gakushu.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The core's fused multiply-add peak on this JVM's preferred vectors: twelve independent chains of
 * vector FMAs, enough to cover the FMA latency on every current x86 core. Only {@link FmaPeak} (and
 * the JMH benchmark {@code GemmBenchmark}) refer to this class, and only when the Vector API module
 * is present.
 */
public final class VectorFmaPeak {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

  /** Independent chains per step. */
  public static final int CHAINS = 12;

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
        .reduceLanes(VectorOperators.ADD);
  }
}
