package dev.gakushu.tensor;

/**
 * e^x, the logistic sigmoid, tanh and whole powers with the same bits on every JDK and CPU. {@code
 * Math.exp} and {@code Math.tanh} may differ from the correctly rounded result by an ulp and are
 * intrinsics whose bits change with the JDK and the CPU (JDK 24 made {@code Math.tanh} one); these
 * are built only from +, −, ×, fused multiply-add, IEEE division (all correctly rounded, so fixed
 * by IEEE 754) and exact operations on the bits, in a fixed order, and {@link VectorFixedMath}
 * makes the same operations lane by lane. The error against {@link StrictMath} is measured by
 * {@code UlpErrors} (test sources) and bounded by {@code FixedMathTest}.
 *
 * <p>e^x: with k = round(x·log₂e) and r = x − k·ln 2 (ln 2 in two parts, so r is exact to far below
 * an ulp; |r| ≤ ½ ln 2), e^x = 2^k · e^r, and e^r is its Taylor polynomial Σ_{n=0}^{13} rⁿ/n!,
 * whose remainder is below 0.35¹⁴/14! &lt; 5·10⁻¹⁸ relative, evaluated with fused multiply-adds:
 * the terms from r⁴ on as T(r) = Σ_{n=4}^{13} rⁿ⁻⁴/n! by Estrin's scheme (pairs c₂ᵢ + c₂ᵢ₊₁r,
 * combined with r² and r⁴, so that they do not wait for each other; their rounding errors are
 * scaled by r⁴ &lt; 0.015), the last four by Horner's rule, 1 + r(1 + r(½ + r(⅙ + r·T(r)))). 2^k is
 * applied as two powers of two 2^⌊k/2⌋·2^(k−⌊k/2⌋), each a normal double, so only the last product
 * rounds, also into the subnormal range. x is first clamped to [−746, 710], outside which e^x
 * rounds to 0 or overflows to ∞ anyway.
 */
public final class FixedMath {
  static final double MIN_EXP_ARGUMENT = -746;
  static final double MAX_EXP_ARGUMENT = 710;
  static final double LOG2_E = 0x1.71547652b82fep0;

  /** ln 2 = LN2_HI + LN2_LO, LN2_HI the double nearest ln 2. */
  static final double LN2_HI = 0x1.62e42fefa39efp-1;

  static final double LN2_LO = 0x1.abc9e3b39803fp-56;

  /** 1.5·2⁵²: x + SHIFTER, rounded, holds round(x) in its low bits for |x| &lt; 2⁵¹. */
  static final double SHIFTER = 0x1.8p52;

  static final long SHIFTER_BITS = Double.doubleToRawLongBits(SHIFTER);
  static final long EXPONENT_BIAS = 1023;
  static final int MANTISSA_BITS = 52;
  static final long SIGN_BIT = Long.MIN_VALUE;

  /** 1/n!, each the double nearest it (n! is exact in double up to 18!). */
  static final double C2 = 1.0 / 2;

  static final double C3 = 1.0 / 6;
  static final double C4 = 1.0 / 24;
  static final double C5 = 1.0 / 120;
  static final double C6 = 1.0 / 720;
  static final double C7 = 1.0 / 5040;
  static final double C8 = 1.0 / 40320;
  static final double C9 = 1.0 / 362880;
  static final double C10 = 1.0 / 3628800;
  static final double C11 = 1.0 / 39916800;
  static final double C12 = 1.0 / 479001600;
  static final double C13 = 1.0 / 6227020800L;

  /**
   * Below this |x| tanh takes its series x − x³/3 + 2x⁵/15 (the next term, 17x⁷/315, is below 2⁻⁷²
   * relative), where 1 − 2/(e^(2|x|) + 1) would lose digits to cancellation.
   */
  static final double TANH_SERIES_BELOW = 0x1p-12;

  static final double TANH_X3 = -1.0 / 3;
  static final double TANH_X5 = 2.0 / 15;

  private FixedMath() {}

