package dev.gakushu.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The kernels of {@link ElementWise} that have a faster form: the Vector API ReLU against the plain
 * loops bit for bit, and the dropout mask against the draws of {@link SplittableRandom}.
 */
class ElementWiseKernelsTest {
  private static final float[] SPECIAL = {
    Float.NaN,
    -Float.NaN,
    0f,
    -0f,
    Float.MIN_VALUE,
    -Float.MIN_VALUE,
    Float.POSITIVE_INFINITY,
    Float.NEGATIVE_INFINITY,
    Float.MAX_VALUE,
    1e-40f
  };

  /** Random values with the special ones mixed in, {@code length} of them. */
  private static float[] values(int length, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] v = new float[length];
    for (int i = 0; i < length; i++) {
      v[i] =
          random.nextInt(4) == 0
              ? SPECIAL[random.nextInt(SPECIAL.length)]
              : (float) random.nextGaussian();
    }
    return v;
  }

  private static int[] bits(float[] v) {
    int[] b = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = Float.floatToRawIntBits(v[i]);
    }
    return b;
  }

  @Test
  void theVectorKernelsAreUsedWhenTheKernelChoiceSaysSo() {
    assertThat(ElementWise.VECTOR).isEqualTo(KernelChoice.current().vector());
  }

  @Test
  void reluKeepsPositiveValuesAndZeroesTheRestNaNIncluded() {
    float[] x = {-1f, 0f, -0f, 2f, Float.NaN, Float.POSITIVE_INFINITY, Float.MIN_VALUE};
    Matrix out = new Matrix(1, x.length);
    out.fill(7f);
    ElementWise.relu(Matrix.of(1, x.length, x), out);
    assertThat(bits(out.data()))
        .containsExactly(
            bits(new float[] {0f, 0f, 0f, 2f, 0f, Float.POSITIVE_INFINITY, Float.MIN_VALUE}));
  }

  @Property(tries = 80)
  void vectorAndPlainReluGiveTheSameBits(
      @ForAll @IntRange(min = 0, max = 150) int length,
      @ForAll boolean viaVector,
      @ForAll long seed) {
    float[] x = values(length, seed);
    float[] g = values(length, seed + 1);
    Matrix xm = Matrix.wrap(1, length, x);
    Matrix gm = Matrix.wrap(1, length, g);
    Matrix viaElementWise = new Matrix(1, length);
    ElementWise.relu(xm, viaElementWise, viaVector);
    float[] plain = new float[length];
    PlainElementWise.relu(x, plain, 0);
    float[] vector = new float[length];
    VectorElementWise.relu(x, vector);
    assertThat(bits(vector)).containsExactly(bits(plain));
    assertThat(bits(viaElementWise.data())).containsExactly(bits(plain));
    for (int i = 0; i < length; i++) {
      assertThat(Float.floatToRawIntBits(plain[i]))
          .isEqualTo(Float.floatToRawIntBits(x[i] > 0 ? x[i] : 0f));
    }

    Matrix backward = new Matrix(1, length);
    ElementWise.reluBackward(xm, gm, backward, viaVector);
    float[] plainBackward = new float[length];
    PlainElementWise.reluBackward(x, g, plainBackward, 0);
    float[] vectorBackward = new float[length];
    VectorElementWise.reluBackward(x, g, vectorBackward);
    assertThat(bits(vectorBackward)).containsExactly(bits(plainBackward));
    assertThat(bits(backward.data())).containsExactly(bits(plainBackward));
    for (int i = 0; i < length; i++) {
      assertThat(Float.floatToRawIntBits(plainBackward[i]))
          .isEqualTo(Float.floatToRawIntBits(x[i] > 0 ? g[i] : 0f));
    }
  }

  /**
   * Sigmoid and tanh, vector against plain, on values that include the special ones and, at a
   * random power of two, arguments from the tanh series' range to saturation. NaN is compared as
   * NaN (its payload is left to the CPU).
   */
  @Property(tries = 80)
  void vectorAndPlainSigmoidAndTanhGiveTheSameBits(
      @ForAll @IntRange(min = 0, max = 150) int length,
      @ForAll @IntRange(min = -20, max = 5) int scaleExponent,
      @ForAll boolean viaVector,
      @ForAll long seed) {
    float[] x = values(length, seed);
    for (int i = 0; i < length; i++) {
      x[i] = Math.scalb(x[i], scaleExponent);
    }
    Matrix xm = Matrix.wrap(1, length, x);
    for (boolean tanh : new boolean[] {false, true}) {
      float[] plain = new float[length];
      float[] vector = new float[length];
      Matrix viaElementWise = new Matrix(1, length);
      if (tanh) {
        FixedMath.tanh(x, plain, 0);
        FixedMath.tanh(x, vector, VectorFixedMath.tanh(x, vector));
        ElementWise.tanh(xm, viaElementWise, viaVector);
      } else {
        FixedMath.sigmoid(x, plain, 0);
        FixedMath.sigmoid(x, vector, VectorFixedMath.sigmoid(x, vector));
        ElementWise.sigmoid(xm, viaElementWise, viaVector);
      }
      for (int i = 0; i < length; i++) {
        float expected = tanh ? FixedMath.tanh(x[i]) : FixedMath.sigmoid(x[i]);
        assertThat(Float.floatToIntBits(plain[i])).isEqualTo(Float.floatToIntBits(expected));
        assertThat(Float.floatToIntBits(vector[i]))
            .as("%s(%s)", tanh ? "tanh" : "sigmoid", x[i])
            .isEqualTo(Float.floatToIntBits(expected));
        assertThat(Float.floatToIntBits(viaElementWise.data()[i]))
            .isEqualTo(Float.floatToIntBits(expected));
      }
    }
  }

  /**
   * The e^x of the vector sigmoid and tanh at double precision, lane by lane against the plain one
   * and pinned to its bits ({@link FixedMathTest#FLOAT_EXP_SHA}): rounding to float hides most
   * changes to its rounding from the tests of sigmoid and tanh and from the fingerprints.
   */
  @Test
  void vectorFloatExpGivesThePlainDoubleBits() throws Exception {
    double[] special = {
      Double.NaN,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      0.0,
      -0.0,
      128,
      -128,
      128.5,
      -128.5,
      Double.MIN_VALUE,
      1e-300,
      -1e-300,
      88.72,
      -103.97,
      0x1.62e42fefa39efp-2,
      1
    };
    assertThat(doubleBits(vectorFloatExp(special)))
        .containsExactly(doubleBits(plainFloatExp(special)));
    double[] x = FixedMathTest.floatExpArguments();
    double[] vector = vectorFloatExp(x);
    double[] plain = plainFloatExp(x);
    for (int i = 0; i < x.length; i++) {
      assertThat(Double.doubleToLongBits(vector[i]))
          .as("floatExp(%s) at %d bits", x[i], VectorWidth.bits())
          .isEqualTo(Double.doubleToLongBits(plain[i]));
    }
    assertThat(FixedMathTest.sha256(vector)).isEqualTo(FixedMathTest.FLOAT_EXP_SHA);
  }

  /** The vector floatExp of each value; the length a multiple of 8. */
  private static double[] vectorFloatExp(double[] x) {
    double[] e = new double[x.length];
    assertThat(VectorFixedMath.floatExp(x, e)).isEqualTo(x.length);
    return e;
  }

  private static double[] plainFloatExp(double[] x) {
    double[] e = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      e[i] = FixedMath.floatExp(x[i]);
    }
    return e;
  }

  /** The bits of each value, NaN as NaN (its payload is left to the CPU). */
  private static long[] doubleBits(double[] v) {
    long[] b = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = Double.doubleToLongBits(v[i]);
    }
    return b;
  }

  @Property(tries = 60)
  void vectorAndPlainBiasAddAndColumnSumsGiveTheSameBits(
      @ForAll @IntRange(min = 1, max = 40) int rows,
      @ForAll @IntRange(min = 1, max = 70) int cols,
      @ForAll boolean viaVector,
      @ForAll long seed) {
    float[] x = values(rows * cols, seed);
    float[] bias = values(cols, seed + 1);
    float[] plain = x.clone();
    PlainElementWise.addRowVector(plain, bias, cols, 0);
    float[] vector = x.clone();
    int whole = VectorElementWise.addRowVector(vector, bias, cols);
    int lanes = VectorWidth.bits() / Float.SIZE;
    assertThat(whole).isEqualTo(cols / lanes * lanes);
    PlainElementWise.addRowVector(vector, bias, cols, whole);
    Matrix viaElementWise = Matrix.of(rows, cols, x);
    ElementWise.addRowVector(viaElementWise, Matrix.wrap(1, cols, bias), viaVector);
    for (int i = 0; i < x.length; i++) {
      float expected = x[i] + bias[i % cols];
      assertThat(Float.floatToIntBits(plain[i])).isEqualTo(Float.floatToIntBits(expected));
      assertThat(Float.floatToIntBits(vector[i]))
          .as("entry %d", i)
          .isEqualTo(Float.floatToIntBits(expected));
      assertThat(Float.floatToIntBits(viaElementWise.data()[i]))
          .isEqualTo(Float.floatToIntBits(expected));
    }

    Matrix sums = new Matrix(1, cols);
    sums.fill(7f);
    double[] scratch = new double[cols + 3];
    java.util.Arrays.fill(scratch, 5.0); // cleared before use
    ElementWise.columnSums(Matrix.wrap(rows, cols, x), sums, scratch, viaVector);
    for (int c = 0; c < cols; c++) {
      double sum = 0;
      for (int r = 0; r < rows; r++) {
        sum += x[r * cols + c];
      }
      assertThat(Float.floatToIntBits(sums.data()[c]))
          .as("column %d", c)
          .isEqualTo(Float.floatToIntBits((float) sum));
    }
  }

  @Test
  void reluRefusesMatricesOfDifferentShapes() {
    Matrix x = new Matrix(2, 3);
    assertThatThrownBy(() -> ElementWise.relu(x, new Matrix(3, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("relu");
    assertThatThrownBy(() -> ElementWise.reluBackward(x, new Matrix(2, 2), new Matrix(2, 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reluBackward");
    assertThatThrownBy(() -> ElementWise.reluBackward(x, new Matrix(2, 3), new Matrix(1, 6)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reluBackward");
  }

  @Test
  void plainKernelsStartAtTheGivenIndex() {
    float[] x = {1f, 2f, -3f, 4f};
    float[] out = {9f, 9f, 9f, 9f};
    PlainElementWise.relu(x, out, 2);
    assertThat(out).containsExactly(9f, 9f, 0f, 4f);
    float[] dx = {9f, 9f, 9f, 9f};
    PlainElementWise.reluBackward(x, new float[] {5f, 6f, 7f, 8f}, dx, 2);
    assertThat(dx).containsExactly(9f, 9f, 0f, 8f);
  }

  @Property(tries = 60)
  void dropoutMaskDrawsWhatSplittableRandomDraws(
      @ForAll @IntRange(min = 0, max = 300) int size,
      @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double ratio,
      @ForAll long seed) {
    Matrix mask = new Matrix(1, size);
    int kept = ElementWise.dropoutMask(mask, ratio, 1.25f, seed);
    SplittableRandom reference = new SplittableRandom(seed);
    int expectedKept = 0;
    for (int i = 0; i < size; i++) {
      boolean keep = reference.nextDouble() >= ratio;
      expectedKept += keep ? 1 : 0;
      assertThat(mask.data()[i]).as("entry %d", i).isEqualTo(keep ? 1.25f : 0f);
    }
    assertThat(kept).isEqualTo(expectedKept);
  }

  @Property(tries = 60)
  void vectorAndPlainDropoutMasksAreTheSame(
      @ForAll @IntRange(min = 0, max = 100) int size,
      @ForAll @IntRange(min = 0, max = 100) int from,
      @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double ratio,
      @ForAll long seed) {
    long threshold = (long) Math.ceil(ratio * 0x1.0p53);
    float[] plain = new float[size];
    int plainKept = PlainElementWise.dropoutMask(plain, threshold, 3f, seed, 0);
    float[] vector = new float[size];
    assertThat(VectorElementWise.dropoutMask(vector, threshold, 3f, seed)).isEqualTo(plainKept);
    assertThat(vector).containsExactly(plain);
    for (boolean viaVector : new boolean[] {false, true}) {
      Matrix mask = new Matrix(1, size);
      assertThat(ElementWise.dropoutMask(mask, ratio, 3f, seed, viaVector)).isEqualTo(plainKept);
      assertThat(mask.data()).containsExactly(plain);
    }
    // from a later entry: the same draws for the entries from there on, the others untouched
    int start = Math.min(from, size);
    float[] tail = new float[size];
    java.util.Arrays.fill(tail, -1f);
    int tailKept = PlainElementWise.dropoutMask(tail, threshold, 3f, seed, start);
    int expectedTailKept = 0;
    for (int i = 0; i < size; i++) {
      assertThat(tail[i]).as("entry %d", i).isEqualTo(i < start ? -1f : plain[i]);
      expectedTailKept += i >= start && plain[i] != 0f ? 1 : 0;
    }
    assertThat(tailKept).isEqualTo(expectedTailKept);
  }

  @Test
  void dropoutMaskComparesEachDrawWithTheRatioExactly() {
    // ratios set exactly at, just above and just below the first draws of a stream: an entry is
    // kept when its draw is at least the ratio
    long seed = 42;
    SplittableRandom reference = new SplittableRandom(seed);
    double first = reference.nextDouble();
    for (double ratio : new double[] {first, Math.nextUp(first), Math.nextDown(first)}) {
      Matrix mask = new Matrix(1, 1);
      int kept = ElementWise.dropoutMask(mask, ratio, 2f, seed);
      boolean keep = first >= ratio;
      assertThat(mask.data()[0]).as("ratio %s", ratio).isEqualTo(keep ? 2f : 0f);
      assertThat(kept).isEqualTo(keep ? 1 : 0);
    }
  }

  @Test
  void dropoutMaskWithRatioZeroKeepsAll() {
    Matrix mask = new Matrix(3, 4);
    assertThat(ElementWise.dropoutMask(mask, 0, 1f, 7)).isEqualTo(12);
    assertThat(mask.data()).containsOnly(1f);
  }
}
