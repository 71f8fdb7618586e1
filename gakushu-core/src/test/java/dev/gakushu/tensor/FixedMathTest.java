package dev.gakushu.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.FloatRange;
import org.junit.jupiter.api.Test;

/**
 * {@link FixedMath} against {@link StrictMath}: within an ulp on random arguments here ({@code
 * UlpErrors} measures 10⁸ and more), the special values exact, and the bits pinned, so that a
 * change to the rounding of a kernel (an operation reordered, an fma split) fails here and not only
 * in the fingerprints.
 */
class FixedMathTest {
  /**
   * The SHA-256 of {@link FixedMath#floatExp} over {@link #floatExpArguments()}. Sigmoid and tanh
   * round its result to float, which hides most changes to its rounding (an fma split into a
   * product and a sum changes no float of them here), so it is pinned at double precision; {@code
   * ElementWiseKernelsTest} holds the vector kernel to the same bits at every width.
   */
  static final String FLOAT_EXP_SHA =
      "af1dbc9c6eb40d0014b384d93da3f2739cfea90ddbbd69124dae17f0c93c5187";

  /** 2¹⁴ fixed arguments: a quarter in [−1, 1], the rest across and past the clamp, |x| ≤ 130. */
  static double[] floatExpArguments() {
    SplittableRandom random = new SplittableRandom(2028);
    double[] x = new double[1 << 14];
    for (int i = 0; i < x.length; i++) {
      x[i] = i % 4 == 0 ? random.nextDouble(-1, 1) : random.nextDouble(-130, 130);
    }
    return x;
  }

