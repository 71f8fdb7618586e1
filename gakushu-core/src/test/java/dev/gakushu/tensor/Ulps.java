package dev.gakushu.tensor;

/**
 * Distances in ulps between two doubles or two floats, counted through the representable values.
 */
final class Ulps {
  private Ulps() {}

  /** Values ordered as integers: −0 and 0 both 0, negative values below it. */
  private static long ordered(double d) {
    long b = Double.doubleToRawLongBits(d);
    return b < 0 ? Long.MIN_VALUE - b : b;
  }

  private static long ordered(float f) {
    int b = Float.floatToRawIntBits(f);
    return b < 0 ? Integer.MIN_VALUE - (long) b : b;
  }

  /** How many doubles apart a and b are; 0 when both are NaN, Long.MAX_VALUE when one is. */
  static long between(double a, double b) {
    if (Double.isNaN(a) || Double.isNaN(b)) {
      return Double.isNaN(a) && Double.isNaN(b) ? 0 : Long.MAX_VALUE;
    }
    return Math.abs(ordered(a) - ordered(b));
  }

  /** How many floats apart a and b are; 0 when both are NaN, Long.MAX_VALUE when one is. */
  static long between(float a, float b) {
    if (Float.isNaN(a) || Float.isNaN(b)) {
      return Float.isNaN(a) && Float.isNaN(b) ? 0 : Long.MAX_VALUE;
    }
    return Math.abs(ordered(a) - ordered(b));
  }

  /** σ(x) from {@link StrictMath#exp} in double, rounded to float: the reference for sigmoid. */
  static float strictSigmoid(float x) {
    return (float) (1.0 / (1.0 + StrictMath.exp(-(double) x)));
  }

  /** {@link StrictMath#tanh} rounded to float: the reference for tanh. */
  static float strictTanh(float x) {
    return (float) StrictMath.tanh(x);
  }
}
