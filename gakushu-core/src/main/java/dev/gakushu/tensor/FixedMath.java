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
 *
 * <p>Sigmoid and tanh round to float, so they take e^x from {@link #floatExp}, a shorter kernel
 * whose relative error, below 2⁻³⁶, is far below half a float ulp (2⁻²⁴): with k = round(4x·log₂e)
 * and r = x − k·(ln 2)/4 (|r| ≤ (ln 2)/8), e^x = 2^⌊k/4⌋ · 2^((k mod 4)/4) · e^r, the middle factor
 * one of four doubles and e^r its Taylor polynomial Σ_{n=0}^{6} rⁿ/n! by Horner's rule (remainder
 * below ((ln 2)/8)⁷/7! &lt; 2⁻³⁷).
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
   * Below this |x| tanh takes its series x − x³/3 + 2x⁵/15 − 17x⁷/315 + 62x⁹/2835 (the next term,
   * 1382x¹¹/155925, is below 2⁻⁴⁶ relative), where 1 − 2/(e^(2|x|) + 1) would lose digits to
   * cancellation: from here on that loses at most 2⁻³⁶·(1/(2|x|)) ≤ 2⁻³³ relative.
   */
  static final double TANH_SERIES_BELOW = 0x1p-4;

  static final double TANH_X3 = -1.0 / 3;
  static final double TANH_X5 = 2.0 / 15;
  static final double TANH_X7 = -17.0 / 315;
  static final double TANH_X9 = 62.0 / 2835;

  /**
   * {@link #floatExp} clamps its argument to ±this: beyond it σ and tanh round to 0 or 1 anyway
   * (e^−128 &lt; 2⁻¹⁸⁴), and 2^⌊k/4⌋ stays a normal double.
   */
  static final double FLOAT_EXP_LIMIT = 128;

  /** 4·log₂e, exact from {@link #LOG2_E}. */
  static final double QUARTERS_PER_E = 4 * LOG2_E;

  /** (ln 2)/4 = QUARTER_LN2_HI + QUARTER_LN2_LO, exact quarters of {@link #LN2_HI} and LO. */
  static final double QUARTER_LN2_HI = LN2_HI / 4;

  static final double QUARTER_LN2_LO = LN2_LO / 4;

  /** The bits of 2^(j/4) for j = 0…3, each the double nearest it. */
  static final long QUARTER_POWER_0 = Double.doubleToRawLongBits(1.0);

  static final long QUARTER_POWER_1 = Double.doubleToRawLongBits(0x1.306fe0a31b715p0);
  static final long QUARTER_POWER_2 = Double.doubleToRawLongBits(0x1.6a09e667f3bcdp0);
  static final long QUARTER_POWER_3 = Double.doubleToRawLongBits(0x1.ae89f995ad3adp0);

  private static final long[] QUARTER_POWERS = {
    QUARTER_POWER_0, QUARTER_POWER_1, QUARTER_POWER_2, QUARTER_POWER_3
  };

  /** The bits of a float's magnitude, and where its normal values start. */
  private static final int FLOAT_MAGNITUDE = 0x7fffffff;

  private static final int FLOAT_MIN_NORMAL_BITS = 0x00800000;

  /** Float to double bias difference, at the float exponent's place: (1023 − 127)·2²³. */
  private static final long REBIAS = (EXPONENT_BIAS - 127) << 23;

  /** Float mantissa bits (23) to double's (52). */
  private static final int WIDEN_SHIFT = 29;

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

  /**
   * e^x to within 2⁻³⁶ relative, for results that round to float (see the class documentation); x
   * is clamped to ±{@link #FLOAT_EXP_LIMIT}, NaN gives NaN.
   */
  static double floatExp(double x) {
    double a = x < -FLOAT_EXP_LIMIT ? -FLOAT_EXP_LIMIT : x > FLOAT_EXP_LIMIT ? FLOAT_EXP_LIMIT : x;
    double t = Math.fma(a, QUARTERS_PER_E, SHIFTER);
    double k = t - SHIFTER;
    double r = Math.fma(k, -QUARTER_LN2_HI, a);
    r = Math.fma(k, -QUARTER_LN2_LO, r);
    double p = Math.fma(C6, r, C5);
    p = Math.fma(p, r, C4);
    p = Math.fma(p, r, C3);
    p = Math.fma(p, r, C2);
    p = Math.fma(p, r, 1.0);
    p = Math.fma(p, r, 1.0);
    long n = Double.doubleToRawLongBits(t) - SHIFTER_BITS;
    return p * Double.longBitsToDouble(QUARTER_POWERS[(int) n & 3] + quarterScale(n));
  }

  /** ⌊n/4⌋ at a double's exponent place: added to the bits of 2^(j/4), it multiplies by 2^⌊n/4⌋. */
  static long quarterScale(long n) {
    return (n & ~3L) << (MANTISSA_BITS - 2);
  }

  /** σ(x) = 1 / (1 + e^(−x)) in double ({@link #floatExp}), rounded once to float. */
  public static float sigmoid(float x) {
    return (float) (1.0 / (1.0 + floatExp(-widened(x))));
  }

  /**
   * tanh(x) in double, rounded once to float: for a = |x| ≥ {@link #TANH_SERIES_BELOW}, 1 −
   * 2/(e^(2a) + 1) ({@link #floatExp}), else the series in a² by Horner's rule, a + a³(−⅓ + a²(2/15
   * + a²(−17/315 + a²·62/2835))); then x's sign (tanh is odd, tanh(−0) = −0).
   */
  public static float tanh(float x) {
    double w = widened(x);
    double a = Math.abs(w);
    double t = a < TANH_SERIES_BELOW ? tanhSeries(a) : 1.0 - 2.0 / (floatExp(2 * a) + 1.0);
    long sign = Double.doubleToRawLongBits(w) & SIGN_BIT;
    return (float) Double.longBitsToDouble(Double.doubleToRawLongBits(t) | sign);
  }

  /** tanh's series at 0 ≤ a &lt; {@link #TANH_SERIES_BELOW}. */
  private static double tanhSeries(double a) {
    double a2 = a * a;
    double s = Math.fma(a2, TANH_X9, TANH_X7);
    s = Math.fma(s, a2, TANH_X5);
    s = Math.fma(s, a2, TANH_X3);
    return Math.fma(a * a2, s, a);
  }

  /**
   * (double) x, exactly. For a normal x it is assembled from the bits (sign, exponent rebiased,
   * mantissa shifted), because the conversion instruction (cvtss2sd) keeps the upper part of its
   * target register and so waits for whatever last wrote it: on JDK 17 that is the previous
   * element's division, and the elements of a loop then run one after another, several times
   * slower. Zero, subnormals, infinities and NaN take the conversion.
   */
  static double widened(float x) {
    int bits = Float.floatToRawIntBits(x);
    int magnitude = bits & FLOAT_MAGNITUDE;
    // normal: the biased exponent in 1…254, so magnitude − MIN_NORMAL in [0, 254·2²³)
    if ((magnitude - FLOAT_MIN_NORMAL_BITS) >>> 23 >= 254) {
      return x;
    }
    long sign = (long) (bits & Integer.MIN_VALUE) << 32;
    return Double.longBitsToDouble(sign | (magnitude + REBIAS) << WIDEN_SHIFT);
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
