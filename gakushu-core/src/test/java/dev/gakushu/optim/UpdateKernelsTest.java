package dev.gakushu.optim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gakushu.tensor.GemmKernels;
import dev.gakushu.tensor.VectorWidth;
import java.util.SplittableRandom;
import java.util.function.ObjIntConsumer;
import java.util.function.ToIntFunction;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The optimizers' updates on the Vector API ({@link VectorUpdates}) against their plain loops, bit
 * for bit, on random values with NaN, ±0, ±∞, subnormals and the largest float mixed in, for
 * lengths that are and are not a whole number of vectors, at this JVM's vector size (the build also
 * runs this class at 256 and 512 bits, {@code -Dgakushu.vectorBits}). Every NaN counts as one
 * value: Java does not fix which NaN an operation on NaNs returns.
 */
class UpdateKernelsTest {
  private static final float[] SPECIAL = {
    Float.NaN,
    0f,
    -0f,
    Float.MIN_VALUE,
    -Float.MIN_VALUE,
    Float.POSITIVE_INFINITY,
    Float.NEGATIVE_INFINITY,
    Float.MAX_VALUE,
    1e-40f
  };

  private static final int LANES = VectorWidth.bits() / Float.SIZE;

  /** Random values, one in eight a special one; squares of Gaussians when {@code squares}. */
  private static float[] values(int length, SplittableRandom random, boolean squares) {
    float[] v = new float[length];
    for (int i = 0; i < length; i++) {
      double gaussian = random.nextGaussian();
      v[i] =
          random.nextInt(8) == 0
              ? SPECIAL[random.nextInt(SPECIAL.length)]
              : (float) (squares ? gaussian * gaussian : gaussian);
    }
    return v;
  }

