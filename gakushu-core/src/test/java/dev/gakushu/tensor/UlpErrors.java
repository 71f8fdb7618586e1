package dev.gakushu.tensor;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Measures {@link FixedMath} against {@link StrictMath} in ulps (not a test: it takes minutes). For
 * each function, N arguments uniform over the range that matters and N of random bits within it;
 * prints the largest error and how many arguments fall at 0, 1, 2 and more ulps. Run from
 * gakushu-core after {@code mvn test-compile}: {@code java -cp target/classes:target/test-classes
 * dev.gakushu.tensor.UlpErrors 100000000}.
 */
final class UlpErrors {
  private UlpErrors() {}

  private interface UlpError {
    long at(SplittableRandom random, boolean uniform);
  }

  public static void main(String[] args) {
    long n = args.length > 0 ? Long.parseLong(args[0]) : 100_000_000L;
    report(
        "exp (double, x in [-745, 709.78])",
        n,
        (random, uniform) -> {
          double x = uniform ? random.nextDouble(-745, 709.78) : randomBits(random, -745, 709.78);
          return Ulps.between(FixedMath.exp(x), StrictMath.exp(x));
        });
    report(
        "sigmoid (float, x in [-104, 104])",
        n,
        (random, uniform) -> {
          float x = uniform ? (float) random.nextDouble(-104, 104) : randomBits(random, 104f);
          return Ulps.between(FixedMath.sigmoid(x), Ulps.strictSigmoid(x));
        });
    report(
        "tanh (float, x in [-10, 10])",
        n,
        (random, uniform) -> {
          float x = uniform ? (float) random.nextDouble(-10, 10) : randomBits(random, 10f);
          return Ulps.between(FixedMath.tanh(x), Ulps.strictTanh(x));
        });
  }

  /** A double of random bits in [low, high]: every exponent equally likely, down to the tiny. */
  private static double randomBits(SplittableRandom random, double low, double high) {
    while (true) {
      double x = Double.longBitsToDouble(random.nextLong());
      if (x >= low && x <= high) {
        return x;
      }
    }
  }

  /** A float of random bits in [−limit, limit]. */
  private static float randomBits(SplittableRandom random, float limit) {
    while (true) {
      float x = Float.intBitsToFloat(random.nextInt());
      if (x >= -limit && x <= limit) {
        return x;
      }
    }
  }

  private static void report(String name, long n, UlpError error) {
    long start = System.nanoTime();
    long[] counts = new long[4];
    long max = 0;
    SplittableRandom random = new SplittableRandom(2028);
    for (long i = 0; i < 2 * n; i++) {
      long e = error.at(random, i % 2 == 0);
      counts[(int) Math.min(e, 3)]++;
      max = Math.max(max, e);
    }
    System.out.printf(
        Locale.ROOT,
        "%s: %,d arguments (half uniform, half random bits), max %d ulp;"
            + " 0 ulp %,d, 1 ulp %,d, 2 ulp %,d, more %,d (%.0f s)%n",
        name,
        2 * n,
        max,
        counts[0],
        counts[1],
        counts[2],
        counts[3],
        (System.nanoTime() - start) / 1e9);
  }
}
