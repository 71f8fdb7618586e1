package dev.gakushu.tensor;

import java.util.random.RandomGenerator;

/**
 * Standard normal draws of Gakushu's own, the same on every JDK: {@code
 * RandomGenerator.nextGaussian()} leaves its algorithm to the JDK, and JDK 17 and JDK 25 return
 * different values for some draws of one stream. Marsaglia's polar method on the generator's {@code
 * nextDouble()} (whose bits {@link java.util.SplittableRandom} specifies) and {@link StrictMath}:
 * draw u = 2·U₁ − 1 and v = 2·U₂ − 1 until s = u² + v² lies in (0, 1); then u·f and v·f with f =
 * √(−2 ln s / s) are two independent N(0, 1) draws, returned in that order. A pair takes 4/π ≈ 1.27
 * uniform pairs on average.
 */
public final class GaussianSampler {
  private final RandomGenerator random;
  private double spare;
  private boolean hasSpare;

  /** Draws from {@code random}, which the sampler then owns. */
  public GaussianSampler(RandomGenerator random) {
    this.random = random;
  }

  /** The next N(0, 1) draw. */
  public double next() {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    double u;
    double v;
    double s;
    do {
      u = 2 * random.nextDouble() - 1;
      v = 2 * random.nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    double f = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
    spare = v * f;
    hasSpare = true;
    return u * f;
  }
}