  private static int[] bits(float[] v) {
    int[] b = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = Float.floatToIntBits(v[i]); // one bit pattern for every NaN
    }
    return b;
  }

  /**
   * Runs the plain loop over all of {@code count} random arrays, and the vector kernel followed by
   * the plain loop from where it stopped over copies of them, and compares every array bit for bit.
   * Arrays from index 2 on (the optimizer state) hold squares where {@code squares}.
   */
  private static void assertSameBits(
      String update,
      int length,
      long seed,
      int count,
      boolean squares,
      ToIntFunction<float[][]> vector,
      ObjIntConsumer<float[][]> plain) {
    SplittableRandom random = new SplittableRandom(seed);
    float[][] plainArrays = new float[count][];
    float[][] vectorArrays = new float[count][];
    for (int k = 0; k < count; k++) {
      plainArrays[k] = values(length, random, squares && k >= 2);
      vectorArrays[k] = plainArrays[k].clone();
    }
    plain.accept(plainArrays, 0);
    int from = vector.applyAsInt(vectorArrays);
    assertThat(from).as("%s: elements in whole vectors", update).isEqualTo(length / LANES * LANES);
    plain.accept(vectorArrays, from);
    for (int k = 0; k < count; k++) {
      assertThat(bits(vectorArrays[k]))
          .as("%s, array %d, length %d", update, k, length)
          .containsExactly(bits(plainArrays[k]));
    }
  }

  /** A float from the seed's stream in [low, high). */
  private static float between(SplittableRandom random, double low, double high) {
    return (float) (low + random.nextDouble() * (high - low));
  }

  @Test
  void theVectorSizeIsTheOneAskedFor() {
    String asked = System.getProperty("gakushu.vectorBits", "");
    if (!asked.isEmpty()) {
      assertThat(VectorWidth.bits()).isEqualTo(Integer.parseInt(asked));
    }
    assertThat(GemmKernels.vectorAvailable())
        .as("the suite runs with the Vector API module")
        .isTrue();
  }

  @Property(tries = 40)
  void sgdMomentumAndNesterovGiveThePlainBits(
      @ForAll @IntRange(min = 0, max = 150) int length, @ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float eta = between(random, 1e-4, 1);
    float mu = between(random, 0, 1);
    float muSquared = mu * mu;
    float stepOfG = (1 + mu) * eta;
    assertSameBits(
        "sgd",
        length,
        seed,
        2,
        false,
        a -> VectorUpdates.sgd(a[0], a[1], eta),
        (a, from) -> Sgd.updatePlain(a[0], a[1], eta, from));
    assertSameBits(
        "momentum",
        length,
        seed,
        3,
        false,
        a -> VectorUpdates.momentum(a[0], a[1], a[2], eta, mu),
        (a, from) -> Momentum.pytorchPlain(a[0], a[1], a[2], eta, mu, from));
    assertSameBits(
        "momentum, book",
        length,
        seed,
        3,
        false,
        a -> VectorUpdates.momentumBook(a[0], a[1], a[2], eta, mu),
        (a, from) -> Momentum.bookPlain(a[0], a[1], a[2], eta, mu, from));
    assertSameBits(
        "nesterov",
        length,
        seed,
        3,
        false,
        a -> VectorUpdates.nesterov(a[0], a[1], a[2], eta, mu),
        (a, from) -> Nesterov.pytorchPlain(a[0], a[1], a[2], eta, mu, from));
    assertSameBits(
        "nesterov, book",
        length,
        seed,
        3,
        false,
        a -> VectorUpdates.nesterovBook(a[0], a[1], a[2], eta, mu, muSquared, stepOfG),
        (a, from) -> Nesterov.bookPlain(a[0], a[1], a[2], eta, mu, muSquared, stepOfG, from));
    float keep = between(random, 0.5, 1);
    assertSameBits(
        "adamw decay",
        length,
        seed,
        1,
        false,
        a -> VectorUpdates.decay(a[0], keep),
        (a, from) -> AdamW.decayPlain(a[0], keep, from));
  }

  @Property(tries = 40)
  void adaGradAndRmsPropGiveThePlainBits(
      @ForAll @IntRange(min = 0, max = 150) int length, @ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float eta = between(random, 1e-4, 1);
    float eps = between(random, 1e-10, 1e-6);
    float decay = between(random, 0.5, 1);
    float rest = 1 - decay;
    assertSameBits(
        "adagrad",
        length,
        seed,
        3,
        true,
        a -> VectorUpdates.adaGrad(a[0], a[1], a[2], eta, eps),
        (a, from) -> AdaGrad.updatePlain(a[0], a[1], a[2], eta, eps, from));
    assertSameBits(
        "rmsprop",
        length,
        seed,
        3,
        true,
        a -> VectorUpdates.rmsProp(a[0], a[1], a[2], eta, decay, rest, eps),
        (a, from) -> RmsProp.updatePlain(a[0], a[1], a[2], eta, decay, rest, eps, from));
  }

  @Property(tries = 60)
  void adamInBothFormsWithAndWithoutAmsGradGivesThePlainBits(
      @ForAll @IntRange(min = 0, max = 150) int length, @ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float b1 = between(random, 0.5, 1);
    float b2 = between(random, 0.9, 1);
    float oneMinusB1 = 1 - b1;
    float oneMinusB2 = 1 - b2;
    float stepSize = between(random, 1e-4, 1);
    float sqrtCorrection2 = between(random, 0.01, 1);
    float eps = between(random, 1e-8, 1e-6);
    // arrays: w, g, m, v, v_max; without AMSGrad v_max is v, as AdamRule passes it
    assertSameBits(
        "adam, amsgrad",
        length,
        seed,
        5,
        true,
        a ->
            VectorUpdates.adam(
                a[0],
                a[1],
                a[2],
                a[3],
                a[4],
                b1,
                oneMinusB1,
                b2,
                oneMinusB2,
                stepSize,
                sqrtCorrection2,
                eps),
        (a, from) ->
            AdamRule.pytorchPlain(
                a[0],
                a[1],
                a[2],
                a[3],
                a[4],
                b1,
                oneMinusB1,
                b2,
                oneMinusB2,
                stepSize,
                sqrtCorrection2,
                eps,
                from));
    assertSameBits(
        "adam",
        length,
        seed,
        4,
        true,
        a ->
            VectorUpdates.adam(
                a[0],
                a[1],
                a[2],
                a[3],
                a[3],
                b1,
                oneMinusB1,
                b2,
                oneMinusB2,
                stepSize,
                sqrtCorrection2,
                eps),
        (a, from) ->
            AdamRule.pytorchPlain(
                a[0],
                a[1],
                a[2],
                a[3],
                a[3],
                b1,
                oneMinusB1,
                b2,
                oneMinusB2,
                stepSize,
                sqrtCorrection2,
                eps,
                from));
    assertSameBits(
        "adam, book, amsgrad",
        length,
        seed,
        5,
        true,
        a ->
            VectorUpdates.adamBook(
                a[0], a[1], a[2], a[3], a[4], oneMinusB1, oneMinusB2, stepSize, eps),
        (a, from) ->
            AdamRule.bookPlain(
                a[0], a[1], a[2], a[3], a[4], oneMinusB1, oneMinusB2, stepSize, eps, from));
    assertSameBits(
        "adam, book",
        length,
        seed,
        4,
        true,
        a ->
            VectorUpdates.adamBook(
                a[0], a[1], a[2], a[3], a[3], oneMinusB1, oneMinusB2, stepSize, eps),
        (a, from) ->
            AdamRule.bookPlain(
                a[0], a[1], a[2], a[3], a[3], oneMinusB1, oneMinusB2, stepSize, eps, from));
  }

  /**
   * Every pair of special values as (v_max, v) under AMSGrad, with β2 = 1 and 1 − β2 = −0 so that v
   * stays as given (in PyTorch's form; the book's turns ∞ into NaN): v_max becomes {@link
   * Math#max(float, float)} of the pair (+0 above −0, NaN if either is NaN) and w moves by the
   * square root and division of the plain loop, in every lane.
   */
  @Test
  void amsGradTakesMathMaxAndTheFloatSquareRootOfSpecialValues() {
    float[] pairs = {
      Float.NaN,
      0f,
      -0f,
      Float.MIN_VALUE,
      -Float.MIN_VALUE,
      1e-40f,
      1f,
      -1f,
      2f,
      4f,
      Float.POSITIVE_INFINITY,
      Float.NEGATIVE_INFINITY,
      Float.MAX_VALUE
    };
    int length = pairs.length * pairs.length;
    float[] v = new float[length];
    float[] vMaxBefore = new float[length];
    for (int i = 0; i < length; i++) {
      vMaxBefore[i] = pairs[i / pairs.length];
      v[i] = pairs[i % pairs.length];
    }
    for (boolean book : new boolean[] {false, true}) {
      float[] w = new float[length];
      float[] g = new float[length];
      float[] m = new float[length];
      java.util.Arrays.fill(w, 1f);
      java.util.Arrays.fill(g, 3f);
      float[] vVector = v.clone();
      float[] vMax = vMaxBefore.clone();
      int from =
          book
              ? VectorUpdates.adamBook(w, g, m, vVector, vMax, 0.5f, -0f, 0.75f, 1e-8f)
              : VectorUpdates.adam(w, g, m, vVector, vMax, 0.5f, 0.5f, 1f, -0f, 0.75f, 0.5f, 1e-8f);
      assertThat(from).isEqualTo(length / LANES * LANES);
      if (!book) {
        assertThat(bits(vVector)).containsExactly(bits(v));
      }
      for (int i = 0; i < from; i++) {
        float u = Math.max(vMaxBefore[i], vVector[i]);
        assertThat(Float.floatToIntBits(vMax[i]))
            .as("max(%s, %s)", vMaxBefore[i], vVector[i])
            .isEqualTo(Float.floatToIntBits(u));
        float root = (float) Math.sqrt(u);
        float expected =
            book ? 1f - 0.75f * 1.5f / (root + 1e-8f) : 1f - 0.75f * (1.5f / (root / 0.5f + 1e-8f));
        assertThat(Float.floatToIntBits(w[i]))
            .as("book %s, u = %s", book, u)
            .isEqualTo(Float.floatToIntBits(expected));
      }
    }
  }
}