  /** e^x, within 1 ulp of e^x (so within 2 of {@link StrictMath#exp}); NaN gives NaN. */
  public static double exp(double x) {
    double a = Math.min(Math.max(x, MIN_EXP_ARGUMENT), MAX_EXP_ARGUMENT);
    double t = Math.fma(a, LOG2_E, SHIFTER);
    double k = t - SHIFTER;
    double r = Math.fma(k, -LN2_HI, a);
    r = Math.fma(k, -LN2_LO, r);
    double r2 = r * r;
    double r4 = r2 * r2;
    double tail =
        Math.fma(
            Math.fma(Math.fma(C13, r, C12), r2, Math.fma(C11, r, C10)),
            r4,
            Math.fma(Math.fma(C9, r, C8), r2, Math.fma(C7, r, C6)));
    tail = Math.fma(tail, r2, Math.fma(C5, r, C4));
    double p = Math.fma(tail, r, C3);
    p = Math.fma(p, r, C2);
    p = Math.fma(p, r, 1.0);
    p = Math.fma(p, r, 1.0);
    long n = Double.doubleToRawLongBits(t) - SHIFTER_BITS;
    long half = n >> 1;
    return p * powerOfTwo(half) * powerOfTwo(n - half);
  }

  /** 2^e for −1022 ≤ e ≤ 1023, from its bits. */
  private static double powerOfTwo(long e) {
    return Double.longBitsToDouble((e + EXPONENT_BIAS) << MANTISSA_BITS);
  }

  /**
   * xⁿ for a whole n ≥ 0 by binary powering: xⁿ = Π_{b : bit b of n is set} x^(2^b), the squares
   * and the products taken from the lowest bit up. Multiplications only, so the bits are fixed.
   * Each squaring doubles the relative error of the power before it, so xⁿ is within (n + 2·log₂(n
   * + 1))·2⁻⁵³ of its value, relatively (while it stays a normal double): for Adam's 1 − βᵗ an
   * absolute error below max_t t·βᵗ·2⁻⁵³ = 2⁻⁵³/(e·ln(1/β)), 4·10⁻¹⁴ for β = 0.999. For the powers
   * of a whole step count (Adam's bias corrections βᵗ, the step and exponential schedules' γᵏ),
   * where {@link StrictMath#pow} would also do, but allocates on JDK 17 (its fdlibm port keeps
   * local arrays), and a training step allocates nothing.
   */
  public static double pow(double x, long n) {
    if (n < 0) {
      throw new IllegalArgumentException("negative exponent " + n);
    }
    double result = 1;
    double square = x;
    for (long k = n; k > 0; k >>>= 1) {
      if ((k & 1) != 0) {
        result *= square;
      }
      square *= square;
    }
    return result;
  }

  /** σ(x) = 1 / (1 + e^(−x)) in double, rounded once to float. */
  public static float sigmoid(float x) {
    return (float) (1.0 / (1.0 + exp(-(double) x)));
  }

  /**
   * tanh(x) in double, rounded once to float: for a = |x| ≥ {@link #TANH_SERIES_BELOW}, 1 −
   * 2/(e^(2a) + 1), else the series a − a³/3 + 2a⁵/15; then x's sign (tanh is odd, tanh(−0) = −0).
   */
  public static float tanh(float x) {
    double a = Math.abs((double) x);
    double t;
    if (a < TANH_SERIES_BELOW) {
      double a2 = a * a;
      t = Math.fma(a * a2, Math.fma(a2, TANH_X5, TANH_X3), a);
    } else {
      t = 1.0 - 2.0 / (exp(2 * a) + 1.0);
    }
    long sign = Double.doubleToRawLongBits(x) & SIGN_BIT;
    return (float) Double.longBitsToDouble(Double.doubleToRawLongBits(t) | sign);
  }

  /** out[i] = σ(x[i]) for i from {@code from} to the end. */
  static void sigmoid(float[] x, float[] out, int from) {
    for (int i = from; i < x.length; i++) {
      out[i] = sigmoid(x[i]);
    }
  }

  /** out[i] = tanh(x[i]) for i from {@code from} to the end. */
  static void tanh(float[] x, float[] out, int from) {
    for (int i = from; i < x.length; i++) {
      out[i] = tanh(x[i]);
    }
  }
}
