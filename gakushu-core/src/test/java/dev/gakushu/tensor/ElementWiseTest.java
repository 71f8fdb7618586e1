package dev.gakushu.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

class ElementWiseTest {
  @Test
  void softmaxCrossEntropyIsStableForHugeLogits() {
    Matrix z = Matrix.of(2, 3, 1000f, 0f, -1000f, 1f, 2f, 3f);
    Matrix p = new Matrix(2, 3);
    double loss = ElementWise.softmaxCrossEntropy(z, new int[] {1, 2}, p);
    // row 0: −log softmax = 1000 − 0; row 1: log(e+e²+e³) − 3
    double expected = 1000 + (Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 3);
    assertThat(loss).isCloseTo(expected, within(1e-9 * expected));
    assertThat(p.get(0, 0)).isEqualTo(1f);
    assertThat(p.get(1, 0) + p.get(1, 1) + p.get(1, 2)).isCloseTo(1f, within(1e-6f));
  }

  @Test
  void crossEntropyGradientIsProbabilitiesMinusOneHotOverN() {
    Matrix p = Matrix.of(2, 2, 0.25f, 0.75f, 0.5f, 0.5f);
    Matrix g = new Matrix(2, 2);
    ElementWise.softmaxCrossEntropyGradient(p, new int[] {1, 0}, g);
    assertThat(g.data()).containsExactly(0.125f, -0.125f, -0.25f, 0.25f);
  }

  @Test
  void reluBackwardPassesGradientOnlyWherePositive() {
    Matrix x = Matrix.of(1, 3, -1f, 0f, 2f);
    Matrix dx = new Matrix(1, 3);
    ElementWise.reluBackward(x, Matrix.of(1, 3, 5f, 6f, 7f), dx);
    assertThat(dx.data()).containsExactly(0f, 0f, 7f);
  }

  @Test
  void columnSumsAddEveryRow() {
    Matrix sums = new Matrix(1, 2);
    ElementWise.columnSums(Matrix.of(3, 2, 1, 2, 3, 4, 5, 6), sums, new double[2]);
    assertThat(sums.data()).containsExactly(9f, 12f);
  }

  @Test
  void argmaxTakesTheFirstOfEqualMaxima() {
    int[] out = new int[2];
    ElementWise.argmaxRows(Matrix.of(2, 3, 1, 3, 3, 0, -1, -2), out);
    assertThat(out).containsExactly(1, 0);
  }

  private static Matrix m23() {
    return new Matrix(2, 3);
  }

  private static Matrix m32() {
    return new Matrix(3, 2);
  }