  /** The SHA-256 of the doubles' bits, in order, as hex. */
  static String sha256(double[] values) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    ByteBuffer buffer = ByteBuffer.allocate(Double.BYTES * values.length);
    for (double v : values) {
      buffer.putDouble(v);
    }
    return HexFormat.of().formatHex(sha.digest(buffer.array()));
  }

  @Property(tries = 20_000)
  void floatExpIsWithinItsRelativeBound(@ForAll @DoubleRange(min = -128, max = 128) double x) {
    double exact = StrictMath.exp(x);
    assertThat(Math.abs(FixedMath.floatExp(x) - exact))
        .as("floatExp(%s)", x)
        .isLessThan(0x1p-36 * exact);
  }

  @Test
  void floatExpBitsArePinned() throws Exception {
    double[] x = floatExpArguments();
    double[] e = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      e[i] = FixedMath.floatExp(x[i]);
    }
    assertThat(sha256(e)).isEqualTo(FLOAT_EXP_SHA);
  }

  @Test
  void floatExpSpecialValues() {
    assertThat(FixedMath.floatExp(0)).isEqualTo(1.0);
    assertThat(FixedMath.floatExp(Double.NaN)).isNaN();
    assertThat(FixedMath.floatExp(Double.POSITIVE_INFINITY)).isEqualTo(FixedMath.floatExp(128));
    assertThat(FixedMath.floatExp(Double.NEGATIVE_INFINITY)).isEqualTo(FixedMath.floatExp(-128));
    assertThat(FixedMath.floatExp(-128)).isPositive().isLessThan(0x1p-184);
  }

  @Test
  void widenedIsTheConversion() {
    float[] special = {
      0f,
      -0f,
      Float.MIN_VALUE,
      -Float.MIN_VALUE,
      1e-40f,
      Float.MIN_NORMAL,
      -Float.MIN_NORMAL,
      Float.MAX_VALUE,
      -Float.MAX_VALUE,
      Float.POSITIVE_INFINITY,
      Float.NEGATIVE_INFINITY,
      Float.NaN,
      1f,
      -1.5f,
      0x1.fffffep-127f
    };
    for (float f : special) {
      assertThat(Double.doubleToRawLongBits(FixedMath.widened(f)))
          .as("widened(%s)", f)
          .isEqualTo(Double.doubleToRawLongBits(f));
    }
    SplittableRandom random = new SplittableRandom(17);
    for (int i = 0; i < 100_000; i++) {
      float f = Float.intBitsToFloat(random.nextInt());
      assertThat(Double.doubleToRawLongBits(FixedMath.widened(f)))
          .as("widened(%s)", f)
          .isEqualTo(Double.doubleToRawLongBits(f));
    }
  }

  @Property(tries = 20_000)
  void expIsWithinOneUlpOfStrictMath(@ForAll @DoubleRange(min = -746, max = 710) double x) {
    assertThat(Ulps.between(FixedMath.exp(x), StrictMath.exp(x))).as("exp(%s)", x).isLessThan(2);
  }

  @Property(tries = 20_000)
  void expIsWithinOneUlpOfStrictMathNearZero(@ForAll @DoubleRange(min = -1, max = 1) double x) {
    assertThat(Ulps.between(FixedMath.exp(x), StrictMath.exp(x))).as("exp(%s)", x).isLessThan(2);
  }

  @Property(tries = 20_000)
  void sigmoidIsWithinOneUlpOfStrictMath(@ForAll float x) {
    assertThat(Ulps.between(FixedMath.sigmoid(x), Ulps.strictSigmoid(x)))
        .as("sigmoid(%s)", x)
        .isLessThan(2);
  }

  @Property(tries = 20_000)
  void tanhIsWithinOneUlpOfStrictMath(@ForAll float x) {
    assertThat(Ulps.between(FixedMath.tanh(x), Ulps.strictTanh(x))).as("tanh(%s)", x).isLessThan(2);
  }

  @Property(tries = 20_000)
  void tanhIsWithinOneUlpOfStrictMathWhereNetworksUseIt(
      @ForAll @FloatRange(min = -10, max = 10) float x) {
    assertThat(Ulps.between(FixedMath.tanh(x), Ulps.strictTanh(x))).as("tanh(%s)", x).isLessThan(2);
    assertThat(Ulps.between(FixedMath.sigmoid(x), Ulps.strictSigmoid(x)))
        .as("sigmoid(%s)", x)
        .isLessThan(2);
  }

  @Property(tries = 5_000)
  void wholePowersAreWithinTheirBoundOfStrictMath(
      @ForAll @DoubleRange(min = 0.9, max = 1) double x,
      @ForAll @net.jqwik.api.constraints.LongRange(min = 0, max = 5_000) long n) {
    // 0.9^5000 ≈ 10⁻²²⁹ is still a normal double; StrictMath.pow's own ulp on top
    double bound = (n + 2L * (64 - Long.numberOfLeadingZeros(n + 1)) + 1) * 0x1p-53;
    assertThat(FixedMath.pow(x, n))
        .isCloseTo(
            StrictMath.pow(x, (double) n),
            org.assertj.core.data.Percentage.withPercentage(100 * bound));
  }

  @Test
  void smallWholePowersAreExact() {
    assertThat(FixedMath.pow(0.9, 0)).isEqualTo(1.0);
    assertThat(FixedMath.pow(0.9, 1)).isEqualTo(0.9);
    assertThat(FixedMath.pow(0.5, 40)).isEqualTo(0x1p-40);
    assertThat(FixedMath.pow(3, 13)).isEqualTo(1594323.0);
    assertThat(FixedMath.pow(0.999, 3)).isEqualTo(0.999 * (0.999 * 0.999));
  }

  @Test
  void specialValues() {
    assertThat(FixedMath.exp(0)).isEqualTo(1.0);
    assertThat(FixedMath.exp(Double.NEGATIVE_INFINITY)).isEqualTo(0.0);
    assertThat(FixedMath.exp(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(FixedMath.exp(Double.NaN)).isNaN();
    assertThat(FixedMath.exp(709.8)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(FixedMath.exp(-745.2)).isEqualTo(0.0);
    assertThat(FixedMath.exp(-745)).isEqualTo(StrictMath.exp(-745)); // the smallest subnormal
    assertThat(FixedMath.exp(-740)).isEqualTo(StrictMath.exp(-740));
    assertThat(Ulps.between(FixedMath.exp(709.7), StrictMath.exp(709.7))).isLessThan(2);
    assertThat(Float.floatToRawIntBits(FixedMath.tanh(-0f)))
        .isEqualTo(Float.floatToRawIntBits(-0f));
    assertThat(Float.floatToRawIntBits(FixedMath.tanh(0f))).isZero();
    assertThat(FixedMath.tanh(Float.POSITIVE_INFINITY)).isEqualTo(1f);
    assertThat(FixedMath.tanh(Float.NEGATIVE_INFINITY)).isEqualTo(-1f);
    assertThat(FixedMath.tanh(Float.MIN_VALUE)).isEqualTo(Float.MIN_VALUE);
    assertThat(FixedMath.tanh(Float.NaN)).isNaN();
    assertThat(FixedMath.sigmoid(Float.NEGATIVE_INFINITY)).isEqualTo(0f);
    assertThat(FixedMath.sigmoid(Float.POSITIVE_INFINITY)).isEqualTo(1f);
    assertThat(FixedMath.sigmoid(0f)).isEqualTo(0.5f);
    assertThat(FixedMath.sigmoid(Float.NaN)).isNaN();
  }

  /**
   * The SHA-256 of exp, sigmoid and tanh over 30,000 fixed arguments each: the same on every JDK,
   * CPU and vector width (the vector kernels give the plain bits, see {@code
   * ElementWiseKernelsTest}). If this changes, every trained number changes: update it only with
   * docs/determinism.md.
   */
  @Test
  void theBitsArePinned() throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    SplittableRandom random = new SplittableRandom(28);
    ByteBuffer buffer = ByteBuffer.allocate(16);
    for (int i = 0; i < 30_000; i++) {
      double x = random.nextDouble(-745, 709);
      float f = (float) random.nextDouble(-12, 12);
      buffer.clear();
      buffer.putDouble(FixedMath.exp(x));
      buffer.putFloat(FixedMath.sigmoid(f));
      buffer.putFloat(FixedMath.tanh(f));
      sha.update(buffer.array());
    }
    assertThat(HexFormat.of().formatHex(sha.digest()))
        .isEqualTo("7d0c959b408181c774f3d04136df15ac8d20c7f1c1a3928cf499dcd4a3c13ec1");
  }
}
