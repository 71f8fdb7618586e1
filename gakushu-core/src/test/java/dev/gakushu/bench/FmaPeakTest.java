package dev.gakushu.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gakushu.tensor.KernelChoice;
import org.junit.jupiter.api.Test;

/**
 * The FMA peak loops compute the chains their flop counts assume: {@code CHAINS} independent chains
 * per lane of a = fma(x, y, a), started at seed + chain, so that 2·CHAINS·lanes flops per step is
 * what it does. (Its speed is measured by {@code gakushu bench}, never here.)
 */
class FmaPeakTest {
  /** The same chains lane by lane, in scalar float32 FMAs, summed in double. */
  private static double reference(int steps, float[] seed, int lanes, int chains) {
    double total = 0;
    for (int lane = 0; lane < lanes; lane++) {
      for (int chain = 0; chain < chains; chain++) {
        float a = seed[lane] + chain;
        for (int i = 0; i < steps; i++) {
          a = Math.fma(1.0000001f, 0.9999999f, a);
        }
        total += a;
      }
    }
    return total;
  }

  @Test
  void theVectorLoopRunsTwelveChainsOfFmasOnEveryLane() {
    assertThat(VectorFmaPeak.CHAINS).isEqualTo(12);
    float[] seed = new float[VectorFmaPeak.lanes()];
    for (int i = 0; i < seed.length; i++) {
      seed[i] = 0.25f * i - 1;
    }
    for (int steps : new int[] {0, 1, 7, 1000}) {
      double expected = reference(steps, seed, VectorFmaPeak.lanes(), VectorFmaPeak.CHAINS);
      // the lanes and chains are summed in float32, in another order
      assertThat((double) VectorFmaPeak.run(steps, seed))
          .as("%d steps", steps)
          .isCloseTo(expected, within(1e-6 * Math.abs(expected) + 1e-4));
    }
    assertThat(VectorFmaPeak.bits()).isEqualTo(VectorFmaPeak.lanes() * Float.SIZE);
  }

  @Test
  void theScalarLoopRunsTwelveChainsOfFmas() {
    for (int steps : new int[] {0, 1, 7, 1000}) {
      double expected = reference(steps, new float[] {0.5f}, 1, FmaPeak.SCALAR_CHAINS);
      assertThat((double) FmaPeak.scalar(steps, 0.5f))
          .as("%d steps", steps)
          .isCloseTo(expected, within(1e-6 * Math.abs(expected)));
    }
  }

  @Test
  void aMeasurementIsAFinitePositiveRateAtTheReportedWidth() {
    double gflops = FmaPeak.gflops(0.01);
    assertThat(gflops).isPositive().isFinite();
    // at the width of the kernels this JVM chose (JDK 17: the plain ones)
    assertThat(FmaPeak.width())
        .isEqualTo(
            KernelChoice.current().vector() ? VectorFmaPeak.bits() + "-bit vectors" : "scalar");
  }
}
