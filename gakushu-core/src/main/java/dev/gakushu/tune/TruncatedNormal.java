package dev.gakushu.tune;

import java.util.SplittableRandom;

/**
 * The normal distribution N(μ, σ²) truncated to [low, high], as the kernels of a {@link
 * ParzenEstimator} use it. Everything goes through {@link StrictMath}, so a seed gives the same
 * bits on every JDK and machine.
 */
final class TruncatedNormal {
  private static final double LOG_SQRT_2PI = 0.5 * StrictMath.log(2 * Math.PI);

  /** Terms of the continued fraction for the tail, evaluated from the back. */
  private static final int FRACTION_TERMS = 200;

  private TruncatedNormal() {}

  /**
   * Draws from N(μ, σ²) truncated to [low, high] by rejection: normal draws (Box–Muller, z = √(−2
   * ln u₁)·cos(2π u₂)) until one falls inside. The kernels have low ≤ μ ≤ high and σ ≤ high − low,
   * so at least Φ(1) − Φ(0) ≈ 0.34 of the mass lies inside and the loop ends after 3 draws on
   * average.
   */
  static double sample(SplittableRandom random, double mu, double sigma, double low, double high) {
    while (true) {
      double u1 = 1.0 - random.nextDouble(); // in (0, 1]
      double u2 = random.nextDouble();
      double z = StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * Math.PI * u2);
      double x = mu + sigma * z;
      if (x >= low && x <= high) {
        return x;
      }
    }
  }

  /** log of the truncated density at x in [low, high]: log φ(z) − log σ − log(Φ(b) − Φ(a)). */
  static double logPdf(double x, double mu, double sigma, double low, double high) {
    double z = (x - mu) / sigma;
    return -0.5 * z * z - LOG_SQRT_2PI - StrictMath.log(sigma) - logMass(low, high, mu, sigma);
  }

  /**
   * log P(left ≤ X ≤ right) for X ~ N(μ, σ²) truncated to [low, high]: the mass of an integer's
   * cell [v − ½, v + ½] for an {@code int} dimension.
   */
  static double logIntervalPdf(
      double left, double right, double mu, double sigma, double low, double high) {
    return logMass(left, right, mu, sigma) - logMass(low, high, mu, sigma);
  }

  /** log(Φ(b) − Φ(a)) with a = (left − μ)/σ, b = (right − μ)/σ, exact in either tail. */
  static double logMass(double left, double right, double mu, double sigma) {
    double a = (left - mu) / sigma;
    double b = (right - mu) / sigma;
    if (a > 0) { // both in the upper tail: Φ(b) − Φ(a) = Φ(−a) − Φ(−b), no cancellation
      double na = -b;
      b = -a;
      a = na;
    }
    return StrictMath.log(cdf(b) - cdf(a));
  }

  /**
   * Φ(x). For x ≥ −3 Marsaglia's series Φ(x) = ½ + φ(x)·(x + x³/3 + x⁵/(3·5) + …), whose terms
   * share one sign; below, the lower tail Φ(x) = φ(x)/(t + 1/(t + 2/(t + 3/(t + …)))) with t = −x
   * (Laplace's continued fraction for the Mills ratio), so small values keep their relative
   * precision.
   */
  static double cdf(double x) {
    double density = StrictMath.exp(-0.5 * x * x - LOG_SQRT_2PI);
    if (x >= -3) {
      if (x > 9) {
        return 1.0;
      }
      double term = x;
      double sum = x;
      for (int k = 1; k < 500 && Math.abs(term) > 1e-17 * Math.abs(sum); k++) {
        term *= x * x / (2 * k + 1);
        sum += term;
      }
      return 0.5 + density * sum;
    }
    double t = -x;
    double fraction = t;
    for (int k = FRACTION_TERMS; k >= 1; k--) {
      fraction = t + k / fraction;
    }
    return density / fraction;
  }
}
