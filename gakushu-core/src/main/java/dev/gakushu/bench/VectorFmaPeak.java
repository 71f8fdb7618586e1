package dev.gakushu.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The core's fused multiply-add peak on this JVM's preferred vectors: twelve independent chains of
 * vector FMAs a = x·y + a, enough to cover the FMA latency (4 to 5 cycles, 2 a cycle: 8 to 10
 * chains) on current x86 cores, and with the two operands 14 registers, so that the loop fits
 * AVX2's 16 ymm registers (sixteen chains did not: on a Zen 3 core the loop spilled and read 57
 * GFLOPS against the 95.5 of a C loop of twelve).
 *
 * <p>Each chain is the addend: an x86 FMA overwrites one of its operands, and the JIT writes the
 * result over the addend's register. With the chain as a factor instead (a = a·x + y, as before)
 * each step copied y first, and at 16 registers the copies spilled the chains to the stack: inside
 * {@code gakushu bench} at 256 bits (Sapphire Rapids, {@code -XX:UseAVX=2}, JDK 17 and 25) the loop
 * read 44–48 GFLOPS where the same compiled loop called from a small program read 100 (how much the
 * spills cost depended on where the caller stood); in the addend form it reads 105 in both, and the
 * C loop of {@code bench/fma_peak.c} 109–114. Only {@link FmaPeak} (and the JMH benchmark {@code
 * GemmBenchmark}) refer to this class, and only when the Vector API module is present.
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
      a0 = x.fma(y, a0);
      a1 = x.fma(y, a1);
      a2 = x.fma(y, a2);
      a3 = x.fma(y, a3);
      a4 = x.fma(y, a4);
      a5 = x.fma(y, a5);
      a6 = x.fma(y, a6);
      a7 = x.fma(y, a7);
      a8 = x.fma(y, a8);
      a9 = x.fma(y, a9);
      a10 = x.fma(y, a10);
      a11 = x.fma(y, a11);
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