  /**
   * Every kernel refuses an argument of the wrong shape, whichever argument it is, with a message
   * naming the operation, before it writes anything.
   */
  @TestFactory
  Stream<DynamicTest> everyArgumentOfTheWrongShapeIsRefused() {
    record Call(String operation, Executable call) {}
    int[] twoLabels = {0, 1};
    List<Call> calls =
        List.of(
            new Call("addRowVector", () -> ElementWise.addRowVector(m23(), new Matrix(1, 2))),
            new Call("addRowVector", () -> ElementWise.addRowVector(m23(), new Matrix(3, 1))),
            new Call(
                "columnSums", () -> ElementWise.columnSums(m23(), new Matrix(1, 2), new double[3])),
            new Call("addScaled", () -> ElementWise.addScaled(m23(), 1f, m32())),
            new Call("multiply", () -> ElementWise.multiply(m23(), m32(), m23())),
            new Call("multiply", () -> ElementWise.multiply(m23(), m23(), m32())),
            new Call("scale", () -> ElementWise.scale(m23(), 2f, m32())),
            new Call("relu", () -> ElementWise.relu(m23(), m32())),
            new Call("reluBackward", () -> ElementWise.reluBackward(m23(), m32(), m23())),
            new Call("reluBackward", () -> ElementWise.reluBackward(m23(), m23(), m32())),
            new Call("sigmoid", () -> ElementWise.sigmoid(m23(), m32())),
            new Call("sigmoidBackward", () -> ElementWise.sigmoidBackward(m23(), m32(), m23())),
            new Call("sigmoidBackward", () -> ElementWise.sigmoidBackward(m23(), m23(), m32())),
            new Call("tanh", () -> ElementWise.tanh(m23(), m32())),
            new Call("tanhBackward", () -> ElementWise.tanhBackward(m23(), m32(), m23())),
            new Call("tanhBackward", () -> ElementWise.tanhBackward(m23(), m23(), m32())),
            new Call("softmaxRows", () -> ElementWise.softmaxRows(m23(), m32())),
            new Call(
                "softmaxCrossEntropy",
                () -> ElementWise.softmaxCrossEntropy(m23(), twoLabels, m32())),
            new Call(
                "labels for 2 rows",
                () -> ElementWise.softmaxCrossEntropy(m23(), new int[] {0, 1, 2}, m23())),
            new Call(
                "softmaxCrossEntropyGradient",
                () -> ElementWise.softmaxCrossEntropyGradient(m23(), twoLabels, m32())),
            new Call(
                "labels for 2 rows",
                () -> ElementWise.softmaxCrossEntropyGradient(m23(), new int[] {0}, m23())));
    return calls.stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.operation(),
                    () ->
                        assertThatThrownBy(c.call()::execute)
                            .isInstanceOf(IllegalArgumentException.class)
                            .hasMessageContaining(c.operation())));
  }

  @Test
  void dropoutDropsExactlyTheDrawsBelowTheRatioAndCountsTheKeptOnes() {
    // the draws are SplittableRandom's of the stream seed; the ratio is set to the second one
    double[] draws = new double[6];
    java.util.SplittableRandom stream = new java.util.SplittableRandom(3);
    for (int i = 0; i < draws.length; i++) {
      draws[i] = stream.nextDouble();
    }
    Matrix mask = new Matrix(2, 3);
    mask.fill(9f);
    int kept = ElementWise.dropoutMask(mask, draws[1], 2f, 3);
    int expectedKept = 0;
    for (int i = 0; i < draws.length; i++) {
      // a draw equal to the ratio is not below it: kept
      assertThat(mask.data()[i]).as("entry %d", i).isEqualTo(draws[i] >= draws[1] ? 2f : 0f);
      expectedKept += draws[i] >= draws[1] ? 1 : 0;
    }
    assertThat(mask.data()[1]).isEqualTo(2f);
    assertThat(kept).isEqualTo(expectedKept);
    assertThat(ElementWise.dropoutMask(mask, 0.0, 1f, 3)).isEqualTo(6);
    assertThat(mask.data()).containsOnly(1f);
  }

  @Test
  void reluIsMaxWithPositiveZero() {
    float[] in = {-2f, -0f, 0f, 1e-30f, 3f, Float.NEGATIVE_INFINITY};
    Matrix out = new Matrix(1, in.length);
    ElementWise.relu(Matrix.of(1, in.length, in), out);
    // bit for bit what Math.max(x, 0f) gives: −0 becomes +0
    for (int i = 0; i < in.length; i++) {
      assertThat(Float.floatToRawIntBits(out.data()[i]))
          .as("relu(%s)", in[i])
          .isEqualTo(Float.floatToRawIntBits(Math.max(in[i], 0f)));
    }
  }

  @Test
  void theArithmeticKernelsComputeTheirFormulasElementByElement() {
    float[] xs = {-2.5f, -0.75f, -0f, 0f, 0.5f, 1.25f, 3f};
    float[] ys = {0.125f, -1.5f, 2f, -3f, 0.25f, 4f, -0.5f};
    Matrix x = Matrix.of(1, xs.length, xs);
    Matrix y = Matrix.of(1, ys.length, ys);
    Matrix out = new Matrix(1, xs.length);
    Matrix z = Matrix.of(1, ys.length, ys.clone());
    ElementWise.addScaled(z, 0.75f, x);
    for (int i = 0; i < xs.length; i++) {
      assertThat(z.data()[i]).as("addScaled %d", i).isEqualTo(Math.fma(0.75f, xs[i], ys[i]));
    }
    ElementWise.multiply(x, y, out);
    for (int i = 0; i < xs.length; i++) {
      assertThat(out.data()[i]).as("multiply %d", i).isEqualTo(xs[i] * ys[i]);
    }
    ElementWise.scale(x, -1.5f, out);
    for (int i = 0; i < xs.length; i++) {
      assertThat(out.data()[i]).as("scale %d", i).isEqualTo(-1.5f * xs[i]);
    }
    ElementWise.sigmoid(x, out);
    for (int i = 0; i < xs.length; i++) {
      assertThat(out.data()[i])
          .as("sigmoid %d", i)
          .isEqualTo((float) (1.0 / (1.0 + Math.exp(-xs[i]))));
    }
    ElementWise.sigmoidBackward(x, y, out);
    for (int i = 0; i < xs.length; i++) {
      assertThat(out.data()[i]).as("sigmoidBackward %d", i).isEqualTo(ys[i] * (1f - xs[i]) * xs[i]);
    }
    ElementWise.tanh(x, out);
    for (int i = 0; i < xs.length; i++) {
      assertThat(out.data()[i]).as("tanh %d", i).isEqualTo((float) Math.tanh(xs[i]));
    }
    ElementWise.tanhBackward(x, y, out);
    for (int i = 0; i < xs.length; i++) {
      assertThat(out.data()[i]).as("tanhBackward %d", i).isEqualTo(ys[i] * (1f - xs[i] * xs[i]));
    }
  }

  @Test
  void softmaxRowsGivesTheProbabilitiesOfTheCrossEntropy() {
    Matrix logits = Matrix.of(2, 3, 1f, -2f, 0.5f, 30f, 30f, -4f);
    Matrix p = new Matrix(2, 3);
    ElementWise.softmaxRows(logits, p);
    Matrix q = new Matrix(2, 3);
    ElementWise.softmaxCrossEntropy(logits, new int[] {0, 2}, q);
    assertThat(p.data()).containsExactly(q.data());
    double e0 = Math.exp(1 - 1), e1 = Math.exp(-2 - 1), e2 = Math.exp(0.5 - 1);
    assertThat(p.get(0, 1)).isEqualTo((float) e1 * (float) (1.0 / (e0 + e1 + e2)));
  }
}
